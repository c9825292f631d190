using System.Diagnostics;
using System.Globalization;
using Ledger.Benchmarks;
using Ledger.Hosting;

// The load run behind the README's figures: one PostgreSQL, its own pgbench baseline, the real server.
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- [--units 100000] [--seconds 20] [--build] [--no-query-log]
// --no-query-log starts the server with its query log off (local mode only), to measure what logging costs a read.
// --build rebuilds src/Ledger.Server (Release) first; without it the server is built only when its dll is missing.
// The space run (1,000,000 parcels in one county; overlap check and point lookups against raw SQL) is separate:
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- space [--parcels 1000000] [--seconds 20] [--build]
// The sharing run (1,000,000 events: a raw read of the events table, a full rebuild of every projection, the feeds through HTTP):
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- sharing [--events 1000000] [--build]
if (args is ["sharing", .. var sharingArgs])
{
    await Ledger.Benchmarks.Sharing.SharingRun.RunAsync(sharingArgs);
    return;
}
// The integrity run (catch-up of stored events into the log, inclusion lag under recording load) is separate too:
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- integrity [--events 1000000] [--seconds 20] [--build]
if (args is ["integrity", .. var integrityArgs])
{
    await IntegrityRun.RunAsync(integrityArgs);
    return;
}
// The legacy import run (1,000,000 Bogus land rows through import-legacy, against COPY of the same file):
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- import [--rows 1000000] [--batch-size 1000] [--build]
if (args is ["import", .. var importArgs])
{
    await Ledger.Benchmarks.Import.ImportRun.RunAsync(importArgs);
    return;
}

// The record step (登簿) alone against pgbench, one office then eight, with the CPU each recording costs, then the recording's own
// statements sent again without the server (--no-replay leaves them out):
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- record [--count 4000] [--rounds 2] [--seconds 10] [--statements] [--no-daemon] [--no-replay] [--build]
if (args is ["record", .. var recordArgs])
{
    await RecordRun.RunAsync(recordArgs);
    return;
}

// What the query log costs a read (the same reads with the log off, on, off, on; one database, a server start each):
//   dotnet run -c Release --project tests/Ledger.Benchmarks -- reads [--units 100000] [--reads 20000] [--build]
if (args is ["reads", .. var readsArgs])
{
    await ReadsRun.RunAsync(readsArgs);
    return;
}

if (args is ["space", .. var spaceArgs])
{
    await Ledger.Benchmarks.Space.SpaceRun.RunAsync(spaceArgs);
    return;
}

