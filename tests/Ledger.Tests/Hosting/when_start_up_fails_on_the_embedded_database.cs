using System.Diagnostics;
using Ledger.Hosting;

namespace Ledger.Tests.Hosting;

/// <summary>
/// The embedded PostgreSQL a run starts is stopped however the run ends: here a command-line verb outside local mode
/// with no signing key configured, which fails after the cluster has started; the run ends with one sentence saying what
/// to set.
/// </summary>
public sealed class when_start_up_fails_on_the_embedded_database
{
    [Fact]
    public async Task the_cluster_it_started_is_stopped_again()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-failed-start-{Guid.NewGuid():N}");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ledger.Server.dll"));
        info.ArgumentList.Add("db-apply");
        foreach (var inherited in info.Environment.Keys.Where(k => k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Ledger", StringComparison.OrdinalIgnoreCase)).ToList())
            info.Environment.Remove(inherited);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Ledger__EmbeddedDatabase__DataDirectory"] = folder;
        info.Environment["Ledger__EmbeddedDatabase__Port"] = EmbeddedPostgres.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var said = await output + await errors;

            // One sentence saying what to set, and the configuration-error exit code; no stack trace.
            Assert.Equal(LedgerStartupException.ExitCode, process.ExitCode);
            Assert.Contains("Ledger cannot start: Ledger:Tokens:SigningKey must be configured outside local mode.", said, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "PG_VERSION")), "the run never got as far as the cluster:\n" + said);
            Assert.False(File.Exists(Path.Combine(folder, "postmaster.pid")), "the cluster was left running:\n" + said);
        }
        finally
        {
            // Should the cluster still run (the test failing), end it rather than leave it behind.
            if (File.Exists(Path.Combine(folder, "postmaster.pid"))
                && int.TryParse(File.ReadLines(Path.Combine(folder, "postmaster.pid")).First(), out var postmaster))
            {
                try { Process.GetProcessById(postmaster).Kill(); } catch (ArgumentException) { } catch (InvalidOperationException) { }
                await Task.Delay(500);
            }
            try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
