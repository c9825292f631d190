using System.Diagnostics;
using System.Globalization;
using Ledger.Benchmarks;
using Ledger.Hosting;

// The load run behind the README's figures: one PostgreSQL, its own pgbench baseline, the real server.
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- [--units 100000] [--seconds 20]
var units = Option("--units", 100_000);
var seconds = Option("--seconds", 20);
var root = Repository.Root();
var folder = Path.Combine(Path.GetTempPath(), $"ledger-bench-{Guid.NewGuid():N}");
var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
var report = new Report(root);
ServerProcess? server = null;
try
{
    await postgres.StartAsync("ledger_bench", m => Console.WriteLine(m));
    await postgres.StartAsync("pgbench_baseline");

    Console.WriteLine($"pgbench: one-row inserts, 8 clients, {seconds} s");
    var tps = await Pgbench.OneRowInsertTpsAsync(postgres, "pgbench_baseline", seconds);
    report.Add("pgbench one-row insert, 8 clients (baseline)", $"{tps:F0} tps", "1.00");

    server = await ServerProcess.StartAsync(root, postgres.ConnectionString("ledger_bench"));
    report.Add("server start → first answered /health", $"{server.StartupToHealth.TotalSeconds:F2} s", "");
    report.Add("server start → first answered unit read", $"{server.StartupToFirstRead.TotalSeconds:F2} s", "");

    var load = new LoadRun(server.BaseAddress);
    await load.SignInAsync();
    var recording = await load.RecordForAsync(TimeSpan.FromSeconds(seconds), clients: 8);
    report.Add("recordings/s through HTTP, 8 clients, distinct units (establish+accept+review+record each)",
        $"{recording.RecordingsPerSecond:F0}/s ({recording.RequestsPerSecond:F0} requests/s, {recording.Failures} failures)",
        (recording.RecordingsPerSecond / tps).ToString("F2", CultureInfo.InvariantCulture));

    await load.EstablishUntilAsync(units, clients: 8);
    var reads = await load.ReadAsync(count: 20_000, clients: 8);
    report.Add($"GET /api/units/{{code}} with {load.UnitCount:N0} units, 8 clients",
        $"p50 {reads.P50:F2} ms · p95 {reads.P95:F2} ms · p99 {reads.P99:F2} ms · {reads.PerSecond:F0}/s", "");
    report.Add("peak memory (VmHWM): server / load runner", $"{server.PeakMemoryMiB():F0} MiB / {ServerProcess.OwnPeakMemoryMiB():F0} MiB", "");
    report.Write();
}
finally
{
    server?.Dispose();
    await postgres.StopAsync();
    try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

namespace Ledger.Benchmarks
{
    static class Repository
    {
        public static string Root()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) return dir.FullName;
            throw new InvalidOperationException("run from inside the repository");
        }

        public static string Run(string file, params string[] arguments)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in arguments) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return output;
        }
    }
}
