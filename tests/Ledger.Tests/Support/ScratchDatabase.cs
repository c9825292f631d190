using Npgsql;

namespace Ledger.Tests.Support;

/// <summary>
/// A database of its own on the tests' cluster, for a server run as a separate process (its own daemon, its own schema
/// changes, killed or rebuilt at will) without touching the register the in-memory host resets; dropped afterwards.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    readonly string _cluster;
    readonly string _name;

    ScratchDatabase(string cluster, string name) => (_cluster, _name) = (cluster, name);

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_cluster) { Database = _name }.ConnectionString;

    public static async Task<ScratchDatabase> CreateAsync(string purpose)
    {
        var cluster = await TestDatabase.ConnectionStringAsync();
        var scratch = new ScratchDatabase(cluster, $"ledger_{purpose}_{Guid.NewGuid():N}");
        await ExecuteAsync(cluster, $"create database {scratch._name}");
        return scratch;
    }

    /// <summary>Runs statements one after another on the scratch database.</summary>
    public Task ExecuteAsync(params string[] statements) => ExecuteAsync(ConnectionString, statements);

    /// <summary>The first column of the first row of a query on the scratch database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var db = new NpgsqlConnection(ConnectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(sql, db);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_cluster, $"drop database if exists {_name} with (force)");
    }

    static async Task ExecuteAsync(string connection, params string[] statements)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        foreach (var sql in statements)
        {
            await using var command = new NpgsqlCommand(sql, db);
            await command.ExecuteNonQueryAsync();
        }
    }
}
