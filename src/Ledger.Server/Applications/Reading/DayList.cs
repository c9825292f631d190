using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Applications.Reading;

public sealed record DayListEntry(
    string ApplicationId, string Number, ApplicationType Type, string UnitCode, ApplicationStatus Status, DateTimeOffset AcceptedAt, string AcceptedBy);

/// <summary>
/// <c>GET /api/applications?unitCode=&amp;status=pending</c>: the office's day list — pending applications
/// in priority order (first accepted, first recorded).
/// </summary>
public static class DayListEndpoint
{
    public static ProblemDetails Validate([FromQuery] string? unitCode, [FromQuery] string? status)
    {
        if (unitCode is not null && !UnitCode.TryParse(unitCode, out _, out var error)) return Problems.Invalid("invalid-unit-code", error!);
        if (status is not (null or "pending" or "all")) return Problems.Invalid("invalid-status", "status is pending (the default) or all.");
        return WolverineContinue.NoProblems;
    }

    [Authorize(Roles = $"{Roles.Clerk},{Roles.Reviewer}")]
    [WolverineGet("/api/applications")]
    [Tags("Applications")]
    [EndpointSummary("The office's day list: pending applications in priority order")]
    public static async Task<IReadOnlyList<DayListEntry>> Get([FromQuery] string? unitCode, [FromQuery] string? status, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var office = Caller.From(user).Office!;
        var query = session.Query<Application>().Where(a => a.Office == office);
        if (unitCode is not null) query = query.Where(a => a.UnitCode == unitCode);
        if (status is null or "pending") query = query.Where(a => a.IsPending);
        var applications = await query.OrderBy(a => a.AcceptedAt).ThenBy(a => a.Number).Take(1000).ToListAsync(ct);
        return [.. applications.Select(a => new DayListEntry(a.Id, a.Number, a.Type, a.UnitCode, a.Status, a.AcceptedAt, a.AcceptedBy))];
    }
}
