using Ledger.Hosting;
using Ledger.Tests.Support;

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
        try
        {
            var (exit, said) = await ServerRun.RunAsync(["db-apply"], new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Ledger__EmbeddedDatabase__DataDirectory"] = folder,
                ["Ledger__EmbeddedDatabase__Port"] = EmbeddedPostgres.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

            // One sentence saying what to set, and the configuration-error exit code; no stack trace.
            Assert.Equal(LedgerStartupException.ExitCode, exit);
            Assert.Contains("Ledger cannot start: Ledger:Tokens:SigningKey must be configured outside local mode.", said, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "PG_VERSION")), "the run never got as far as the cluster:\n" + said);
            Assert.False(File.Exists(Path.Combine(folder, "postmaster.pid")), "the cluster was left running:\n" + said);
        }
        finally
        {
            await ServerRun.DiscardClusterAsync(folder);
        }
    }

    [Fact]
    public async Task missing_postgresql_binaries_are_named_with_how_to_install_them()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-no-binaries-{Guid.NewGuid():N}");
        var (exit, said) = await ServerRun.RunAsync([], new Dictionary<string, string>
        {
            ["LEDGER_PG_BIN"] = "/nowhere/postgresql/bin",
            ["Ledger__EmbeddedDatabase__DataDirectory"] = folder,
        });

        Assert.Equal(LedgerStartupException.ExitCode, exit);
        Assert.Contains("Ledger cannot start: PostgreSQL server binaries were not found in /nowhere/postgresql/bin. " +
            "Install them with 'apt-get install -y postgresql-15'", said, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), "a data folder was made although there is nothing to run in it");
    }

    [Fact]
    public async Task a_port_another_server_holds_is_named_with_what_to_set()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-port-taken-{Guid.NewGuid():N}");
        using var other = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        other.Start();
        var port = ((System.Net.IPEndPoint)other.LocalEndpoint).Port;
        try
        {
            var (exit, said) = await ServerRun.RunAsync([], new Dictionary<string, string>
            {
                ["Ledger__EmbeddedDatabase__DataDirectory"] = folder,
                ["Ledger__EmbeddedDatabase__Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Ledger__Integrity__SigningKeyFile"] = Path.Combine(folder + "-key", "integrity-signing-key.pem"),
            });

            Assert.Equal(LedgerStartupException.ExitCode, exit);
            Assert.Contains($"Ledger cannot start: PostgreSQL did not start in {folder}", said, StringComparison.Ordinal);
            Assert.Contains("Address already in use", said, StringComparison.Ordinal);
            Assert.Contains($"If another server holds port {port}, give another with Ledger:EmbeddedDatabase:Port", said, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        }
        finally
        {
            await ServerRun.DiscardClusterAsync(folder);
            await ServerRun.DiscardClusterAsync(folder + "-key");
        }
    }
}
