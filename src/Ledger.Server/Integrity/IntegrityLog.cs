using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using Npgsql;

namespace Ledger.Integrity;

/// <summary>
/// Follows the event log in global sequence order (Marten's async daemon, behind its high-water mark, so a late commit
/// or a gap is settled before a leaf is written) and appends one leaf per event. The leaves, the nodes they complete and
/// the new frontier are committed in the same transaction as the subscription's progress: a page is logged once, whole.
/// Never on the recording path: a recording does not wait for its leaf.
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
    }

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

        var indexes = new List<long>();
        var sequences = new List<long>();
        var hashes = new List<byte[]>();
        var (levels, nodeIndexes, nodeHashes) = (new List<int>(), new List<long>(), new List<byte[]>());
        await using (var command = new NpgsqlCommand(
                         $"select {LeafEntry.Columns} from {schema}.mt_events where seq_id > $1 and seq_id <= $2 order by seq_id", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = lastSequence });
            command.Parameters.Add(new NpgsqlParameter { Value = page.SequenceCeiling });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var entry = LeafEntry.Read(reader);
                var hash = entry.LeafHash();
                indexes.Add(frontier.Size);
                sequences.Add(entry.Sequence);
                hashes.Add(hash);
                frontier.Append(hash, (level, index, node) => { levels.Add(level); nodeIndexes.Add(index); nodeHashes.Add(node); });
                lastSequence = entry.Sequence;
            }
        }

        if (indexes.Count > 0)
        {
            operations.QueueSqlCommand(
                $"insert into {schema}.{LogTables.Leaves} (leaf_index, sequence, hash) select * from unnest(?::bigint[], ?::bigint[], ?::bytea[])",
                indexes.ToArray(), sequences.ToArray(), hashes.ToArray());
            if (levels.Count > 0)
                operations.QueueSqlCommand(
                    $"insert into {schema}.{LogTables.Nodes} (level, node_index, hash) select * from unnest(?::int[], ?::bigint[], ?::bytea[])",
                    levels.ToArray(), nodeIndexes.ToArray(), nodeHashes.ToArray());
            operations.QueueSqlCommand(
                $"""
                 insert into {schema}.{LogTables.Tree} (id, tree_size, last_sequence, frontier, root_hash) values (1, ?, ?, ?, ?)
                 on conflict (id) do update set tree_size = excluded.tree_size, last_sequence = excluded.last_sequence,
                   frontier = excluded.frontier, root_hash = excluded.root_hash
                 """,
                frontier.Size, lastSequence, frontier.Packed(), frontier.Root());
        }

        _after = (frontier, lastSequence, page.SequenceCeiling);
        return NullChangeListener.Instance;
    }
}
