using System.Security.Claims;
using Ledger.Hosting;
using Ledger.Values;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Wolverine.Http;

namespace Ledger.Access;

public sealed record DevTokenRequest(string? Role, string? Sub, string? Name, string? Office);

public sealed record DevToken(string Token);

/// <summary>
/// <c>POST /dev/tokens</c>: a signed token for any role, so that a local run and the tests can act as
/// anyone. Answers 404 unless local mode is on; never in Production.
/// </summary>
public static class IssueDevTokenEndpoint
{
    public static ProblemDetails Validate(DevTokenRequest? request, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!configuration.LocalMode(environment))
            return Problems.NotFound("not-found", "Development tokens are only issued in local mode.");
        if (request is null)
            return Problems.Invalid("malformed-request", "Send {\"role\",\"sub\",\"name\",\"office\"}.");

        var errors = new Dictionary<string, string[]>();
        if (request.Role is null || !Roles.All.Contains(request.Role))
            errors["role"] = [$"role must be one of: {string.Join(", ", Roles.All)}."];
        if (string.IsNullOrWhiteSpace(request.Sub))
            errors["sub"] = ["sub is the identity number or credit code of whoever acts."];
        if (string.IsNullOrWhiteSpace(request.Name))
            errors["name"] = ["name is required."];
        if (request.Role is not null && Roles.OfficeStaff.Contains(request.Role))
        {
            if (request.Office is null || !Counties.TryGet(request.Office, out _))
                errors["office"] = ["clerks and reviewers need office: a 6-digit county-level code (GB/T 2260)."];
        }
        // A county's tax bureau carries its county and is served that county's transfers; without one, a tax platform above the counties.
        else if (request.Role == Roles.Tax && request.Office is not null && !Counties.TryGet(request.Office, out _))
            errors["office"] = ["a tax bureau's office, when given, is its 6-digit county-level code (GB/T 2260)."];
        return errors.Count == 0
            ? WolverineContinue.NoProblems
            : Problems.Invalid("invalid-token-request", "The token request is incomplete.", errors);
    }

    [WolverinePost("/dev/tokens")]
    [Tags("Access")]
    [EndpointSummary("A signed token for any role (local mode only)")]
    public static DevToken Post(DevTokenRequest request, TokenOptions options, TimeProvider clock)
    {
        var claims = new List<Claim>
        {
            new("role", request.Role!), new("sub", request.Sub!.Trim()), new("name", request.Name!.Trim()),
        };
        if (Roles.OfficeStaff.Contains(request.Role!) || (request.Role == Roles.Tax && request.Office is not null))
            claims.Add(new Claim("office", request.Office!));

        var now = clock.GetUtcNow().UtcDateTime;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.Lifetime,
            SigningCredentials = new SigningCredentials(options.Key(), SecurityAlgorithms.HmacSha256),
        });
        return new DevToken(token);
    }
}
