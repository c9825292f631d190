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

    public static async Task<string> ConnectionStringAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_connectionString is not null) return _connectionString;
            var given = Environment.GetEnvironmentVariable("LEDGER_TEST_CONNECTION");
            if (!string.IsNullOrWhiteSpace(given)) return _connectionString = given;

            var folder = Path.Combine(Path.GetTempPath(), $"ledger-tests-{Guid.NewGuid():N}");
            _cluster = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
            await _cluster.StartAsync("ledger_tests");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                _cluster.StopAsync().GetAwaiter().GetResult();
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            return _connectionString = _cluster.ConnectionString("ledger_tests");
        }
        finally
        {
            Gate.Release();
        }
    }
}
