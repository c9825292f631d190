using Ledger.Hosting;
using Npgsql;

namespace Ledger.Tests.Hosting;

public sealed class when_connecting_to_the_database
{
    [Fact]
    public void the_ledger_prepares_its_repeated_statements()
    {
        var tuned = new NpgsqlConnectionStringBuilder(LedgerDatabase.Tuned("Host=127.0.0.1;Port=5432;Database=ledger;Username=ledger"));
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.Equal("ledger", tuned.Database);
    }

    [Fact]
    public void a_configured_choice_about_preparing_wins()
    {
        var tuned = new NpgsqlConnectionStringBuilder(LedgerDatabase.Tuned("Host=db;Database=ledger;Max Auto Prepare=0"));
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
