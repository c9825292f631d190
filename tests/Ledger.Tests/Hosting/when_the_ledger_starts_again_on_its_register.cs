using Ledger.Units;
using Ledger.Tests.Support;
using Marten;
using Npgsql;

namespace Ledger.Tests.Hosting;

/// <summary>
/// Every start applies the register's schema. On a register already set up, that must find nothing to do: an object the
/// comparison always takes for changed is dropped and made again at every start (an index over every unit, a trigger on
/// the events), with its table locked while the server is not yet answering.
/// </summary>
public sealed class when_the_ledger_starts_again_on_its_register(LedgerHost fixture) : LedgerScenario(fixture)
{
    [Fact]
    public async Task the_schema_it_applied_is_found_as_configured_and_nothing_is_made_again()
    {
        await RegisteredToAsync(People.ZhangSan);
        var store = Host.Services.GetRequiredService<IDocumentStore>();

        // Throws, listing the statements it would run, when any object differs from its configuration.
        await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync();

        // The boundary index, kept outside Marten's model of the unit table, is there all the same.
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from pg_indexes where schemaname = 'ledger' and indexname = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = BoundaryIndex.Name });
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
