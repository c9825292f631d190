using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Ledger.Access;
using Ledger.Tests.Support;
using Marten;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Tests.Contracts;

/// <summary>
/// A bearer token is an identity only when the ledger signed it for itself and it is still valid: anything else is
/// 401 identity-required, and nothing sent with it is stored (specs/access.md, "Tokens").
/// </summary>
public sealed class when_presenting_a_token(LedgerHost fixture) : LedgerScenario(fixture)
{
    TokenOptions Options => Host.Services.GetRequiredService<TokenOptions>();

    static Claim[] ClerkClaims =>
        [new("role", "clerk"), new("sub", People.ClerkWang.IdNumber), new("name", People.ClerkWang.Name), new("office", People.Office)];

    string Sign(string? issuer = null, string? audience = null, DateTime? expires = null, string? key = null, Claim[]? claims = null)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims ?? ClerkClaims),
            Issuer = issuer ?? Options.Issuer,
            Audience = audience ?? Options.Audience,
            IssuedAt = until.AddHours(-2),
            NotBefore = until.AddHours(-2),
            Expires = until,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key ?? Options.SigningKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    string Token(string kind) => kind switch
    {
        "valid" => Sign(),
        // The signature's first character changed: the signature no longer matches.
        "tampered-signature" => Sign() is var t && t.LastIndexOf('.') is var dot
            ? t[..(dot + 1)] + (t[dot + 1] == 'A' ? 'B' : 'A') + t[(dot + 2)..]
            : t,
        // A holder's token whose payload was rewritten to a clerk's, the holder's signature kept.
        "tampered-payload" => Sign(claims: [new("role", "holder"), new("sub", People.ZhangSan.IdNumber), new("name", People.ZhangSan.Name)]).Split('.') is var parts
            ? $"{parts[0]}.{Sign().Split('.')[1]}.{parts[2]}"
            : "",
        "expired" => Sign(expires: DateTime.UtcNow.AddMinutes(-5)),
        "wrong-audience" => Sign(audience: "another-register"),
        "wrong-issuer" => Sign(issuer: "someone-else"),
        "other-key" => Sign(key: "a-signing-key-the-ledger-has-never-seen-0123456789"),
        "unsigned" => $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Sign().Split('.')[1]}.",
        "garbage" => "not-a-token-at-all",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    async Task<long> EventsAsync() =>
        (await Host.Services.GetRequiredService<IDocumentStore>().Advanced.FetchEventStoreStatistics()).EventCount;

    [Fact]
    public async Task a_token_the_ledger_signed_for_itself_is_an_identity()
    {
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", Survey(code), Token("valid"))).ShouldBe(201);
        (await Ledger.GetAsync($"/api/units/{code}", Token("valid"))).ShouldBe(200);
    }

    [Theory]
    [InlineData("tampered-signature")]
    [InlineData("tampered-payload")]
    [InlineData("expired")]
    [InlineData("wrong-audience")]
    [InlineData("wrong-issuer")]
    [InlineData("other-key")]
    [InlineData("unsigned")]
    [InlineData("garbage")]
    public async Task any_other_token_is_no_identity_and_stores_nothing(string kind)
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        var token = Token(kind);
        (await Ledger.GetAsync($"/api/units/{unit}", token)).ShouldBeRefused(401, "identity-required");

        var before = await EventsAsync();
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", Survey(code), token)).ShouldBeRefused(401, "identity-required");
        (await Ledger.PostAsync("/api/applications", new
        {
            type = "transfer", unitCode = unit, applicants = new[] { new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber } },
            details = SaleTo(People.LiSi),
        }, token)).ShouldBeRefused(401, "identity-required");
        Assert.Equal(before, await EventsAsync());
        (await Ledger.GetAsync($"/api/units/{code}", Clerk)).ShouldBeRefused(404, "unit-not-found");
        Assert.Empty((await Ledger.GetAsync($"/api/applications?unitCode={unit}", Clerk)).ShouldBe(200).Body!.AsArray());
    }

    [Fact]
    public async Task a_bearer_header_without_a_token_is_no_identity()
    {
        var answer = await Ledger.SendAsync(HttpMethod.Get, "/api/certificates/x", configure: r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer"));
        answer.ShouldBeRefused(401, "identity-required");
    }

    // Local mode: development tokens and the development key. Outside it, neither.

    static WebApplicationBuilder Builder(string environment, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }

    const string ConfiguredKey = "a-configured-signing-key-of-at-least-32-bytes";

    [Theory]
    [InlineData("Development", "false")]
    [InlineData("Production", "true")]
    public void dev_tokens_are_refused_outside_local_mode(string environment, string localMode)
    {
        var builder = Builder(environment, ("Ledger:LocalMode", localMode));
        var problem = IssueDevTokenEndpoint.Validate(new DevTokenRequest("clerk", People.ClerkWang.IdNumber, People.ClerkWang.Name, People.Office),
            builder.Configuration, builder.Environment);
        Assert.Equal(404, problem.Status);
        Assert.Equal("not-found", problem.Extensions["code"]);
    }

    [Fact]
    public void outside_local_mode_the_signing_key_must_be_configured()
    {
        var builder = Builder("Development", ("Ledger:LocalMode", "false"));
        Assert.Throws<Ledger.Hosting.LedgerStartupException>(() => builder.AddAccess());
    }

    [Fact]
    public async Task outside_local_mode_only_the_configured_key_signs()
    {
        var builder = Builder("Development", ("Ledger:LocalMode", "false"), ("Ledger:Tokens:SigningKey", ConfiguredKey));
        builder.AddAccess();
        await using var app = builder.Build();
        var parameters = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme).TokenValidationParameters;
        var handler = new JsonWebTokenHandler();

        Assert.True((await handler.ValidateTokenAsync(Sign(key: ConfiguredKey), parameters)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(Sign(key: TokenOptions.LocalModeKey), parameters)).IsValid);
        Assert.False((await handler.ValidateTokenAsync(Sign(key: ConfiguredKey, expires: DateTime.UtcNow.AddMinutes(-5)), parameters)).IsValid);
    }
}
