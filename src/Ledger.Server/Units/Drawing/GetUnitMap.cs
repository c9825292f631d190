using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Units.Reading;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Units.Drawing;

/// <summary>The unit to draw and the boundary drawn for it (a building is drawn on its parcel).</summary>
public sealed record MapSubject(Unit Unit, NetTopologySuite.Geometries.Geometry Boundary);

/// <summary><c>GET /api/units/{unitCode}/map.svg</c>: the unit drawn with its neighbours.</summary>
public static class GetUnitMapEndpoint
{
    public static async Task<(MapSubject?, ProblemDetails)> LoadAsync(string unitCode, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (unit, problem) = await UnitPages.FindAsync(unitCode, session, ct);
        if (unit is null) return (null, problem);
        var caller = Caller.From(user);
        // The map shows the boundary: the full and holder cuts only.
        if (ViewCuts.For(caller, unit) is not (Reading.ViewCut.Full or Reading.ViewCut.Holder)) return (null, Problems.Forbidden("not-allowed-to-view", $"The map of unit {unit.Id} is open to its holders and the register's staff."));
        var boundary = unit.Geometry
                       ?? (unit.ParentUnitCode is { } parent ? (await session.LoadAsync<Unit>(parent, ct))?.Geometry : null);
        return boundary is null
            ? (null, Problems.NotFound("no-boundary", $"Unit {unit.Id} has no surveyed boundary to draw."))
            : (new MapSubject(unit, boundary), WolverineContinue.NoProblems);
    }

    [Authorize]
    [WolverineGet("/api/units/{unitCode}/map.svg")]
    [Tags("Units")]
    [EndpointSummary("The unit's boundary drawn with its neighbours (SVG)")]
    [Produces("image/svg+xml")]
    public static async Task<IResult> Get(MapSubject subject, IQuerySession session, CancellationToken ct)
    {
        var frame = new NetTopologySuite.Geometries.Envelope(subject.Boundary.EnvelopeInternal);
        frame.ExpandBy(Math.Max(frame.Width, frame.Height) * 0.6);
        var neighbours = await BoundaryBoxes.TouchingAsync(session, frame, 500, ct);
        return Results.Text(UnitMap.Draw(subject.Unit, subject.Boundary, neighbours), "image/svg+xml");
    }
}