var units = Option("--units", 100_000);
var seconds = Option("--seconds", 20);
var root = Repository.Root();
var queryLog = !args.Contains("--no-query-log");
// The server inherits this process's environment.
if (!queryLog) Environment.SetEnvironmentVariable("Ledger__QueryLog__Enabled", "false");
// Under /tmp, not $TMPDIR: the postgres user must be able to reach the data folder.
var folder = Path.Combine(OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp", $"ledger-bench-{Guid.NewGuid():N}");
var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
var report = new Report(root);
ServerProcess? server = null;
try
{
    await postgres.StartAsync("ledger_bench", m => Console.WriteLine(m));
    var tps = await Pgbench.BaselineAsync(postgres, seconds, report);

    Console.WriteLine("2. server start-up");
    server = await ServerProcess.StartAsync(root, postgres.ConnectionString("ledger_bench"), rebuild: args.Contains("--build"));
    report.Add("server start → first 200 from /health", $"{server.StartupToHealth.TotalSeconds:F2} s", "");
    report.Add("server start → first answered authenticated unit read", $"{server.StartupToFirstRead.TotalSeconds:F2} s", "");

    using var load = new LoadRun(server.BaseAddress);
    await load.SignInAsync();
    Console.WriteLine($"3. recording through HTTP: 8 clients, {seconds} s");
    var rec = await load.RecordForAsync(TimeSpan.FromSeconds(seconds), clients: 8);
    report.Add("recordings/s through HTTP, 8 clients, distinct units",
        $"{rec.RecordingsPerSecond:F1}/s ({rec.Recordings:N0} in {rec.Seconds:F1} s)",
        Ratio(rec.RecordingsPerSecond / tps));
    report.Add("full-flow HTTP requests/s (establish + accept + review + record)",
        $"{rec.RequestsPerSecond:F0}/s ({rec.Requests:N0} requests; non-2xx {rec.Non2xx}{rec.ErrorDetail})", Ratio(rec.RequestsPerSecond / tps));

    Console.WriteLine("3b. the record step (登簿) alone, 8 reviewers: one office, then eight offices");
    foreach (var offices in new[] { new[] { "110105" }, new[] { "110101", "110102", "110105", "110106", "110107", "110108", "110109", "110111" } })
    {
        var step = await load.RecordStepAsync(count: 2_000, clients: 8, offices);
        report.Add($"record step alone (POST …/record), 8 clients, {offices.Length} office(s)",
            $"{step.PerSecond:F0}/s ({step.Count:N0}) · p50 {step.P50:F1} ms · p99 {step.P99:F1} ms (non-2xx {step.Non2xx}{step.ErrorDetail})", Ratio(step.PerSecond / tps));
    }

    Console.WriteLine($"4. read latency: establishing up to {units:N0} units, then 20,000 reads");
    var established = await load.EstablishUntilAsync(units, clients: 8);
    report.Add("establishing extra units (POST /api/units), 8 clients",
        $"{established.PerSecond:F0}/s ({established.Count:N0} in {established.Seconds:F0} s; non-2xx {established.Non2xx}{established.ErrorDetail})", Ratio(established.PerSecond / tps));
    var reads = await load.ReadAsync(count: 20_000, clients: 8);
    report.Add($"GET /api/units/{{code}}, {load.UnitCount:N0} units, 8 clients, {reads.Count:N0} reads, query log {(queryLog ? "on" : "off")}",
        $"p50 {reads.P50:F2} ms · p95 {reads.P95:F2} ms · p99 {reads.P99:F2} ms · max {reads.Max:F2} ms · {reads.PerSecond:F0}/s (non-2xx {reads.Non2xx}{reads.ErrorDetail})", "");

    // One reader alone: what the read path itself waits for, without the queueing of a saturated machine.
    var alone = await load.ReadAsync(count: 2_000, clients: 1);
    report.Add($"GET /api/units/{{code}}, 1 client, {alone.Count:N0} reads, query log {(queryLog ? "on" : "off")}",
        $"p50 {alone.P50:F2} ms · p95 {alone.P95:F2} ms · p99 {alone.P99:F2} ms · max {alone.Max:F2} ms · {alone.PerSecond:F0}/s (non-2xx {alone.Non2xx}{alone.ErrorDetail})", "");

    report.Add("peak memory (VmHWM): server / load runner", $"{server.PeakMemoryMiB():F0} MiB / {ServerProcess.OwnPeakMemoryMiB():F0} MiB", "");
    report.Write();
    Console.WriteLine($"server log: {server.LogFile}");
}
finally
{
    server?.Dispose();
    await postgres.StopAsync();
    try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
}

static string Ratio(double value) => value.ToString("F3", CultureInfo.InvariantCulture);

int Option(string name, int fallback) => Arguments.Option(args, name, fallback);

namespace Ledger.Benchmarks
{
    static class Repository
    {
        public static string Root()
        {
            foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
                for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "Ledger.sln"))) return dir.FullName;
            throw new InvalidOperationException("run from inside the repository (no Ledger.sln above this folder)");
        }

        /// <summary>Runs a tool to its end; gives its exit code and its stdout followed by its stderr.</summary>
        public static (int ExitCode, string Output) Run(string file, params string[] arguments)
        {
            var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in arguments) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            p.WaitForExit();
            return (p.ExitCode, stdout.Result + stderr.Result);
        }
    }
}
