using Alba;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Ledger.Tests.Support;

/// <summary>The real server (<c>Program</c>) in memory, on the test PostgreSQL, shared by the HTTP scenarios.</summary>
public sealed class LedgerHost : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", await TestDatabase.ConnectionStringAsync());
        Host = await AlbaHost.For<Program>(x => x.ConfigureServices(services =>
        {
            services.DisableAllExternalWolverineTransports();
            services.RunWolverineInSoloMode();
        }));
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        await Host.DisposeAsync();
    }

    /// <summary>Empties the register before a test (never after: a failed test's data stays to look at).</summary>
    public async Task ResetAsync()
    {
        // As Host.ResetAllMartenDataAsync(), with the integrity log emptied while the daemon is paused: a page it logged
        // in between would otherwise land in the old tree.
        var coordinator = Host.Services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        if (coordinator is not null) await coordinator.PauseAsync();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await store.Advanced.ResetAllData();
        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand("truncate ledger.ledger_number_series");
            session.QueueSqlCommand($"truncate ledger.{(global::Ledger.Units.Queries.QueryLog.TableName)}");
            session.QueueSqlCommand(global::Ledger.Integrity.LogTables.TruncateAll("ledger"));
            await session.SaveChangesAsync();
        }
        if (coordinator is not null) await coordinator.ResumeAsync();
        await Host.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>().Storage.Admin.ClearAllAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerHost>
{
    public const string Name = "ledger";
}
