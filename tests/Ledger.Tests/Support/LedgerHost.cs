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
        await Host.ResetAllMartenDataAsync();
        await Host.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>().Storage.Admin.ClearAllAsync();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using var session = store.LightweightSession();
        session.QueueSqlCommand("truncate ledger.ledger_number_series");
        await session.SaveChangesAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class LedgerCollection : ICollectionFixture<LedgerHost>
{
    public const string Name = "ledger";
}
