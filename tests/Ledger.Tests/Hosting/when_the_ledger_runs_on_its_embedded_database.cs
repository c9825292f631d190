using System.Globalization;
using Ledger.Hosting;
using Ledger.Tests.Support;

namespace Ledger.Tests.Hosting;

/// <summary>
/// The README's run command with nothing configured: the server initialises a cluster of the machine's PostgreSQL in its
/// data folder, starts it, answers, and stops the cluster again when it is asked to stop (SIGTERM, as Ctrl+C or a service
/// manager asks).
/// </summary>
public sealed class when_the_ledger_runs_on_its_embedded_database
{
    [Fact]
    public async Task it_starts_its_own_cluster_answers_and_stops_the_cluster_on_shutdown()
    {
        if (OperatingSystem.IsWindows()) return;
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-embedded-run-{Guid.NewGuid():N}");
        try
        {
            var (server, health) = await ServerRun.StartAsync(new Dictionary<string, string>
            {
                ["Ledger__EmbeddedDatabase__DataDirectory"] = folder,
                ["Ledger__EmbeddedDatabase__Port"] = EmbeddedPostgres.FreePort().ToString(CultureInfo.InvariantCulture),
                ["Ledger__Integrity__SigningKeyFile"] = Path.Combine(folder + "-key", "integrity-signing-key.pem"),
            });
            await using (server)
            {
                Assert.Equal("healthy", health["status"]!.GetValue<string>());
                Assert.True(File.Exists(Path.Combine(folder, "PG_VERSION")), "no cluster was initialised in the data folder");
                Assert.True(File.Exists(Path.Combine(folder, "postmaster.pid")), "the cluster is not running while the server answers");

                // Asked to stop, the server stops the cluster it started, then ends.
                var (exit, said) = await server.StopAsync();
                Assert.True(exit == 0, $"the server ended with {exit}:\n{said}");
                Assert.False(File.Exists(Path.Combine(folder, "postmaster.pid")), $"the cluster was left running:\n{said}");
            }
        }
        finally
        {
            await ServerRun.DiscardClusterAsync(folder);
            await ServerRun.DiscardClusterAsync(folder + "-key");
        }
    }
}
