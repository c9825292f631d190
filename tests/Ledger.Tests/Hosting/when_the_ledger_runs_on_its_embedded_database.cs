using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Hosting;

namespace Ledger.Tests.Hosting;

/// <summary>
/// The README's run command with nothing configured: the server initialises a cluster of the machine's PostgreSQL in its
/// data folder, starts it, answers, and stops the cluster again when it is asked to stop (SIGTERM, as Ctrl+C or a service
/// manager asks). Run here as the built server, the same program <c>dotnet run --project src/Ledger.Server</c> starts.
/// </summary>
public sealed class when_the_ledger_runs_on_its_embedded_database
{
    [Fact]
    public async Task it_starts_its_own_cluster_answers_and_stops_the_cluster_on_shutdown()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-embedded-run-{Guid.NewGuid():N}");
        var port = EmbeddedPostgres.FreePort();
        var address = new Uri($"http://127.0.0.1:{EmbeddedPostgres.FreePort()}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ledger.Server.dll"));
        foreach (var inherited in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Ledger", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(inherited);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["urls"] = address.ToString().TrimEnd('/');
        info.Environment["Ledger__EmbeddedDatabase__DataDirectory"] = folder;
        info.Environment["Ledger__EmbeddedDatabase__Port"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["Ledger__Integrity__SigningKeyFile"] = Path.Combine(folder + "-key", "integrity-signing-key.pem");

        using var server = Process.Start(info)!;
        var output = server.StandardOutput.ReadToEndAsync();
        var errors = server.StandardError.ReadToEndAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
            JsonNode? health = null;
            var watch = Stopwatch.StartNew();
            while (health is null && watch.Elapsed < TimeSpan.FromMinutes(2) && !server.HasExited)
            {
                try
                {
                    using var answer = await http.GetAsync("/health");
                    if (answer.IsSuccessStatusCode) health = JsonNode.Parse(await answer.Content.ReadAsStringAsync());
                }
                catch (HttpRequestException) { }
                if (health is null) await Task.Delay(200);
            }
            Assert.True(health is not null, $"the server never answered /health:\n{await Said()}");
            Assert.Equal("healthy", health!["status"]!.GetValue<string>());
            Assert.True(File.Exists(Path.Combine(folder, "PG_VERSION")), "no cluster was initialised in the data folder");
            Assert.True(File.Exists(Path.Combine(folder, "postmaster.pid")), "the cluster is not running while the server answers");

            // Asked to stop, the server stops the cluster it started, then ends.
            using (var term = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
            Assert.True(server.ExitCode == 0, $"the server ended with {server.ExitCode}:\n{await Said()}");
            Assert.False(File.Exists(Path.Combine(folder, "postmaster.pid")), $"the cluster was left running:\n{await Said()}");
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            if (File.Exists(Path.Combine(folder, "postmaster.pid"))
                && int.TryParse(File.ReadLines(Path.Combine(folder, "postmaster.pid")).First(), out var postmaster))
            {
                try { Process.GetProcessById(postmaster).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
                await Task.Delay(500);
            }
            foreach (var dir in new[] { folder, folder + "-key" })
                try { if (Directory.Exists(dir)) Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        async Task<string> Said() => server.HasExited ? await output + await errors : "(still running)";
    }
}
