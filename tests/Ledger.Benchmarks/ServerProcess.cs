using System.Diagnostics;
using Ledger.Hosting;

namespace Ledger.Benchmarks;

/// <summary>The real server as a child process (Release build), timed from process start to its first answers.</summary>
sealed class ServerProcess : IDisposable
{
    readonly Process _process;

    ServerProcess(Process process, Uri baseAddress) => (_process, BaseAddress) = (process, baseAddress);

    public Uri BaseAddress { get; }
    public TimeSpan StartupToHealth { get; private set; }
    public TimeSpan StartupToFirstRead { get; private set; }

    public static async Task<ServerProcess> StartAsync(string root, string connectionString)
    {
        var dll = Path.Combine(root, "src", "Ledger.Server", "bin", "Release", "net10.0", "Ledger.Server.dll");
        Console.WriteLine("building the server (Release)");
        Repository.Run("dotnet", "build", "-c", "Release", Path.Combine(root, "src", "Ledger.Server"));
        var address = new Uri($"http://127.0.0.1:{EmbeddedPostgres.FreePort()}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.Environment["ConnectionStrings__Ledger"] = connectionString;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["urls"] = address.ToString();
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        var watch = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the server did not answer within 60 s");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(20);
        }
        server.StartupToHealth = watch.Elapsed;
        var token = await LoadRun.TokenAsync(http, "clerk", "110105198001010016", "王芳");
        using var read = new HttpRequestMessage(HttpMethod.Get, "/api/units/110105003002GB00001W00000000");
        read.Headers.Authorization = new("Bearer", token);
        await http.SendAsync(read);
        server.StartupToFirstRead = watch.Elapsed;
        return server;
    }

    public double PeakMemoryMiB() => VmHwm($"/proc/{_process.Id}/status");

    public static double OwnPeakMemoryMiB() => VmHwm("/proc/self/status");

    static double VmHwm(string status) =>
        File.ReadLines(status).Where(l => l.StartsWith("VmHWM:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024)
            .FirstOrDefault();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
