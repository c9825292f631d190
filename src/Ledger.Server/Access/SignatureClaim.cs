using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Ledger.Access;

/// <summary>Adds the caller's signature as the identity's name, which Wolverine writes as each event's user name.</summary>
public sealed class SignatureClaim : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is ClaimsIdentity { IsAuthenticated: true } identity && !identity.HasClaim(c => c.Type == Caller.SignatureClaim))
            identity.AddClaim(new Claim(Caller.SignatureClaim, Caller.From(principal).Signature));
        return Task.FromResult(principal);
    }
}
