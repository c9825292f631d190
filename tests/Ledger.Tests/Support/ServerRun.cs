using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Hosting;

namespace Ledger.Tests.Support;

/// <summary>
/// The built server (<c>Ledger.Server.dll</c>, the program <c>dotnet run --project src/Ledger.Server</c> starts) as a
/// process of its own, configured only through its environment, as an operator runs it: serving on a free port, or one
/// of its command-line verbs run to the end.
/// </summary>
public sealed class ServerRun : IAsyncDisposable
{
    readonly Process _process;
    readonly Task<string> _output, _errors;

    ServerRun(Process process, Uri address)
    {
        (_process, Address) = (process, address);
        _output = process.StandardOutput.ReadToEndAsync();
        _errors = process.StandardError.ReadToEndAsync();
    }

    public Uri Address { get; }

    /// <summary>Starts the server and waits for its first healthy answer from <c>/health</c> (the answer is returned).</summary>
    public static async Task<(ServerRun Server, JsonNode Health)> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{EmbeddedPostgres.FreePort()}");
        var server = new ServerRun(Process.Start(Info([], environment, address))!, address);
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(2) && !server._process.HasExited)
        {
            try
            {
                using var answer = await http.GetAsync("/health");
                if (answer.IsSuccessStatusCode) return (server, JsonNode.Parse(await answer.Content.ReadAsStringAsync())!);
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        var said = await server.StopAsync();
        throw new InvalidOperationException($"the server never answered /health (exit {said.Exit}):\n{said.Output}");
    }

    /// <summary>Runs a command-line verb of the server (e.g. <c>projections rebuild</c>) to its end.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        await using var run = new ServerRun(Process.Start(Info(arguments, environment, null))!, new Uri("http://127.0.0.1"));
        await run._process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (run._process.ExitCode, await run._output + await run._errors);
    }

    /// <summary>Asks the server to stop as Ctrl+C or a service manager does (SIGTERM) and waits for it to end.</summary>
    public async Task<(int Exit, string Output)> StopAsync()
    {
        if (!_process.HasExited)
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (_process.ExitCode, await _output + await _errors);
    }

    /// <summary>Kills the server outright (SIGKILL), as a power cut or the OOM killer would: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>
    /// After a test of a run on its embedded cluster: ends the cluster should it still run (the test failing), rather than
    /// leave it behind, and deletes its data folder.
    /// </summary>
    public static async Task DiscardClusterAsync(string folder)
    {
        if (File.Exists(Path.Combine(folder, "postmaster.pid"))
            && int.TryParse(File.ReadLines(Path.Combine(folder, "postmaster.pid")).First(), out var postmaster))
        {
            try { Process.GetProcessById(postmaster).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
            await Task.Delay(500);
        }
        try { if (Directory.Exists(folder)) Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static ProcessStartInfo Info(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, Uri? address)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ledger.Server.dll"));
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        // Only what is given here: nothing of the test run's own connection or settings leaks in.
        foreach (var inherited in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Ledger", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(inherited);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        if (address is not null) info.Environment["urls"] = address.ToString().TrimEnd('/');
        foreach (var (name, value) in environment) info.Environment[name] = value;
        return info;
    }
}
