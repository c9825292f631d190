using Npgsql;

namespace Ledger.Integrity.Verifying;

/// <summary>What the verifier found: every finding in log order, the first bad sequence named when a leaf is at fault.</summary>
public sealed record Verification(long Events, long Leaves, long CheckpointsChecked, IReadOnlyList<string> Findings, long? FirstBadSequence)
{
    public bool Intact => Findings.Count == 0;
}

/// <summary>
/// Recomputes the log from <c>mt_events</c> alone and holds it against what was hashed and signed: every leaf against the
/// stored leaf, every checkpoint's root against the recomputed tree of its size, every signature against the trusted
/// keys, and a consistency proof (from the stored tree) between each two consecutive checkpoints. Events, leaves and
/// checkpoints are read as streams side by side, so a log of years takes time but not memory.
/// </summary>
public static class IntegrityVerifier
{
    const int MostFindings = 50;

    /// <summary>For a store: its database and its schema.</summary>
    public static Task<Verification> VerifyAsync(Marten.IDocumentStore store, IReadOnlyCollection<string> trustedPublicKeys, CancellationToken ct,
        IProgress<long>? progress = null) =>
        VerifyAsync(() => (NpgsqlConnection)store.Storage.Database.CreateConnection(), store.Options.DatabaseSchemaName, trustedPublicKeys, ct, progress);

    /// <param name="progress">Told the sequence of each event once it is hashed and held against its leaf.</param>
    public static async Task<Verification> VerifyAsync(Func<NpgsqlConnection> connect, string schema, IReadOnlyCollection<string> trustedPublicKeys,
        CancellationToken ct, IProgress<long>? progress = null)
    {
        var findings = new List<string>();
        long? firstBad = null;
        void Find(string finding, long? sequence = null)
        {
            if (findings.Count < MostFindings) findings.Add(finding);
            if (sequence is { } s && firstBad is null) firstBad = s;
        }

        await using var main = await OpenAsync(connect, ct);
        // Checkpoints, then leaves, then events, each in a snapshot of its own: each is written only after the one before it
        // in this order was, so while the server runs on, every leaf read has its event and every checkpoint its leaves.
        await using var checkpointRows = await Rows.OpenAsync(connect,
            $"select tree_size, root_hash, issued_at, key_id, signature, public_key from {schema}.{LogTables.Checkpoints} order by tree_size", ct);
        await using var leafRows = await Rows.OpenAsync(connect, $"select leaf_index, sequence, hash from {schema}.{LogTables.Leaves} order by leaf_index", ct);
        await using var eventRows = await Rows.OpenAsync(connect, $"select {LeafEntry.Columns} from {schema}.mt_events order by seq_id", ct);

        var frontier = new Frontier();
        long events = 0, leaves = 0, checkpoints = 0, wrongRoots = 0;
        Checkpoint? previous = null;
        async Task CheckAsync(Checkpoint c, byte[]? recomputedRoot)
        {
            checkpoints++;
            if (!trustedPublicKeys.Any(c.IsSignedBy))
                Find($"checkpoint of tree size {c.TreeSize}: its signature does not verify with the trusted key (key id {c.KeyId})");
            if (recomputedRoot is null)
                Find($"checkpoint of tree size {c.TreeSize}: the events table holds only {frontier.Size} events");
            else if (Convert.ToHexStringLower(recomputedRoot) != c.RootHash && ++wrongRoots == 1)
                Find($"checkpoint of tree size {c.TreeSize} (issued {c.IssuedAt}): its root is not the root of the first {c.TreeSize} events as they stand");
            if (previous is not null)
            {
                var proof = await LogTables.RangeHashesAsync(main, schema, MerkleTree.ConsistencyRanges(previous.TreeSize, c.TreeSize), ct);
                if (proof is null || !MerkleTree.VerifyConsistency(previous.TreeSize, c.TreeSize,
                        Convert.FromHexString(previous.RootHash), Convert.FromHexString(c.RootHash), proof))
                    Find($"checkpoints of tree sizes {previous.TreeSize} and {c.TreeSize}: the stored tree proves no consistency between them");
            }
            previous = c;
        }

        var checkpoint = await checkpointRows.NextAsync(ReadCheckpoint, ct);
        var hasEvent = await eventRows.Reader.ReadAsync(ct);
        var hasLeaf = await leafRows.Reader.ReadAsync(ct);
        // A merge on sequence: an event gone or slipped in is named once, and the rest still lines up.
        while (hasEvent || hasLeaf)
        {
            var leafSequence = hasLeaf ? leafRows.Reader.GetInt64(1) : long.MaxValue;
            var entry = hasEvent ? LeafEntry.Read(eventRows.Reader) : null;
            var hash = entry?.LeafHash();
            var eventSequence = entry?.Sequence ?? long.MaxValue;
            if (hasLeaf && leafRows.Reader.GetInt64(0) != leaves)
                Find($"leaf {leaves}: the log's leaf table skips to index {leafRows.Reader.GetInt64(0)}", leafSequence);

            if (leafSequence < eventSequence)
                Find($"leaf {leaves}: the event of sequence {leafSequence} is gone from mt_events" + (hasEvent ? "" : " (the tail of the log was cut)"), leafSequence);
            else if (eventSequence < leafSequence && hasLeaf)
                Find($"the event of sequence {eventSequence} ({entry!.StreamKey} version {entry.Version}) is in mt_events but was never hashed there: it was slipped in or moved", eventSequence);
            else if (hasLeaf && !leafRows.Reader.GetFieldValue<byte[]>(2).AsSpan().SequenceEqual(hash))
                Find($"leaf {leaves}: the event of sequence {eventSequence} ({entry!.StreamKey} version {entry.Version}) is not what was recorded: its leaf hash differs", eventSequence);

            if (eventSequence <= leafSequence)
            {
                frontier.Append(hash!);
                events++;
                progress?.Report(eventSequence);
                while (checkpoint is not null && checkpoint.TreeSize == frontier.Size)
                {
                    await CheckAsync(checkpoint, frontier.Root());
                    checkpoint = await checkpointRows.NextAsync(ReadCheckpoint, ct);
                }
                hasEvent = await eventRows.Reader.ReadAsync(ct);
            }
            if (leafSequence <= eventSequence)
            {
                leaves++;
                hasLeaf = await leafRows.Reader.ReadAsync(ct);
            }
        }
        for (; checkpoint is not null; checkpoint = await checkpointRows.NextAsync(ReadCheckpoint, ct)) await CheckAsync(checkpoint, null);
        if (wrongRoots > 1) Find($"… and {wrongRoots - 1} later checkpoints likewise");
        return new Verification(events, leaves, checkpoints, findings, firstBad);
    }

