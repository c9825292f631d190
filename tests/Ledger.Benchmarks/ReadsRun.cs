using System.Globalization;
using Ledger.Hosting;

namespace Ledger.Benchmarks;

/// <summary>
/// What the query log costs a read, in one run on one database: the same reads against the server started with its log off,
/// then on, then off and on again (local mode only may turn it off), so that warm caches favour neither side.
/// </summary>
static class ReadsRun
{
    const int Rounds = 3;
    static readonly bool[] OffOn = [false, true];

    public static async Task RunAsync(string[] args)
    {
        var units = Arguments.Option(args, "--units", 100_000);
        var reads = Arguments.Option(args, "--reads", 20_000);
        var root = Repository.Root();
        // --data DIR keeps the cluster for the next run, which reads the units already there instead of establishing them.
        var kept = Arguments.Text(args, "--data");
        var folder = kept ?? Path.Combine(OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp", $"ledger-bench-{Guid.NewGuid():N}");
        var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
        var report = new Report(root, "reads/s against log off", "reads.md");
        ServerProcess? server = null;
        try
        {
            await postgres.StartAsync("ledger_bench", m => Console.WriteLine(m));
            var connection = postgres.ConnectionString("ledger_bench");
            Environment.SetEnvironmentVariable("Ledger__QueryLog__Enabled", "false");
            server = await ServerProcess.StartAsync(root, connection, rebuild: args.Contains("--build"));
            IReadOnlyList<string> codes = await Sql.UnitCodesAsync(connection);
            if (codes.Count < units)
            using (var load = new LoadRun(server.BaseAddress))
            {
                await load.SignInAsync();
                Console.WriteLine($"1. establishing {units:N0} units");
                var established = await load.EstablishUntilAsync(units, clients: 8);
                report.Add("establishing (POST /api/units), 8 clients", $"{established.PerSecond:F0}/s ({established.Count:N0}; non-2xx {established.Non2xx}{established.ErrorDetail})", "");
                codes = load.Codes;
            }
            await ServerProcess.WaitForAsyncViewsAsync(connection);

            Console.WriteLine($"2. {reads:N0} reads with 8 clients and 2,000 with one, log off then on, {Rounds} times (a server start each)");
            var offRate = new List<double>();
            var figures = new Dictionary<bool, List<(ReadFigures Many, ReadFigures One, double ServerMs, double RestMs)>> { [false] = [], [true] = [] };
            foreach (var on in Enumerable.Range(0, Rounds * 2).Select(i => i % 2 == 1))
            {
                server.Dispose();
                Environment.SetEnvironmentVariable("Ledger__QueryLog__Enabled", on ? "true" : "false");
                server = await ServerProcess.StartAsync(root, connection, rebuild: false);
                using var load = new LoadRun(server.BaseAddress);
                load.Adopt(codes);
                await load.SignInAsync();
                await load.ReadAsync(count: 5_000, clients: 8);
                var (serverBefore, selfBefore, machineBefore) = (server.ProcessorTime, Environment.CpuUsage.TotalTime, Machine.Busy());
                var many = await load.ReadAsync(count: reads, clients: 8);
                var serverMs = (server.ProcessorTime - serverBefore).TotalMilliseconds / many.Count;
                var restMs = ((Machine.Busy() - machineBefore).TotalMilliseconds - (server.ProcessorTime - serverBefore).TotalMilliseconds
                              - (Environment.CpuUsage.TotalTime - selfBefore).TotalMilliseconds) / many.Count;
                var one = await load.ReadAsync(count: 2_000, clients: 1);
                if (!on) offRate.Add(many.PerSecond);
                figures[on].Add((many, one, serverMs, restMs));
                var log = on ? "on" : "off";
                report.Add($"GET /api/units/{{code}}, {codes.Count:N0} units, 8 clients, {many.Count:N0} reads, query log {log}", Figures(many),
                    on ? (many.PerSecond / offRate[^1]).ToString("F2", CultureInfo.InvariantCulture) : "1.00");
                report.Add($"CPU per read, query log {log}: server / PostgreSQL and the rest (load runner excluded)",
                    $"{serverMs:F3} ms / {restMs:F3} ms", "");
                report.Add($"GET /api/units/{{code}}, 1 client, {one.Count:N0} reads, query log {log}", Figures(one), "");
            }
            // The middle round of each side: one slow or fast start of the server does not make the figure.
            foreach (var on in OffOn)
            {
                var log = on ? "on" : "off";
                var rounds = figures[on];
                double Median(Func<(ReadFigures Many, ReadFigures One, double ServerMs, double RestMs), double> of) => rounds.Select(of).Order().ElementAt(rounds.Count / 2);
                report.Add($"median of {Rounds}, query log {log}: 8 clients p50 / p99 / reads/s; 1 client p50 / p99; CPU per read server / rest",
                    $"{Median(r => r.Many.P50):F2} ms / {Median(r => r.Many.P99):F2} ms / {Median(r => r.Many.PerSecond):F0}/s; " +
                    $"{Median(r => r.One.P50):F2} ms / {Median(r => r.One.P99):F2} ms; {Median(r => r.ServerMs):F3} ms / {Median(r => r.RestMs):F3} ms",
                    (Median(r => r.Many.PerSecond) / figures[false].Select(r => r.Many.PerSecond).Order().ElementAt(figures[false].Count / 2)).ToString("F2", CultureInfo.InvariantCulture));
            }
            report.Write();
        }
        finally
        {
            server?.Dispose();
            await postgres.StopAsync();
            if (kept is null) try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static string Figures(ReadFigures r) =>
        $"p50 {r.P50:F2} ms · p95 {r.P95:F2} ms · p99 {r.P99:F2} ms · max {r.Max:F2} ms · {r.PerSecond:F0}/s (non-2xx {r.Non2xx}{r.ErrorDetail})";
}
