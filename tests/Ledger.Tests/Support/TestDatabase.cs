using Ledger.Hosting;

namespace Ledger.Tests.Support;

/// <summary>
/// The real PostgreSQL the tests run against: <c>LEDGER_TEST_CONNECTION</c> when given, otherwise a
/// throwaway cluster of the machine's binaries in a temporary folder, removed when the run ends.
/// </summary>
public static class TestDatabase
{
    static readonly SemaphoreSlim Gate = new(1, 1);
    static string? _connectionString;
    static EmbeddedPostgres? _cluster;
    const string Prefix = "ledger-tests-";

    /// <summary>
    /// Folders of earlier runs that their watcher could not delete (it was killed too): more than ten minutes old and with no
    /// PostgreSQL running in them (no postmaster.pid, or its process gone). A run going on beside this one keeps its own.
    /// </summary>
    static void RemoveLeftovers()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (Directory.GetLastWriteTimeUtc(folder) > DateTime.UtcNow.AddMinutes(-10) || Running(folder)) continue;
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        static bool Running(string folder)
        {
            var pid = Path.Combine(folder, "postmaster.pid");
            if (!File.Exists(pid)) return false;
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(int.Parse(File.ReadLines(pid).First(), System.Globalization.CultureInfo.InvariantCulture));
                return !process.HasExited;
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return e is IOException or UnauthorizedAccessException; // unreadable: leave it alone
            }
        }
    }

    public static async Task<string> ConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_connectionString is not null) return _connectionString;
            var given = Environment.GetEnvironmentVariable("LEDGER_TEST_CONNECTION");
            if (!string.IsNullOrWhiteSpace(given)) return _connectionString = given;

            RemoveLeftovers();
            var folder = Path.Combine(Path.GetTempPath(), $"{Prefix}{Guid.NewGuid():N}");
            _cluster = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
            await _cluster.StartAsync("ledger_tests");
            // The test host is often ended before its exit handlers finish: a detached watcher stops the cluster and
            // deletes its folder once this process is gone.
            _cluster.DiscardWhenThisProcessEnds();
            return _connectionString = _cluster.ConnectionString("ledger_tests");
        }
        finally
        {
            Gate.Release();
        }
    }
}
