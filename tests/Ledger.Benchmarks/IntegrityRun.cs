using System.Diagnostics;
using System.Globalization;
using Ledger.Hosting;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>
/// The integrity run (issue 8): how fast the log catches up on events already stored, and how long a recording waits
/// to be inside a signed checkpoint while the recording load runs.
///   dotnet run -c Release --project tests/Ledger.Benchmarks -- integrity [--events 1000000] [--seconds 20] [--build]
/// 1. the real server creates the schema and stops; N events (UnitQueried, as registers before the query-log table kept queries, 5 per stream)
///    are inserted in SQL; the server starts again and the log hashes them all: leaves/s from the first leaf to the last.
/// 2. 8 clients record through HTTP for the given seconds; a sampler notes every 100 ms the newest committed sequence and
///    the newest sequence a checkpoint covers; the lag of a sample is the time until a checkpoint covers it.
/// </summary>
static class IntegrityRun
{
    const double CatchUpTarget = 20_000, LagTargetSeconds = 5;

    public static async Task RunAsync(string[] args)
    {
        var events = Arguments.Option(args, "--events", 1_000_000);
        var seconds = Arguments.Option(args, "--seconds", 20);
        var root = Repository.Root();
        var folder = Path.Combine(OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp", $"ledger-integrity-{Guid.NewGuid():N}");
        var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
        var report = new Report(root, "target", "integrity.md");
        ServerProcess? server = null;
        try
        {
            await postgres.StartAsync("ledger_integrity", m => Console.WriteLine(m));
            var db = postgres.ConnectionString("ledger_integrity");

            Console.WriteLine("1. the server creates its schema");
            server = await ServerProcess.StartAsync(root, db, rebuild: args.Contains("--build"));
            server.Dispose();
            server = null;

            Console.WriteLine($"   inserting {events:N0} events in SQL");
            var watch = Stopwatch.StartNew();
            await InsertEventsAsync(db, events);
            Console.WriteLine($"   inserted in {watch.Elapsed.TotalSeconds:F1} s");

            Console.WriteLine("2. catch-up: the server starts and the log hashes every event");
            watch.Restart();
            server = await ServerProcess.StartAsync(root, db, rebuild: false);
            var cpuBefore = server.ProcessorTime;
            TimeSpan? first = null;
            long size;
            while ((size = await TreeSizeAsync(db)) < events)
            {
                if (size > 0) first ??= watch.Elapsed;
                if (watch.Elapsed > TimeSpan.FromHours(1)) throw new TimeoutException($"the log holds {size:N0} of {events:N0} leaves after an hour");
                await Task.Delay(50);
            }
            var all = watch.Elapsed;
            var hashing = all - (first ?? all);
            report.Add($"catch-up: {events:N0} stored events hashed into the log (server start → last leaf)",
                $"{events / all.TotalSeconds:F0} leaves/s over {all.TotalSeconds:F1} s; from the first leaf {events / Math.Max(hashing.TotalSeconds, 0.001):F0} leaves/s; server CPU {(server.ProcessorTime - cpuBefore).TotalSeconds:F0} s",
                Met(events / Math.Max(hashing.TotalSeconds, 0.001) >= CatchUpTarget, $"≥ {CatchUpTarget:N0}/s"));

            Console.WriteLine($"3. inclusion lag: recording through HTTP, 8 clients, {seconds} s");
            using var load = new LoadRun(server.BaseAddress);
            await load.SignInAsync();
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(() => SampleLagAsync(db, stop.Token));
            var recorded = await load.RecordForAsync(TimeSpan.FromSeconds(seconds), clients: 8);
            await Task.Delay(TimeSpan.FromSeconds(LagTargetSeconds * 2));
            await stop.CancelAsync();
            var lags = (await sampler).Order().ToList();
            if (lags.Count == 0) throw new InvalidOperationException("no recording was sampled");
            double P(double q) => lags[Math.Min(lags.Count - 1, (int)Math.Ceiling(q * lags.Count) - 1)];
            report.Add($"recording → inside a signed checkpoint, under {recorded.RecordingsPerSecond:F0} recordings/s ({recorded.Requests:N0} requests, non-2xx {recorded.Non2xx})",
                $"p50 {P(0.50):F2} s · p99 {P(0.99):F2} s · max {lags[^1]:F2} s ({lags.Count} samples)", Met(P(0.99) <= LagTargetSeconds, $"p99 ≤ {LagTargetSeconds} s"));
            report.Write();
            Console.WriteLine($"server log: {server.LogFile}");
        }
        finally
        {
            server?.Dispose();
            await postgres.StopAsync();
            try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static string Met(bool met, string target) => $"{(met ? "met" : "NOT met")} ({target})";

    /// <summary>Queries of units as the query log writes them: 5 per stream, Chinese names, instants, a null or two.</summary>
    static async Task InsertEventsAsync(string db, int events)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        var streams = (events + 4) / 5;
        foreach (var sql in new[]
                 {
                     $"""
                      insert into ledger.mt_streams (id, version, timestamp, created)
                      select 'queries:110105' || lpad((s / 99999 % 999 + 1)::text, 3, '0') || '001GB' || lpad((s % 99999 + 1)::text, 5, '0') || 'W00000000',
                             least(5, {events} - s * 5), now(), now()
                      from generate_series(0, {streams - 1}) s
                      """,
                     $"""
                      insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
                      select n + 1, gen_random_uuid(),
                             'queries:110105' || lpad((n / 5 / 99999 % 999 + 1)::text, 3, '0') || '001GB' || lpad((n / 5 % 99999 + 1)::text, 5, '0') || 'W00000000',
                             n % 5 + 1,
                             jsonb_build_object('unitCode', '110105' || lpad((n / 5 / 99999 % 999 + 1)::text, 3, '0') || '001GB' || lpad((n / 5 % 99999 + 1)::text, 5, '0') || 'W00000000',
                               'office', '110105', 'view', 'full', 'purpose', case when n % 3 = 0 then '购房合同买受人核实产权' end, 'asOf', null,
                               'role', 'clerk', 'name', '王芳', 'sub', '110105198001010016', 'at', now() - make_interval(secs => {events} - n)),
                             'unit_queried', now() - make_interval(secs => {events} - n), 'Ledger.Units.Queries.UnitQueried, Ledger.Server'
                      from generate_series(0, {events - 1}) n
                      """,
                     $"select setval('ledger.mt_events_sequence', {events})",
                     "vacuum (analyze) ledger.mt_events",
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync();
        }
    }

    static async Task<long> TreeSizeAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select coalesce((select tree_size from ledger.ledger_integrity_tree where id = 1), 0)", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every 100 ms: the newest committed sequence, and the newest one a checkpoint covers; the lag of each sample in seconds.</summary>
    static async Task<List<double>> SampleLagAsync(string db, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync(CancellationToken.None);
        var waiting = new Queue<(long Sequence, TimeSpan At)>();
        var lags = new List<double>();
        var clock = Stopwatch.StartNew();
        long lastSampled = 0;
        while (!stop.IsCancellationRequested || waiting.Count > 0)
        {
            await using (var command = new NpgsqlCommand(
                             $"""
                              select (select coalesce(max(seq_id), 0) from ledger.mt_events),
                                     (select coalesce(max(l.sequence), 0) from ledger.ledger_integrity_leaves l
                                      where l.leaf_index < (select coalesce(max(tree_size), 0) from ledger.ledger_integrity_checkpoints))
                              """, connection))
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                await reader.ReadAsync(CancellationToken.None);
                var (newest, covered) = (reader.GetInt64(0), reader.GetInt64(1));
                if (!stop.IsCancellationRequested && newest > lastSampled) waiting.Enqueue((lastSampled = newest, clock.Elapsed));
                while (waiting.Count > 0 && waiting.Peek().Sequence <= covered) lags.Add((clock.Elapsed - waiting.Dequeue().At).TotalSeconds);
            }
            if (stop.IsCancellationRequested && clock.Elapsed > TimeSpan.FromMinutes(5)) break;
            await Task.Delay(100, CancellationToken.None);
        }
        return lags;
    }
}
