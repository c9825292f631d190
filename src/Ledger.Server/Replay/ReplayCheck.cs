using System.Diagnostics;
using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using Ledger.Hosting;
using Marten;
using Npgsql;

namespace Ledger.Replay;

/// <summary>One row that differs between a live view and its replay: missing from the live view, extra in it, or different.</summary>
public sealed record Difference(string View, string Id, string Kind, IReadOnlyList<string> Fields);

/// <summary>One view compared: its rows live and replayed, and how many differ.</summary>
public sealed record ViewComparison(string View, string Table, long LiveRows, long ReplayedRows, long Differing, IReadOnlyList<Difference> Examples);

public sealed record ReplayReport(long Events, TimeSpan Took, IReadOnlyList<ViewComparison> Views)
{
    public bool Clean => Views.All(v => v.Differing == 0);
}

/// <summary>
/// An auditor's proof that every view is a function of the events: copy the event log as it is into a scratch schema,
/// rebuild every projection there from nothing, and compare each view with the live one row by row (document id and
/// JSON). The live register is only read.
/// </summary>
public sealed class ReplayCheck(string connectionString, string liveSchema = LedgerStore.Schema, string scratchSchema = "ledger_replay")
{
    public const int ExamplesPerView = 20;

    /// <summary>How often a rebuild says how far it has come.</summary>
    public TimeSpan ProgressEvery { get; init; } = TimeSpan.FromSeconds(2);

    public async Task<ReplayReport> RunAsync(TextWriter progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);

        await ExecuteAsync(connection, $"drop schema if exists {scratchSchema} cascade", ct);
        using var scratch = DocumentStore.For(o => LedgerStore.Configure(o, connectionString, scratchSchema));
        await scratch.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        progress.WriteLine($"copying the event log of {liveSchema} into {scratchSchema} …");
        await ExecuteAsync(connection, $"""
            insert into {scratchSchema}.mt_streams select * from {liveSchema}.mt_streams;
            insert into {scratchSchema}.mt_events select * from {liveSchema}.mt_events;
            select setval('{scratchSchema}.mt_events_sequence', greatest(coalesce((select max(seq_id) from {scratchSchema}.mt_events), 0), 1));
            """, ct);
        // Statistics for the copies, so the daemon's page reads plan as they do on the live log.
        await ExecuteAsync(connection, $"analyze {scratchSchema}.mt_streams, {scratchSchema}.mt_events", ct);
        var events = (long)(await ScalarAsync(connection, $"select count(*) from {scratchSchema}.mt_events", ct))!;
        var last = (long)(await ScalarAsync(connection, $"select coalesce(max(seq_id), 0) from {scratchSchema}.mt_events", ct))!;
        progress.WriteLine($"{events:N0} events copied");

        using var daemon = await scratch.BuildProjectionDaemonAsync();
        var views = new List<ViewComparison>();
        foreach (var projection in scratch.Options.Projections.All)
        {
            var name = projection.Name;
            var rebuilt = Stopwatch.StartNew();
            progress.WriteLine($"rebuilding {name} …");
            await using (new RebuildProgress(daemon.Tracker, name, last, ProgressEvery, progress))
                await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(10), ct);
            progress.WriteLine($"rebuilt {name} in {rebuilt.Elapsed.TotalSeconds:N1} s");

            foreach (var type in projection.PublishedTypes())
            {
                var table = ((IReadOnlyStoreOptions)scratch.Options).FindOrResolveDocumentType(type).TableName.Name;
                var comparison = await CompareAsync(connection, name + "/" + type.Name, table, ct);
                progress.WriteLine($"  {comparison.View}: {comparison.LiveRows:N0} live, {comparison.ReplayedRows:N0} replayed, {comparison.Differing:N0} differ");
                foreach (var d in comparison.Examples)
                    progress.WriteLine($"    {d.Kind}: {d.Id}" + (d.Fields.Count > 0 ? $" ({string.Join(", ", d.Fields)})" : ""));
                views.Add(comparison);
            }
        }
        await daemon.StopAllAsync();
        return new ReplayReport(events, clock.Elapsed, views);
    }

    async Task<ViewComparison> CompareAsync(NpgsqlConnection connection, string view, string table, CancellationToken ct)
    {
        var live = (long)(await ScalarAsync(connection, $"select count(*) from {liveSchema}.{table}", ct))!;
        var replayed = (long)(await ScalarAsync(connection, $"select count(*) from {scratchSchema}.{table}", ct))!;
        var differing = (long)(await ScalarAsync(connection, $"""
            select count(*) from {liveSchema}.{table} l full outer join {scratchSchema}.{table} r on l.id = r.id
            where l.data is distinct from r.data
            """, ct))!;

        var examples = new List<Difference>();
        if (differing > 0)
        {
            await using var command = new NpgsqlCommand($"""
                select coalesce(l.id, r.id)::text, l.data::text, r.data::text
                from {liveSchema}.{table} l full outer join {scratchSchema}.{table} r on l.id = r.id
                where l.data is distinct from r.data order by 1 limit {ExamplesPerView}
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetString(0);
                if (reader.IsDBNull(1)) examples.Add(new Difference(view, id, "missing from the live view", []));
                else if (reader.IsDBNull(2)) examples.Add(new Difference(view, id, "in the live view but not in the replay", []));
                else examples.Add(new Difference(view, id, "differs", FieldsThatDiffer(reader.GetString(1), reader.GetString(2))));
            }
        }
        return new ViewComparison(view, table, live, replayed, differing, examples);
    }

    /// <summary>The top-level members whose values differ: where an auditor starts looking.</summary>
    static List<string> FieldsThatDiffer(string live, string replayed)
    {
        var a = JsonNode.Parse(live)!.AsObject();
        var b = JsonNode.Parse(replayed)!.AsObject();
        return [.. a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal)
            .Where(k => !JsonNode.DeepEquals(a[k], b[k]))];
    }

    public async Task DropScratchAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, $"drop schema if exists {scratchSchema} cascade", ct);
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }

    static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync(ct);
    }
}
