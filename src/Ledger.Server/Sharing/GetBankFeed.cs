using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Sharing;

/// <summary>
/// <c>GET /api/feeds/bank</c>: for the calling institution, its mortgages recorded and discharged, and the seizures,
/// objections, advance notices, transfers, splits, merges and cancellations on units where it holds or held a mortgage.
/// An auditor reads any bank's feed by naming it (<c>bank=</c>).
/// </summary>
public static class GetBankFeedEndpoint
{
    public static (FeedRequest?, ProblemDetails) Load(
        [FromQuery] string? after, [FromQuery] string? start, [FromQuery] int? limit, [FromQuery] string? bank, ClaimsPrincipal user,
        FeedCursor cursors)
    {
        var caller = Caller.From(user);
        if (caller.Role == Roles.Auditor)
            return string.IsNullOrWhiteSpace(bank)
                ? (null, Problems.Invalid("bank-required", "An auditor names the bank whose feed to read: bank=<its credit code>."))
                : FeedReading.Parse(Audience.Bank(bank.Trim()), after, start, limit, cursors);
        // A bank's feed is its own: naming another institution is refused, and so is that institution's cursor (it was sealed for it).
        if (bank is not null && !string.Equals(bank.Trim(), caller.Sub, StringComparison.OrdinalIgnoreCase))
            return (null, Problems.Forbidden("not-allowed-to-view", "A bank reads only its own feed."));
        return FeedReading.Parse(Audience.Bank(caller.Sub), after, start, limit, cursors);
    }

    [Authorize(Roles = $"{Roles.Bank},{Roles.Auditor}")]
    [WolverineGet("/api/feeds/bank")]
    [Tags("Sharing")]
    [EndpointSummary("The recordings that concern the calling bank, in recording order: follow next to see each exactly once")]
    [ProducesResponseType<FeedPage>(200)]
    public static IResult Get(FeedRequest request, FeedCursor cursors, IDocumentStore store) =>
        FeedReading.Page(request, cursors, store);
}
