using Npgsql;
using Weasel.Postgresql.Tables;

namespace Ledger.Integrity;

/// <summary>
/// Where the integrity log keeps what it has hashed, beside Marten's tables: one row per leaf (its index, the event's
/// sequence, its hash), the interior nodes of every completed perfect subtree, the tree's frontier, and every
/// signed checkpoint. No event data: a leaf's entry is always recomputed from <c>mt_events</c>.
/// </summary>
public static class LogTables
{
    public const string Leaves = "ledger_integrity_leaves";
    public const string Nodes = "ledger_integrity_nodes";
    public const string Tree = "ledger_integrity_tree";
    public const string Checkpoints = "ledger_integrity_checkpoints";

    public static IEnumerable<Table> All(string schema)
    {
        var leaves = new Table($"{schema}.{Leaves}");
        leaves.AddColumn<long>("leaf_index").AsPrimaryKey();
        leaves.AddColumn<long>("sequence").NotNull();
        leaves.AddColumn("hash", "bytea").NotNull();
        leaves.Indexes.Add(new IndexDefinition($"{Leaves}_sequence") { Columns = ["sequence"], IsUnique = true });
        yield return leaves;

        var nodes = new Table($"{schema}.{Nodes}");
        nodes.AddColumn<int>("level").AsPrimaryKey();
        nodes.AddColumn<long>("node_index").AsPrimaryKey();
        nodes.AddColumn("hash", "bytea").NotNull();
        yield return nodes;

        var tree = new Table($"{schema}.{Tree}");
        tree.AddColumn<int>("id").AsPrimaryKey();
        tree.AddColumn<long>("tree_size").NotNull();
        tree.AddColumn<long>("last_sequence").NotNull();
        tree.AddColumn("frontier", "bytea").NotNull();
        tree.AddColumn("root_hash", "bytea").NotNull();
        yield return tree;

        var checkpoints = new Table($"{schema}.{Checkpoints}");
        checkpoints.AddColumn<long>("tree_size").AsPrimaryKey();
        checkpoints.AddColumn("root_hash", "bytea").NotNull();
        checkpoints.AddColumn<DateTimeOffset>("issued_at").NotNull();
        checkpoints.AddColumn<string>("key_id").NotNull();
        checkpoints.AddColumn("signature", "bytea").NotNull();
        checkpoints.AddColumn<string>("public_key").NotNull();
        yield return checkpoints;
    }

    /// <summary>Empties the log in one statement (the tests' reset, with the events; never the server).</summary>
    public static string TruncateAll(string schema) => $"truncate {schema}.{Leaves}, {schema}.{Nodes}, {schema}.{Tree}, {schema}.{Checkpoints}";

    /// <summary>The tree as the log last left it: its frontier and the last sequence it holds.</summary>
    public static async Task<(Frontier Frontier, long LastSequence)> ReadTreeAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"select tree_size, last_sequence, frontier from {schema}.{Tree} where id = 1", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return (new Frontier(), 0);
        return (Frontier.Unpack(reader.GetInt64(0), reader.GetFieldValue<byte[]>(2)), reader.GetInt64(1));
    }

    /// <summary>The hashes of perfect subtrees (level 0: leaves), by (level, index).</summary>
    public static async Task<Dictionary<(int Level, long Index), byte[]>> ReadSubtreesAsync(
        NpgsqlConnection connection, string schema, IReadOnlyCollection<(int Level, long Index)> keys, CancellationToken ct)
    {
        var found = new Dictionary<(int, long), byte[]>();
        if (keys.Count == 0) return found;
        await using var command = new NpgsqlCommand(
            $"""
             select 0, l.leaf_index, l.hash from {schema}.{Leaves} l where l.leaf_index = any($1)
             union all
             select n.level, n.node_index, n.hash from {schema}.{Nodes} n join unnest($2, $3) as k(level, node_index)
               on n.level = k.level and n.node_index = k.node_index
             """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Where(k => k.Level == 0).Select(k => k.Index).ToArray() });
        var upper = keys.Where(k => k.Level > 0).ToList();
        command.Parameters.Add(new NpgsqlParameter { Value = upper.Select(k => k.Level).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = upper.Select(k => k.Index).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) found[(reader.GetInt32(0), reader.GetInt64(1))] = reader.GetFieldValue<byte[]>(2);
        return found;
    }

    /// <summary>The hashes of the ranges a proof is made of, from the stored subtrees; null when the log does not hold them.</summary>
    public static async Task<List<byte[]>?> RangeHashesAsync(
        NpgsqlConnection connection, string schema, IReadOnlyList<(long Start, long End)> ranges, CancellationToken ct)
    {
        var runs = ranges.Select(r => MerkleTree.PerfectRun(r.Start, r.End).ToList()).ToList();
        var subtrees = await ReadSubtreesAsync(connection, schema, [.. runs.SelectMany(r => r).Distinct()], ct);
        var hashes = new List<byte[]>(runs.Count);
        foreach (var run in runs)
        {
            if (run.Any(k => !subtrees.ContainsKey(k))) return null;
            hashes.Add(MerkleTree.FoldRight([.. run.Select(k => subtrees[k])]));
        }
        return hashes;
    }
}
