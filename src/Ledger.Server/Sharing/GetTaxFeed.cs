using Ledger.Access;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Sharing;

/// <summary><c>GET /api/feeds/tax</c>: every transfer recorded, with price, parties, area and certificate (tax authorities; auditors).</summary>
public static class GetTaxFeedEndpoint
{
    public static (FeedRequest?, ProblemDetails) Load(
        [FromQuery] string? after, [FromQuery] string? start, [FromQuery] int? limit, FeedCursor cursors) =>
        FeedReading.Parse(Audience.Tax, after, start, limit, cursors);

    [Authorize(Roles = $"{Roles.Tax},{Roles.Auditor}")]
    [WolverineGet("/api/feeds/tax")]
    [Tags("Sharing")]
    [EndpointSummary("Transfers in recording order, for tax authorities: follow next to see each exactly once")]
    [ProducesResponseType<FeedPage>(200)]
    public static IResult Get(FeedRequest request, FeedCursor cursors, IDocumentStore store) =>
        FeedReading.Page(request, cursors, store);
}
