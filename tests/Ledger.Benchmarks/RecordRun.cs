using System.Globalization;
using Ledger.Hosting;

namespace Ledger.Benchmarks;

/// <summary>
/// The record step (登簿) alone, against pgbench on the same cluster: approved first registrations prepared untimed, then
/// recorded by 8 reviewers, with one office and with eight, and the CPU each recording cost the server and the rest of the machine;
/// then the recording's own statements sent again without the server (<see cref="RecordingReplay"/>), the most any server
/// issuing them could reach here.
/// </summary>
static class RecordRun
{
    static readonly string[][] OfficeSets = [["110105"], ["110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111"]];

    public static async Task RunAsync(string[] args)
    {
        var count = Arguments.Option(args, "--count", 4_000);
        var seconds = Arguments.Option(args, "--seconds", 10);
        var rounds = Arguments.Option(args, "--rounds", 2);
        var root = Repository.Root();
        var folder = Path.Combine(OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp", $"ledger-bench-{Guid.NewGuid():N}");
        var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
        var report = new Report(root, "ratio to pgbench", "record.md");
        ServerProcess? server = null;
        try
        {
            await postgres.StartAsync("ledger_bench", m => Console.WriteLine(m));
            var tps = await Pgbench.BaselineAsync(postgres, seconds, report);

            var connection = postgres.ConnectionString("ledger_bench");
            // --no-daemon: the server without its asynchronous views, to see what keeping them up costs the recordings.
            var daemon = !args.Contains("--no-daemon");
            if (!daemon) Environment.SetEnvironmentVariable("Ledger__AsyncDaemon", "Disabled");
            // --statements: what PostgreSQL ran for the step, per recording (pg_stat_statements, loaded by a restart of the cluster).
            var statements = args.Contains("--statements");
            if (statements)
            {
                await Sql.ExecuteAsync(connection, "alter system set shared_preload_libraries = 'pg_stat_statements'");
                await postgres.StopAsync();
                Npgsql.NpgsqlConnection.ClearAllPools();
                await postgres.StartAsync("ledger_bench");
                await Sql.ExecuteAsync(connection, "create extension if not exists pg_stat_statements");
            }
            server = await ServerProcess.StartAsync(root, connection, rebuild: args.Contains("--build"));
            Console.WriteLine($"   server pid {server.ProcessId}");
            using var load = new LoadRun(server.BaseAddress);
            await load.SignInAsync();
            Console.WriteLine($"2. the record step, {count:N0} recordings by 8 reviewers, one office then eight, {rounds} rounds");
            // --offices N: only the set of that many offices (1 or 8), e.g. to profile one of them.
            var only = Arguments.Option(args, "--offices", 0);
            for (var round = 1; round <= rounds; round++)
                foreach (var offices in OfficeSets.Where(s => only == 0 || s.Length == only))
                {
                    var step = await load.RecordStepAsync(count, clients: 8, offices, server, settle: async () =>
                    {
                        if (daemon) await ServerProcess.WaitForAsyncViewsAsync(connection);
                        if (statements) await Sql.ExecuteAsync(connection, "select pg_stat_statements_reset()");
                        Console.WriteLine($"   recording with {offices.Length} office(s)");
                    });
                    if (statements) await PrintStatementsAsync(connection, step.Count);
                    report.Add($"round {round}: record step, 8 clients, {offices.Length} office(s)",
                        $"{step.PerSecond:F0}/s ({step.Count:N0}) · p50 {step.P50:F1} ms · p99 {step.P99:F1} ms · CPU per recording server {step.ServerMs:F2} ms / PostgreSQL and kernel {step.RestMs:F2} ms / load runner {step.RunnerMs:F2} ms (non-2xx {step.Non2xx}{step.ErrorDetail})",
                        (step.PerSecond / tps).ToString("F3", CultureInfo.InvariantCulture));
                }
            if (!args.Contains("--no-replay")) await ReplayAsync(postgres, connection, load, server, count, rounds, daemon, report, tps);
            report.Write();
        }
        finally
        {
            server?.Dispose();
            await postgres.StopAsync();
            try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// The recording's statements without the server (<see cref="RecordingReplay"/>): one recording per office captured from
    /// PostgreSQL's statement log, then sent again by a bare client for <paramref name="count"/> other approved applications,
    /// eight at once over the eight offices, with the server stopped.
    /// </summary>
    static async Task ReplayAsync(EmbeddedPostgres postgres, string connection, LoadRun load, ServerProcess server, int count, int rounds, bool daemon, Report report, double tps)
    {
        var offices = OfficeSets[1];
        // Untimed first in each replay: its connections prepare the statements after their second use, as the server's do.
        var warmUp = Math.Min(count / 4, 500);
        Console.WriteLine($"3. the recording's statements without the server: {count:N0} recordings replayed by 8 clients over {offices.Length} offices");
        var prepared = await load.PrepareApprovedAsync(offices.Length + rounds * Variants.Length * (warmUp + count), clients: 8, offices);
        var sources = offices.Select(office => prepared.First(a => a.Office == office)).ToList();
        var targets = prepared.Except(sources).ToList();
        if (daemon) await ServerProcess.WaitForAsyncViewsAsync(connection);
        var templates = await RecordingReplay.CaptureAsync(postgres, connection, load, sources);
        Console.WriteLine($"   captured one recording per office: {RecordingReplay.Describe(templates)}");
        // The server goes, with its daemon: nothing but the replay runs beside PostgreSQL.
        server.Dispose();
        var next = 0;
        for (var round = 1; round <= rounds; round++)
            foreach (var variant in Variants)
            {
                var batch = targets[Math.Min(next, targets.Count)..Math.Min(next += warmUp + count, targets.Count)];
                var replayed = variant.Without.Length == 0 ? templates : [.. templates.Select(t => t.Without(variant.Without))];
                if (round == 1 && variant.Without.Length > 0) Console.WriteLine($"   without {string.Join(", ", variant.Without)}: {RecordingReplay.Describe(replayed)}");
                // Each starts just after a checkpoint, so that none pays more for the pages' first writes after one than another.
                await Sql.ExecuteAsync(connection, "checkpoint");
                var replay = await RecordingReplay.ReplayAsync(connection, replayed, batch, clients: 8, warmUp, variant.Trips);
                report.Add($"round {round}: the recording's statements without the server, {variant.Name}, 8 clients, {offices.Length} offices",
                    $"{replay.PerSecond:F0}/s ({replay.Count:N0}) · p50 {replay.P50:F1} ms · p99 {replay.P99:F1} ms · CPU per recording PostgreSQL and kernel {replay.PostgresMs:F2} ms / client {replay.ClientMs:F2} ms " +
                    $"(failed {replay.Failed}{replay.FailureDetail}; {replay.Verified:N0} of {batch.Count:N0} found recorded)",
                    (replay.PerSecond / tps).ToString("F3", CultureInfo.InvariantCulture));
            }
    }

    /// <summary>
    /// How the captured statements are sent again: in the server's round trips; in the fewest a Marten session can send; all in
    /// one; and in the server's round trips without the three views a registry could leave to the async daemon (who holds
    /// what, the issued numbers, the application view), keeping what a recording cannot do without: both streams' appends,
    /// the unit's view, the number.
    /// </summary>
    static readonly (string Name, RecordingReplay.Trips Trips, string[] Without)[] Variants =
    [
        ("in the server's round trips (4)", RecordingReplay.Trips.Server, []),
        ("the number taken with the reads (3 round trips)", RecordingReplay.Trips.NumberWithReads, []),
        ("all in one round trip", RecordingReplay.Trips.One, []),
        ("in the server's round trips, appends, unit view and number only", RecordingReplay.Trips.Server, ["ledger.mt_doc_holding", "ledger.mt_doc_issuednumber", "ledger.mt_doc_application"]),
    ];

    static async Task PrintStatementsAsync(string connection, int recordings)
    {
        await using var db = new Npgsql.NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "select calls, total_exec_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 150) from pg_stat_statements " +
            "where dbid = (select oid from pg_database where datname = current_database()) order by total_exec_time desc limit 30", db);
        await using var reader = await command.ExecuteReaderAsync();
        Console.WriteLine("   calls/recording  ms/recording  statement");
        while (await reader.ReadAsync())
            Console.WriteLine($"   {reader.GetInt64(0) / (double)recordings,8:F2}  {reader.GetDouble(1) / recordings,8:F3}  {reader.GetString(2)}");
    }
}
