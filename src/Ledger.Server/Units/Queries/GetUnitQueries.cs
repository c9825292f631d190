using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Values;
using Ledger.Units.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Units.Queries;

/// <summary>One query of a unit as its holders and auditors see it; <c>Sub</c> masked for all but that person and auditors.</summary>
public sealed record UnitQueryView(DateTimeOffset At, string Role, string Name, string Sub, string? Purpose, string View, DateTimeOffset? AsOf);

/// <summary><c>GET /api/units/{unitCode}/queries</c>: who looked at the unit, oldest first (holders of the unit and auditors).</summary>
public static class GetUnitQueriesEndpoint
{
    public static async Task<(Unit?, ProblemDetails)> LoadAsync(string unitCode, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (unit, problem) = await UnitPages.FindAsync(unitCode, session, ct);
        if (unit is null) return (null, problem);

        var caller = Caller.From(user);
        var allowed = caller.Role == Roles.Auditor
                      || caller.IsHolderOf(unit);
        return allowed
            ? (unit, WolverineContinue.NoProblems)
            : (null, Problems.Forbidden("not-allowed-to-view", "Who queried a unit is open to its holders and to auditors."));
    }

    [Authorize]
    [WolverineGet("/api/units/{unitCode}/queries")]
    [Tags("Units")]
    [EndpointSummary("Every query of the unit: who asked, in which role, for what purpose, and what they were shown")]
    public static async Task<IReadOnlyList<UnitQueryView>> Get(Unit unit, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var disclosure = new Disclosure(Caller.From(user), unit.Office);
        return [.. (await QueryLog.OfUnitAsync(session, unit.Id, ct))
            .Select(q => new UnitQueryView(q.At, q.Role, q.Name, disclosure.IdNumber(q.Sub), q.Purpose, q.View, q.AsOf))];
    }
}
