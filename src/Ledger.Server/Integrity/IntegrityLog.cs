using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Npgsql;

namespace Ledger.Integrity;

/// <summary>
/// Follows the event log in global sequence order (Marten's async daemon, behind its high-water mark, so a late commit
/// or a gap is settled before a leaf is written) and appends one leaf per event. Each slice of events is logged whole:
/// its leaves, the nodes they complete and the new frontier with the last sequence it covers, in one transaction. The
/// tree's own last sequence, not the daemon's progress, says where the log stands, so a range delivered again (after a
/// crash between the two commits) is not logged twice. Never on the recording path: a recording does not wait for its leaf.
/// </summary>
public sealed class IntegrityLog : SubscriptionBase
{
    public const string SubscriptionName = "IntegrityLog";

    /// <summary>The tree after the last page, with that page's ceiling; read again from the database when a page does not follow it.</summary>
    (Frontier Frontier, long LastSequence, long Ceiling)? _after;

    public IntegrityLog()
    {
        Name = SubscriptionName;
        Options.BatchSize = 10_000;
        IncludeArchivedEvents = true;
        // The log reads each page's rows itself, as stored (LeafEntry: the text PostgreSQL holds, not a .NET object written
        // back out). Left unfiltered, the daemon would also load and deserialize every event of the page for it, work it
        // never looks at; filtered on a type no stream holds, the daemon hands it ranges of the log with no events in them.
        IncludeType<NoEventOfTheRegister>();
    }

    /// <summary>Never appended: the filter that spares the daemon reading events this subscription reads itself.</summary>
    public sealed record NoEventOfTheRegister;

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)operations.Database.CreateConnection();
        await connection.OpenAsync(cancellationToken);

        var (frontier, lastSequence) = _after is { } after && after.Ceiling == page.SequenceFloor
            ? (after.Frontier, after.LastSequence)
            : await LogTables.ReadTreeAsync(connection, schema, cancellationToken);
        _after = null;

        // In slices of at most SliceSize events, each written with the tree in one transaction of the log's own: memory stays
        // bounded however long the range (a catch-up hands it the whole backlog at once), and the tree's last sequence,
        // committed with its leaves, is where the next slice starts, whoever delivers the range and however often.
        while (true)
        {
            var slice = await HashSliceAsync(connection, schema, frontier, lastSequence, page.SequenceCeiling, cancellationToken);
            if (slice.Sequences.Count == 0) break;
            await WriteSliceAsync(connection, schema, slice, frontier, lastSequence, cancellationToken);
            lastSequence = slice.Sequences[^1];
            if (slice.Sequences.Count < SliceSize) break;
        }

        _after = (frontier, lastSequence, page.SequenceCeiling);
        return NullChangeListener.Instance;
    }

    /// <summary>Events hashed and written per transaction of the log.</summary>
    public const int SliceSize = 10_000;

    sealed record Slice(List<long> Indexes, List<long> Sequences, List<byte[]> Hashes, List<int> Levels, List<long> NodeIndexes, List<byte[]> NodeHashes);

    /// <summary>Reads the next events after <paramref name="after"/> (at most <see cref="SliceSize"/>) and appends their leaves to the frontier.</summary>
    static async Task<Slice> HashSliceAsync(NpgsqlConnection connection, string schema, Frontier frontier, long after, long ceiling, CancellationToken ct)
    {
        var slice = new Slice([], [], [], [], [], []);
        await using var command = new NpgsqlCommand(
            $"select {LeafEntry.Columns} from {schema}.mt_events where seq_id > $1 and seq_id <= $2 order by seq_id limit {SliceSize}", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = after });
        command.Parameters.Add(new NpgsqlParameter { Value = ceiling });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var entry = LeafEntry.Read(reader);
            var hash = entry.LeafHash();
            slice.Indexes.Add(frontier.Size);
            slice.Sequences.Add(entry.Sequence);
            slice.Hashes.Add(hash);
            frontier.Append(hash, (level, index, node) => { slice.Levels.Add(level); slice.NodeIndexes.Add(index); slice.NodeHashes.Add(node); });
        }
        return slice;
    }

    /// <summary>
    /// The slice's leaves, the nodes they complete and the new frontier, in one transaction. The tree moves only from the
    /// last sequence this writer read it at: a second writer (or a stale one) fails instead of logging events twice.
    /// </summary>
    static async Task WriteSliceAsync(NpgsqlConnection connection, string schema, Slice slice, Frontier frontier, long previous, CancellationToken ct)
    {
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand($"insert into {schema}.{LogTables.Leaves} (leaf_index, sequence, hash) select * from unnest($1::bigint[], $2::bigint[], $3::bytea[])")
                {
                    Parameters = { new() { Value = slice.Indexes.ToArray() }, new() { Value = slice.Sequences.ToArray() }, new() { Value = slice.Hashes.ToArray() } },
                },
                new NpgsqlBatchCommand($"insert into {schema}.{LogTables.Nodes} (level, node_index, hash) select * from unnest($1::int[], $2::bigint[], $3::bytea[])")
                {
                    Parameters = { new() { Value = slice.Levels.ToArray() }, new() { Value = slice.NodeIndexes.ToArray() }, new() { Value = slice.NodeHashes.ToArray() } },
                },
                new NpgsqlBatchCommand(
                    $"""
                     insert into {schema}.{LogTables.Tree} as t (id, tree_size, last_sequence, frontier, root_hash) values (1, $1, $2, $3, $4)
                     on conflict (id) do update set tree_size = excluded.tree_size, last_sequence = excluded.last_sequence,
                       frontier = excluded.frontier, root_hash = excluded.root_hash
                     where t.last_sequence = $5
                     """)
                {
                    Parameters =
                    {
                        new() { Value = frontier.Size }, new() { Value = slice.Sequences[^1] }, new() { Value = frontier.Packed() },
                        new() { Value = frontier.Root() }, new() { Value = previous },
                    },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(ct);
        if (batch.BatchCommands[2].RecordsAffected != 1)
            throw new InvalidOperationException($"The integrity log's tree moved past sequence {previous} while this writer logged the events after it; nothing was written.");
        await transaction.CommitAsync(ct);
    }
}
