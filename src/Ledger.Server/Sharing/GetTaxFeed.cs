using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Sharing;

/// <summary>
/// <c>GET /api/feeds/tax</c>: every transfer recorded, with price, parties, area and certificate (tax authorities; auditors).
/// A county's tax bureau (its token names its county, <c>office</c>) is served that county's transfers only; a tax platform
/// above the counties, and an auditor, may narrow the feed to one county with <c>county=</c>.
/// </summary>
public static class GetTaxFeedEndpoint
{
    public static (FeedRequest?, ProblemDetails) Load(
        [FromQuery] string? after, [FromQuery] string? start, [FromQuery] int? limit, [FromQuery] string? county, ClaimsPrincipal user,
        FeedCursor cursors)
    {
        if (county is not null && !Counties.TryGet(county, out _))
            return (null, Problems.Invalid("invalid-county", "county is a 6-digit county-level code (GB/T 2260), e.g. 110105."));
        var caller = Caller.From(user);
        if (caller.Role == Roles.Tax && caller.Office is { } own)
        {
            // Deed tax is the county's: its bureau reads its own county's transfers, and no other's.
            if (county is not null && county != own)
                return (null, Problems.Forbidden("not-allowed-to-view", $"The tax bureau of {own} reads the transfers of its own county only."));
            county = own;
        }
        return FeedReading.Parse(Audience.Tax, after, start, limit, cursors, county);
    }

    [Authorize(Roles = $"{Roles.Tax},{Roles.Auditor}")]
    [WolverineGet("/api/feeds/tax")]
    [Tags("Sharing")]
    [EndpointSummary("Transfers in recording order, for tax authorities: follow next to see each exactly once")]
    [ProducesResponseType<FeedPage>(200)]
    public static IResult Get(FeedRequest request, FeedCursor cursors, IDocumentStore store) =>
        FeedReading.Page(request, cursors, store);
}
