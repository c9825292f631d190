using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Wolverine;

namespace Ledger.Tests.Support;

/// <summary>
/// The real server (<c>Program</c>) on Kestrel, listening on a free TCP port of 127.0.0.1, on the same test PostgreSQL
/// and with the same settings as <see cref="LedgerHost"/>: for clients outside the process, such as GDAL's ogrinfo.
/// The views a request reads are inline, so this second host may read and write the register the in-memory one resets;
/// it runs no async daemon (feeds, statistics, the integrity log), so that the in-memory host, which pauses its daemon
/// around each reset, is always the one that folds them.
/// </summary>
public sealed class LiveLedger : IAsyncLifetime, IDisposable
{
    sealed class Server : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseSetting("Ledger:AsyncDaemon", "Disabled").ConfigureServices(services =>
        {
            services.DisableAllExternalWolverineTransports();
            services.RunWolverineInSoloMode();
        });
    }

    Server? _server;

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41235</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>An HTTP client over real TCP to <see cref="Address"/>.</summary>
    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", await TestDatabase.ConnectionStringAsync());
        _server = new Server();
        // Port 0: Kestrel takes a free port and reports it; this overrides the `urls` the program would listen on.
        _server.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        await Task.Run(_server.StartServer);
        var addresses = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        _server = null;
    }

    public void Dispose() => _server?.Dispose();
}
