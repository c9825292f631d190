using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ledger.Hosting;

/// <summary>
/// A PostgreSQL cluster of the machine's own binaries in a data folder of ours: initialised on first
/// use, started if it is not running, stopped when we started it. PostgreSQL refuses to run as root,
/// so as root every command runs as the unprivileged <c>postgres</c> user through runuser.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string DefaultBinaries = "/usr/lib/postgresql/15/bin";
    const string Superuser = "postgres";

    readonly string _binaries;
    readonly bool _asRoot = Environment.UserName == "root";
    bool _startedByUs;

    public EmbeddedPostgres(string dataDirectory, int port, string? binaries = null)
    {
        DataDirectory = Path.GetFullPath(dataDirectory);
        Port = port;
        _binaries = binaries ?? Environment.GetEnvironmentVariable("LEDGER_PG_BIN") ?? DefaultBinaries;
    }

    public string DataDirectory { get; }
    public int Port { get; }

    public string ConnectionString(string database) => new Npgsql.NpgsqlConnectionStringBuilder
    {
        Host = Host, Port = Port, Username = Superuser, Database = database, Pooling = true, MaxPoolSize = 50,
    }.ConnectionString;

    /// <summary>
    /// Where clients reach the cluster: its Unix socket in the data folder (no TCP stack between a recording and its
    /// commit), or 127.0.0.1 where there is no such socket (Windows) or its path is longer than a socket address holds.
    /// </summary>
    public string Host =>
        !OperatingSystem.IsWindows() && System.Text.Encoding.UTF8.GetByteCount(Path.Combine(DataDirectory, $".s.PGSQL.{Port}")) <= MaxSocketPath ? DataDirectory : "127.0.0.1";

    // sockaddr_un.sun_path is 108 bytes on Linux, with its terminating zero.
    const int MaxSocketPath = 107;

    static string ShellQuoted(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>
    /// A loopback port nothing listens on, for a cluster or server started next. It is taken from just below the kernel's
    /// ephemeral range: a port from that range (what binding port 0 gives) can be taken as the local port of any outgoing
    /// connection between this answer and the bind, and the cluster or server then fails to start. A port is not given
    /// twice in one process.
    /// </summary>
    public static int FreePort()
    {
        var below = EphemeralPortsStart();
        var lowest = Math.Max(1024, below - 10_000);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(lowest, below);
            lock (GivenPorts)
                if (!GivenPorts.Add(port)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) { }
        }
        using var anyFree = new TcpListener(IPAddress.Loopback, 0);
        anyFree.Start();
        return ((IPEndPoint)anyFree.LocalEndpoint).Port;
    }

    static readonly HashSet<int> GivenPorts = [];

    /// <summary>The first port the kernel hands to outgoing connections (Linux's <c>ip_local_port_range</c>; 32768 by default).</summary>
    static int EphemeralPortsStart()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(range)
                && int.TryParse(File.ReadAllText(range).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], out var first)
                && first > 1024 + 1_000)
                return first;
        }
        catch (IOException) { }
        return 32768;
    }

    /// <summary>Initialises the cluster if needed, starts it if it is not running, and makes sure the database exists.</summary>
    public async Task StartAsync(string database, Action<string>? progress = null, CancellationToken ct = default)
    {
        if (!File.Exists(Path.Combine(_binaries, "pg_ctl")))
            throw new LedgerStartupException(
                $"PostgreSQL server binaries were not found in {_binaries}. Install them with " +
                "'apt-get install -y postgresql-15' (or set LEDGER_PG_BIN to the folder holding pg_ctl), " +
                "or give an existing server with ConnectionStrings:Ledger.");

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            progress?.Invoke($"Initialising a PostgreSQL cluster in {DataDirectory}");
            PrepareFolder(DataDirectory);
            await RunAsync("initdb", ["-D", DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], ct);
        }

        if (await RunAsync("pg_ctl", ["status", "-D", DataDirectory], ct, throwOnError: false) != 0)
        {
            progress?.Invoke($"Starting PostgreSQL on 127.0.0.1:{Port} and its socket in {DataDirectory}");
            // pg_ctl hands these options to a shell: the socket folder is quoted, as the data folder may hold spaces.
            var options = $"-c listen_addresses=127.0.0.1 -p {Port} -k {ShellQuoted(DataDirectory)} -c max_connections=200";
            var log = Path.Combine(DataDirectory, "server.log");
            if (await RunAsync("pg_ctl", ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", log, "-o", options], ct, throwOnError: false) != 0)
                throw new LedgerStartupException(
                    $"PostgreSQL did not start in {DataDirectory}; its log ({log}) ends: \"{LastWords(log)}\". If another server " +
                    $"holds port {Port}, give another with Ledger:EmbeddedDatabase:Port, or give an existing server with ConnectionStrings:Ledger.");
            _startedByUs = true;
        }

        await EnsureDatabaseAsync(database, ct);
    }

    /// <summary>The last lines of the cluster's log that say something (why it would not start).</summary>
    static string LastWords(string log)
    {
        try
        {
            var said = File.ReadLines(log).Where(l => l.Trim().Length > 0).TakeLast(20)
                .Where(l => l.Contains("FATAL", StringComparison.Ordinal) || l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("could not", StringComparison.Ordinal))
                .Select(l => l.Trim()).ToList();
            return said.Count > 0 ? string.Join(" ", said.TakeLast(3)) : File.ReadLines(log).LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "(nothing)";
        }
        catch (IOException e)
        {
            return $"(unreadable: {e.Message})";
        }
        catch (UnauthorizedAccessException e)
        {
            return $"(unreadable: {e.Message})";
        }
    }

    async Task EnsureDatabaseAsync(string database, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new Npgsql.NpgsqlCommand("select 1 from pg_database where datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"create database \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task StopAsync() => await StopAsync(discarding: false);

    /// <summary>
    /// Stops the cluster if this process started it. <paramref name="discarding"/>: the folder is deleted next, so the
    /// cluster stops at once (immediate mode, no shutdown checkpoint) instead of flushing what nobody will read.
    /// </summary>
    public async Task StopAsync(bool discarding)
    {
        if (!_startedByUs) return;
        _startedByUs = false;
        await RunAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", discarding ? "immediate" : "fast", "-w"], CancellationToken.None, throwOnError: false);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>
    /// For a throwaway cluster (the tests'): a detached watcher stops it (immediate mode) and deletes its folder once
    /// this process has ended, however it ends — a test host is often ended before its exit handlers finish.
    /// </summary>
    public void DiscardWhenThisProcessEnds()
    {
        var stop = (_asRoot ? $"runuser -u {Superuser} -- " : "") + $"{ShellQuoted(Path.Combine(_binaries, "pg_ctl"))} stop -D {ShellQuoted(DataDirectory)} -m immediate -w";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf {ShellQuoted(DataDirectory)}";
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/",
        };
        foreach (var a in new[] { "sh", "-c", script }) info.ArgumentList.Add(a);
        Process.Start(info)?.Dispose();
    }

    void PrepareFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!_asRoot || OperatingSystem.IsWindows()) return;
        // postgres must own its data folder and be able to reach it through every parent.
        RunSync("chown", ["-R", $"{Superuser}:{Superuser}", folder]);
        for (var dir = Path.GetDirectoryName(folder); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
        }
    }

    async Task<int> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct, bool throwOnError = true)
    {
        using var process = Process.Start(StartInfo(tool, arguments))!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        // A tool of the machine's PostgreSQL that fails (initdb on a locale the machine lacks, a folder it may not write)
        // is told as it said it, in the one sentence the ledger ends with.
        if (throwOnError && process.ExitCode != 0)
            throw new LedgerStartupException(
                $"{tool} failed (exit {process.ExitCode}) for {DataDirectory}: {string.Join(" ", (await stderr + await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))}");
        return process.ExitCode;
    }

    static void RunSync(string file, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        process.WaitForExit();
    }

    ProcessStartInfo StartInfo(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binaries, tool);
        var info = new ProcessStartInfo(_asRoot ? "runuser" : path)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (_asRoot)
        {
            foreach (var a in new[] { "-u", Superuser, "--", path }) info.ArgumentList.Add(a);
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }
}
