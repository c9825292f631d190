using Ledger.Hosting;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Hosting;

/// <summary>
/// The embedded cluster is reached over its Unix socket in the data folder (no TCP stack between a statement and the
/// server), and over 127.0.0.1 when the socket's path would not fit in a socket address.
/// </summary>
public sealed class when_reaching_the_embedded_cluster
{
    [Fact]
    public void a_data_folder_with_a_short_path_is_reached_through_its_socket()
    {
        var postgres = new EmbeddedPostgres("/var/lib/ledger/postgres", 54320);
        Assert.Equal("/var/lib/ledger/postgres", postgres.Host);
        Assert.Equal("/var/lib/ledger/postgres", new NpgsqlConnectionStringBuilder(postgres.ConnectionString("ledger")).Host);
    }

    [Fact]
    public void a_data_folder_whose_socket_path_is_too_long_is_reached_over_loopback()
    {
        // /srv/ + 88 characters + /.s.PGSQL.54320 is 108 bytes: one more than a socket address holds.
        var folder = "/srv/" + new string('d', 88);
        Assert.Equal("127.0.0.1", new EmbeddedPostgres(folder, 54320).Host);
        Assert.Equal(folder[..^1], new EmbeddedPostgres(folder[..^1], 54320).Host);
        // Bytes count, not characters: a folder named in Chinese reaches the limit three times sooner.
        Assert.Equal("127.0.0.1", new EmbeddedPostgres("/srv/" + new string('宗', 30), 54320).Host);
    }

    [Fact]
    public void a_free_port_for_a_cluster_or_server_is_below_the_ports_outgoing_connections_take_and_is_not_given_twice()
    {
        // An outgoing connection may take any port of the ephemeral range as its own, between the answer and the bind.
        var ephemeral = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' '])[0], System.Globalization.CultureInfo.InvariantCulture);
        var ports = Enumerable.Range(0, 50).Select(_ => EmbeddedPostgres.FreePort()).ToList();
        Assert.All(ports, port => Assert.InRange(port, 1024, ephemeral - 1));
        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, ports[^1]);
        listener.Start();
    }

    [Fact]
    public async Task the_tests_own_cluster_answers_on_its_socket()
    {
        var connection = new NpgsqlConnectionStringBuilder(await TestDatabase.ConnectionStringAsync());
        if (Environment.GetEnvironmentVariable("LEDGER_TEST_CONNECTION") is { Length: > 0 }) return;
        Assert.StartsWith("/", connection.Host, StringComparison.Ordinal);
        await using var db = new NpgsqlConnection(connection.ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("select inet_server_addr() is null", db);
        // A Unix-socket session has no server address.
        Assert.True((bool)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task a_data_folder_with_spaces_and_chinese_in_its_path_starts_and_answers_on_its_socket()
    {
        if (OperatingSystem.IsWindows()) return;
        var parent = Path.Combine(Path.GetTempPath(), $"ledger tests 不动产 {Guid.NewGuid():N}"[..40]);
        var postgres = new EmbeddedPostgres(Path.Combine(parent, "it's data"), EmbeddedPostgres.FreePort());
        try
        {
            await postgres.StartAsync("ledger");
            Assert.Equal(postgres.DataDirectory, postgres.Host);
            await using var db = new NpgsqlConnection(postgres.ConnectionString("ledger"));
            await db.OpenAsync();
            await using var command = new NpgsqlCommand("select current_database()", db);
            Assert.Equal("ledger", await command.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await postgres.StopAsync(discarding: true);
            Directory.Delete(parent, recursive: true);
        }
    }
}
