using System.Globalization;
using System.Security.Claims;
using Ledger.Access;
using Ledger.Applications;
using Ledger.Hosting;
using Ledger.Units.Queries;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Units.Reading;

/// <summary>The unit read now or at an earlier instant, before it is cut to the caller.</summary>
/// <remarks><c>Recorded</c>: the query is already in the query log (written in the read's own round trip).</remarks>
public sealed record UnitReading(Unit Unit, DateTimeOffset AsOf, IReadOnlyList<Application> Pending, ViewCut Cut, string? Purpose, bool AsOfAsked, bool Recorded = false);

/// <summary><c>GET /api/units/{unitCode}[?asOf=][&amp;purpose=]</c>: the register's page for a unit.</summary>
public static class GetUnitEndpoint
{
    public static async Task<(UnitReading?, ProblemDetails)> LoadAsync(
        string unitCode, [FromQuery] string? asOf, [FromQuery] string? purpose, ClaimsPrincipal user, IQuerySession session, QueryLog log, TimeProvider clock, CancellationToken ct)
    {
        if (!UnitCode.TryParse(unitCode, out var code, out var error))
            return (null, Problems.Invalid("invalid-unit-code", error!));

        var now = clock.GetUtcNow();
        var instant = now;
        if (asOf is not null && !DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant))
            return (null, Problems.Invalid("invalid-as-of", "asOf is an ISO 8601 instant such as 2026-05-01T09:30:00+08:00."));
        // PostgreSQL stores instants in UTC; a reader's +08:00 is the same instant.
        instant = instant.ToUniversalTime();

        // Now: the unit's page and the applications queued on it in one round trip; when the caller's role alone decides
        // what they will be shown, the query is recorded in that same round trip (only if the unit exists: a 404 shows
        // nothing). As of an instant: folded from the events.
        var caller = Caller.From(user);
        Unit? unit;
        Task<IReadOnlyList<Application>>? queued = null;
        Task<bool>? recorded = null;
        var byRole = ViewCuts.ByRole(caller);
        if (asOf is null)
        {
            var batch = session.CreateBatchQuery();
            var page = batch.Load<Unit>(code!.Value);
            queued = PendingQueues.In(batch, [code.Value]);
            if (byRole is { } shown && !(shown == ViewCut.Party && string.IsNullOrWhiteSpace(purpose)))
                recorded = log.RecordIn(batch, new UnitQueried(code.Value, "", ViewName(shown), QueryLog.Purpose(purpose), null, caller.Role, caller.Name, caller.Sub, now));
            await batch.Execute(ct);
            unit = await page;
        }
        else unit = await UnitAsOf.FoldAsync(session, code!.Value, instant, ct);
        if (unit is null)
        {
            return asOf is not null && await session.Events.FetchStreamStateAsync(code.Value, ct) is not null
                ? (null, Problems.NotFound("unit-not-yet-established", $"Unit {code.Value} was not yet in the register at {asOf}."))
                : (null, Problems.NotFound("unit-not-found", $"The register holds no unit {code.Value}."));
        }

        var cut = ViewCuts.For(caller, unit);
        if (cut is null)
            return (null, Problems.Forbidden("not-allowed-to-view",
                caller.Role == Roles.Holder ? $"You are not a holder of unit {unit.Id}." : $"The role {caller.Role} may not read a unit's page."));
        // A party states its purpose and relation; a mortgagee bank's relation is its mortgage on the register (a stated
        // purpose is still recorded).
        if (cut == ViewCut.Party && caller.Role == Roles.Party && string.IsNullOrWhiteSpace(purpose))
            return (null, Problems.Invalid("purpose-required",
                "An interested party states the purpose of the query and their legal relation to the unit."));

        var pending = queued is not null
            ? PendingQueues.Pending(await queued)
            : [.. (await session.Query<Application>().Where(a => a.UnitCode == code.Value).ToListAsync(ct)).Where(a => a.WasPendingAt(instant))];
        return (new UnitReading(unit, instant, pending, cut.Value, purpose, asOf is not null, recorded is not null && await recorded), WolverineContinue.NoProblems);
    }

    /// <summary>The view's name as the query log and the page give it: <c>full</c>, <c>holder</c>, <c>party</c>, <c>prospect</c>.</summary>
    public static string ViewName(ViewCut cut) => cut.ToString().ToLowerInvariant();

    [Authorize]
    [WolverineGet("/api/units/{unitCode}")]
    [Tags("Units")]
    [EndpointSummary("The unit as the register reads now or as of an instant, cut to the caller")]
    public static async Task<UnitView> Get(
        UnitReading reading, ClaimsPrincipal user, HttpContext http, IQuerySession session, QueryLog log, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var view = UnitView.Of(reading.Unit, reading.Cut, reading.AsOf, reading.Pending, new Disclosure(caller, reading.Unit.Office));
        if (!reading.Recorded)
            await log.RecordAsync(session, QueryLog.Entry(reading.Unit, caller, ViewName(view.View), reading.Purpose,
                reading.AsOfAsked ? reading.AsOf : null, clock.GetUtcNow()), ct);
        http.Response.Headers.ETag = UnitVersionTag.Of(reading.Unit.Version);
        return view;
    }
}
