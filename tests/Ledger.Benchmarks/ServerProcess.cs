using System.Diagnostics;
using System.Globalization;
using System.Net;
using Ledger.Hosting;

namespace Ledger.Benchmarks;

/// <summary>The real server as a child process (Release build), timed from process start to its first answers.</summary>
sealed class ServerProcess : IDisposable
{
    static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);
    readonly Process _process;
    readonly StreamWriter _log;
    bool _closed;

    ServerProcess(Process process, Uri baseAddress, string logFile, StreamWriter log) =>
        (_process, BaseAddress, LogFile, _log) = (process, baseAddress, logFile, log);

    public Uri BaseAddress { get; }
    public string LogFile { get; }
    public TimeSpan StartupToHealth { get; private set; }
    public TimeSpan StartupToFirstRead { get; private set; }

    /// <summary>The server's Release build (built first when asked to, or when there is none).</summary>
    public static string Dll(string root, bool rebuild)
    {
        var project = Path.Combine(root, "src", "Ledger.Server");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "Ledger.Server.dll");
        if (rebuild || !File.Exists(dll))
        {
            Console.WriteLine("   building src/Ledger.Server (Release)");
            var (exit, output) = Repository.Run("dotnet", "build", "-c", "Release", project);
            if (exit != 0 && !File.Exists(dll)) throw new InvalidOperationException("the server does not build:\n" + output);
            if (exit != 0) Console.WriteLine("   the build failed; measuring the previous Release build");
        }
        return dll;
    }

    public static async Task<ServerProcess> StartAsync(string root, string connectionString, bool rebuild)
    {
        var dll = Dll(root, rebuild);

        var address = new Uri($"http://127.0.0.1:{EmbeddedPostgres.FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.Environment["ConnectionStrings__Ledger"] = connectionString;
        // Local mode (development tokens) holds in any environment but Production; Staging leaves out what only helps a
        // developer at the keyboard (the developer exception page, plain-text logs).
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        info.Environment["urls"] = address.ToString().TrimEnd('/');
        // Request logging at Information would be part of what is measured; warnings and errors still reach the log.
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        var logFile = Path.Combine(root, "tests", "Ledger.Benchmarks", "results", "server.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        var server = new ServerProcess(process, address, logFile, log);
        process.OutputDataReceived += (_, e) => server.Log("out", e.Data);
        process.ErrorDataReceived += (_, e) => server.Log("err", e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            await server.PollAsync(watch, () => http.GetAsync(new Uri("/health", UriKind.Relative)), s => s == HttpStatusCode.OK);
            server.StartupToHealth = watch.Elapsed;
            var token = await LoadRun.TokenAsync(http, LoadRun.Clerk);
            await server.PollAsync(watch, () =>
            {
                using var read = new HttpRequestMessage(HttpMethod.Get, "/api/units/110105001001GB00001W00000000");
                read.Headers.Authorization = new("Bearer", token);
                return http.SendAsync(read);
            }, s => s is HttpStatusCode.OK or HttpStatusCode.NotFound);
            server.StartupToFirstRead = watch.Elapsed;
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    async Task PollAsync(Stopwatch watch, Func<Task<HttpResponseMessage>> send, Func<HttpStatusCode, bool> answered)
    {
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"the server exited with {_process.ExitCode}; see {LogFile}");
            if (watch.Elapsed > StartupLimit) throw new TimeoutException($"the server did not answer within {StartupLimit.TotalSeconds} s; see {LogFile}");
            try
            {
                using var response = await send();
                if (answered(response.StatusCode)) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(10);
        }
    }

    void Log(string stream, string? line)
    {
        if (line is null) return;
        lock (_log) if (!_closed) _log.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {stream} {line}");
    }

    /// <summary>Waits until every async view of the server (its daemon's shards) has reached the last event.</summary>
    public static async Task WaitForAsyncViewsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            select coalesce((select max(seq_id) from ledger.mt_events), 0)
                 - coalesce((select min(last_seq_id) from ledger.mt_event_progression where name like 'sharing:%'), 0)
            """, connection);
        while (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            await Task.Delay(500);
    }

    public double PeakMemoryMiB() => VmHwm($"/proc/{_process.Id}/status");

    /// <summary>CPU time the server has used so far (user + system).</summary>
    public int ProcessId => _process.Id;

    public TimeSpan ProcessorTime => _process.HasExited ? TimeSpan.Zero : _process.TotalProcessorTime;

    public static double OwnPeakMemoryMiB() => VmHwm("/proc/self/status");

    static double VmHwm(string status) =>
        !File.Exists(status) ? double.NaN : File.ReadLines(status).Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault(double.NaN);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        lock (_log)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}
