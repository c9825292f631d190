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

    [Fact]
    public async Task a_postgresql_tool_that_fails_is_quoted_in_one_sentence()
    {
        if (OperatingSystem.IsWindows()) return;
        // The machine's binaries, but an initdb that refuses as initdb does on a machine without the cluster's locale.
        var binaries = Directory.CreateTempSubdirectory("ledger-binaries-").FullName;
        // Run as root, the tools run as postgres, who must be able to reach them.
        File.SetUnixFileMode(binaries, (UnixFileMode)0b111_101_101);
        var folder = Path.Combine(Path.GetTempPath(), $"ledger-initdb-fails-{Guid.NewGuid():N}");
        File.CreateSymbolicLink(Path.Combine(binaries, "pg_ctl"), Path.Combine(EmbeddedPostgres.DefaultBinaries, "pg_ctl"));
        var initdb = Path.Combine(binaries, "initdb");
        await File.WriteAllTextAsync(initdb, "#!/bin/sh\necho 'initdb: error: invalid locale name \"C.UTF-8\"' >&2\nexit 1\n");
        File.SetUnixFileMode(initdb, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            var (exit, said) = await ServerRun.RunAsync([], new Dictionary<string, string>
            {
                ["LEDGER_PG_BIN"] = binaries,
                ["Ledger__EmbeddedDatabase__DataDirectory"] = folder,
            });

            Assert.Equal(LedgerStartupException.ExitCode, exit);
            Assert.Contains($"Ledger cannot start: initdb failed (exit 1) for {folder}: initdb: error: invalid locale name \"C.UTF-8\"", said, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        }
        finally
        {
            await ServerRun.DiscardClusterAsync(folder);
            Directory.Delete(binaries, recursive: true);
        }
    }
}
