using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Units.Queries;
using Ledger.Values;
using Ledger.Units.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Units.History;

public sealed record HistoryEntry(
    long Version, long Sequence, string Type, DateTimeOffset RecordedAt, string? RecordedBy, string? ApplicationId, JsonNode? Data);

public sealed record UnitHistory(string UnitCode, IReadOnlyList<HistoryEntry> Events);

/// <summary><c>GET /api/units/{unitCode}/history</c>: every sentence ever written on the unit's page, oldest first.</summary>
public static class GetUnitHistoryEndpoint
{
    public static async Task<(Unit?, ProblemDetails)> LoadAsync(string unitCode, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (unit, problem) = await UnitPages.FindAsync(unitCode, session, ct);
        if (unit is null) return (null, problem);

        var caller = Caller.From(user);
        var allowed = caller.Role == Roles.Auditor || caller.IsStaffOf(unit.Office)
                      || caller.IsHolderOf(unit);
        return allowed
            ? (unit, WolverineContinue.NoProblems)
            : (null, Problems.Forbidden("not-allowed-to-view", "A unit's history is open to its holders, its office and auditors."));
    }

    [Authorize]
    [WolverineGet("/api/units/{unitCode}/history")]
    [Tags("Units")]
    [EndpointSummary("Every entry ever written on the unit, oldest first")]
    public static async Task<UnitHistory> Get(
        Unit unit, ClaimsPrincipal user, IQuerySession session, QueryLog log, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var disclosure = new Disclosure(caller, unit.Office);
        var events = await session.Events.FetchStreamAsync(unit.Id, token: ct);
        var entries = events.Select(e =>
        {
            var data = JsonSerializer.SerializeToNode(e.Data, e.EventType, LedgerJson.Options);
            return new HistoryEntry(e.Version, e.Sequence, JsonNamingPolicy.KebabCaseLower.ConvertName(e.EventType.Name),
                RecordedAt(data) ?? e.Timestamp, disclosure.Signature(e.UserName), data?["applicationId"]?.GetValue<string>(), disclosure.Mask(data));
        }).ToList();
        await log.RecordAsync(session, QueryLog.Entry(unit, caller, "history", null, null, clock.GetUtcNow()), ct);
        return new UnitHistory(unit.Id, entries);
    }

    static DateTimeOffset? RecordedAt(JsonNode? data) =>
        (data?["recordedAt"] ?? data?["establishedAt"]) is { } at ? at.GetValue<DateTimeOffset>() : null;
}
