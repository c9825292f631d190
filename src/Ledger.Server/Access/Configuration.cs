using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access;

public static class Configuration
{
    /// <summary>Local mode (dev tokens, development key) is on by default, and never in Production.</summary>
    public static bool LocalMode(this IConfiguration configuration, IHostEnvironment environment) =>
        !environment.IsProduction() && configuration.GetValue("Ledger:LocalMode", true);

    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var tokens = builder.Configuration.GetSection(TokenOptions.Section).Get<TokenOptions>() ?? new TokenOptions();
        if (string.IsNullOrEmpty(tokens.SigningKey))
        {
            if (!builder.Configuration.LocalMode(builder.Environment))
                throw new Ledger.Hosting.LedgerStartupException($"{TokenOptions.Section}:SigningKey must be configured outside local mode.");
            tokens.SigningKey = TokenOptions.LocalModeKey;
        }
        builder.Services.AddSingleton(tokens);

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = tokens.Issuer,
                ValidAudience = tokens.Audience,
                IssuerSigningKey = tokens.Key(),
                RoleClaimType = "role",
                NameClaimType = Caller.SignatureClaim,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddTransient<IClaimsTransformation, SignatureClaim>();
        return builder;
    }
}