    /// <summary>The log's last sequence: where a verification's progress ends.</summary>
    public static async Task<long> LastSequenceAsync(Marten.IDocumentStore store, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"select coalesce(max(seq_id), 0) from {store.Options.DatabaseSchemaName}.mt_events", connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    static Checkpoint ReadCheckpoint(NpgsqlDataReader r) => new(r.GetInt64(0), Convert.ToHexStringLower(r.GetFieldValue<byte[]>(1)),
        LeafEntry.Format(r.GetFieldValue<DateTimeOffset>(2)), r.GetString(3), Convert.ToBase64String(r.GetFieldValue<byte[]>(4)), r.GetString(5));

    static async Task<NpgsqlConnection> OpenAsync(Func<NpgsqlConnection> connect, CancellationToken ct)
    {
        var connection = connect();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>A query read row by row on a connection of its own.</summary>
    sealed class Rows(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader) : IAsyncDisposable
    {
        public NpgsqlDataReader Reader => reader;

        public static async Task<Rows> OpenAsync(Func<NpgsqlConnection> connect, string sql, CancellationToken ct)
        {
            var connection = await IntegrityVerifier.OpenAsync(connect, ct);
            var command = new NpgsqlCommand(sql, connection);
            return new Rows(connection, command, await command.ExecuteReaderAsync(ct));
        }

        public async Task<T?> NextAsync<T>(Func<NpgsqlDataReader, T> read, CancellationToken ct) where T : class =>
            await reader.ReadAsync(ct) ? read(reader) : null;

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
