using Npgsql;

namespace Ledger.Integrity.Verifying;

/// <summary>What the verifier found: every finding in log order, the first bad sequence named when a leaf is at fault.</summary>
public sealed record Verification(long Events, long Leaves, int CheckpointsChecked, IReadOnlyList<string> Findings, long? FirstBadSequence)
{
    public bool Intact => Findings.Count == 0;
}

/// <summary>
/// Recomputes the log from <c>mt_events</c> alone and holds it against what was hashed and signed: every leaf against the
/// stored leaf, every checkpoint's root against the recomputed tree of its size, every signature against the trusted
/// key, and a consistency proof (from the stored tree) between each two consecutive checkpoints.
/// </summary>
public static class IntegrityVerifier
{
    const int MostFindings = 50;

    static async Task<NpgsqlConnection> OpenAsync(Func<NpgsqlConnection> connect, CancellationToken ct)
    {
        var connection = connect();
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>For a store: its database, its schema, and the key that signs for it now.</summary>
    public static Task<Verification> VerifyAsync(Marten.IDocumentStore store, IReadOnlyCollection<string> trustedPublicKeys, CancellationToken ct) =>
        VerifyAsync(() => (NpgsqlConnection)store.Storage.Database.CreateConnection(), store.Options.DatabaseSchemaName, trustedPublicKeys, ct);

    public static async Task<Verification> VerifyAsync(Func<NpgsqlConnection> connect, string schema, IReadOnlyCollection<string> trustedPublicKeys, CancellationToken ct)
    {
        var findings = new List<string>();
        long? firstBad = null;
        void Find(string finding, long? sequence = null)
        {
            if (findings.Count < MostFindings) findings.Add(finding);
            if (sequence is { } s && firstBad is null) firstBad = s;
        }

        await using var main = await OpenAsync(connect, ct);
        var checkpoints = await Checkpoints.ReadAsync(main, schema, latestOnly: false, ct);
        foreach (var c in checkpoints.Where(c => !trustedPublicKeys.Any(c.IsSignedBy)))
            Find($"checkpoint of tree size {c.TreeSize}: its signature does not verify with the trusted key (key id {c.KeyId})");

        var (next, wrongRoots) = (0, 0);
        var frontier = new Frontier();
        long events = 0, leaves = 0;
        await using (var eventsConnection = await OpenAsync(connect, ct))
        await using (var leavesConnection = await OpenAsync(connect, ct))
        await using (var eventsCommand = new NpgsqlCommand($"select {LeafEntry.Columns} from {schema}.mt_events order by seq_id", eventsConnection))
        await using (var leavesCommand = new NpgsqlCommand($"select leaf_index, sequence, hash from {schema}.{LogTables.Leaves} order by leaf_index", leavesConnection))
        await using (var eventRows = await eventsCommand.ExecuteReaderAsync(ct))
        await using (var leafRows = await leavesCommand.ExecuteReaderAsync(ct))
        {
            var hasEvent = await eventRows.ReadAsync(ct);
            var hasLeaf = await leafRows.ReadAsync(ct);
            // A merge on sequence: an event gone or slipped in is named once, and the rest still lines up.
            while (hasEvent || hasLeaf)
            {
                var leafSequence = hasLeaf ? leafRows.GetInt64(1) : long.MaxValue;
                var entry = hasEvent ? LeafEntry.Read(eventRows) : null;
                var hash = entry?.LeafHash();
                var eventSequence = entry?.Sequence ?? long.MaxValue;
                if (hasLeaf && leafRows.GetInt64(0) != leaves)
                    Find($"leaf {leaves}: the log's leaf table skips to index {leafRows.GetInt64(0)}", leafSequence);

                if (leafSequence < eventSequence)
                    Find($"leaf {leaves}: the event of sequence {leafSequence} is gone from mt_events" + (hasEvent ? "" : " (the tail of the log was cut)"), leafSequence);
                else if (eventSequence < leafSequence && hasLeaf)
                    Find($"the event of sequence {eventSequence} ({entry!.StreamKey} version {entry.Version}) is in mt_events but was never hashed there: it was slipped in or moved", eventSequence);
                else if (hasLeaf && !leafRows.GetFieldValue<byte[]>(2).AsSpan().SequenceEqual(hash))
                    Find($"leaf {leaves}: the event of sequence {eventSequence} ({entry!.StreamKey} version {entry.Version}) is not what was recorded: its leaf hash differs", eventSequence);

                if (eventSequence <= leafSequence)
                {
                    frontier.Append(hash!);
                    events++;
                    while (next < checkpoints.Count && checkpoints[next].TreeSize == frontier.Size)
                    {
                        var c = checkpoints[next++];
                        if (Convert.ToHexStringLower(frontier.Root()) != c.RootHash && ++wrongRoots == 1)
                            Find($"checkpoint of tree size {c.TreeSize} (issued {c.IssuedAt}): its root is not the root of the first {c.TreeSize} events as they stand");
                    }
                    hasEvent = await eventRows.ReadAsync(ct);
                }
                if (leafSequence <= eventSequence)
                {
                    leaves++;
                    hasLeaf = await leafRows.ReadAsync(ct);
                }
            }
        }
        if (wrongRoots > 1) Find($"… and {wrongRoots - 1} later checkpoints likewise");
        foreach (var c in checkpoints.Skip(next))
            Find($"checkpoint of tree size {c.TreeSize}: the events table holds only {frontier.Size} events");

        for (var i = 1; i < checkpoints.Count; i++)
        {
            var (older, newer) = (checkpoints[i - 1], checkpoints[i]);
            if (newer.TreeSize > leaves) break;
            var proof = await LogTables.RangeHashesAsync(main, schema, MerkleTree.ConsistencyRanges(older.TreeSize, newer.TreeSize), ct);
            if (proof is null || !MerkleTree.VerifyConsistency(older.TreeSize, newer.TreeSize,
                    Convert.FromHexString(older.RootHash), Convert.FromHexString(newer.RootHash), proof))
                Find($"checkpoints of tree sizes {older.TreeSize} and {newer.TreeSize}: the stored tree proves no consistency between them");
        }
        return new Verification(events, leaves, checkpoints.Count, findings, firstBad);
    }
}
