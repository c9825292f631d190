using System.Security.Claims;
using System.Text;
using Alba;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Wolverine;

namespace Ledger.Tests.Contracts;

/// <summary>
/// The real server with local mode off and its own signing key: no development tokens, and only tokens signed with
/// the configured key are an identity. A second host on the test PostgreSQL; it only reads.
/// </summary>
[Collection(LedgerCollection.Name)]
public sealed class when_running_outside_local_mode : IAsyncLifetime
{
    const string ConfiguredKey = "the-registry's-own-signing-key-of-at-least-32-bytes";
    IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", await TestDatabase.ConnectionStringAsync());
        _host = await AlbaHost.For<Program>(x =>
        {
            x.UseSetting("Ledger:LocalMode", "false");
            x.UseSetting("Ledger:Tokens:SigningKey", ConfiguredKey);
            x.UseSetting("Ledger:Integrity:SigningKey", global::Ledger.Integrity.CheckpointSigner.NewKeyPem());
            x.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.RunWolverineInSoloMode();
            });
        });
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    static string Signed(string key) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Subject = new ClaimsIdentity([new Claim("role", "auditor"), new Claim("sub", "110105197001010019"), new Claim("name", "审计员陈")]),
        Issuer = "ledger",
        Audience = "ledger",
        Expires = DateTime.UtcNow.AddHours(1),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
    });

    [Fact]
    public async Task no_development_tokens_and_only_the_configured_key_signs()
    {
        var ledger = new LedgerClient(_host.Server.CreateClient());
        (await ledger.PostAsync("/dev/tokens", new { role = "clerk", sub = People.ClerkWang.IdNumber, name = People.ClerkWang.Name, office = People.Office }, null))
            .ShouldBeRefused(404, "not-found");

        // An identified caller asking about a number the register never issued: 404, not 401.
        const string never = "/api/certificates/%E4%BA%AC(2026)%E6%9C%9D%E9%98%B3%E5%8C%BA%E4%B8%8D%E5%8A%A8%E4%BA%A7%E6%9D%83%E7%AC%AC9999999%E5%8F%B7";
        (await ledger.GetAsync(never, Signed(ConfiguredKey))).ShouldBeRefused(404, "certificate-not-found");
        (await ledger.GetAsync(never, Signed(Ledger.Access.TokenOptions.LocalModeKey))).ShouldBeRefused(401, "identity-required");
    }
}
