using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NetTopologySuite.Geometries;
using Wolverine.Http;

namespace Ledger.Units.Finding;

public sealed record FoundUnit(string UnitCode, UnitKind Kind, UnitStatus Status, string Location, decimal Area, string Use);

public sealed record FoundUnits(IReadOnlyList<FoundUnit> Items, int Page, int PageSize, int Total);

/// <summary>Where to look: a point (which unit is here) or a box (which units are there).</summary>
public sealed record Search(Geometry Shape, bool IsPoint, int Page, int PageSize);

/// <summary>
/// <c>GET /api/units?point=lon,lat</c> and <c>GET /api/units?bbox=minLon,minLat,maxLon,maxLat</c>: the land and sea
/// units there, ordered by unit code, paged. Candidates come from the GiST index on the boundary box;
/// NetTopologySuite decides (a point on a shared boundary belongs to both units).
/// </summary>
public static class FindUnitsEndpoint
{
    public const int MaxCandidates = 5_000;
    static readonly GeometryFactory Factory = new();

    public static (Search?, ProblemDetails) Load([FromQuery] string? point, [FromQuery] string? bbox, [FromQuery] int? page, [FromQuery] int? pageSize)
    {
        if ((point is null) == (bbox is null))
            return (null, Problems.Invalid("point-or-bbox-required", "Give either point=lon,lat or bbox=minLon,minLat,maxLon,maxLat."));
        var size = pageSize ?? 50;
        if (page is < 1 || size is < 1 or > 500)
            return (null, Problems.Invalid("invalid-page", "page starts at 1; pageSize is 1 to 500."));
        if (point is not null)
            return BoundaryBoxes.TryReadNumbers(point, out var xy) && xy is [var x, var y]
                ? (new Search(Factory.CreatePoint(new Coordinate(x, y)), true, page ?? 1, size), WolverineContinue.NoProblems)
                : (null, Problems.Invalid("invalid-point", "point is lon,lat in degrees, e.g. 116.4605,39.9005."));
        return BoundaryBoxes.TryReadBox(bbox!, out var box)
            ? (new Search(Factory.ToGeometry(box), false, page ?? 1, size), WolverineContinue.NoProblems)
            : (null, Problems.Invalid("invalid-bbox", "bbox is minLon,minLat,maxLon,maxLat in degrees, minimum before maximum."));
    }

    [Authorize(Roles = $"{Roles.Clerk},{Roles.Reviewer},{Roles.Auditor},{Roles.Agency}")]
    [WolverineGet("/api/units")]
    [Tags("Units")]
    [EndpointSummary("The land and sea units at a point or within a box, paged")]
    [ProducesResponseType<FoundUnits>(200)]
    public static async Task<IResult> Get(Search search, IQuerySession session, CancellationToken ct)
    {
        var box = search.Shape.EnvelopeInternal;
        var candidates = await BoundaryBoxes.TouchingAsync(session, box, MaxCandidates + 1, ct);
        if (candidates.Count > MaxCandidates)
            return Results.Problem(Problems.Invalid("bbox-too-large", $"More than {MaxCandidates} units lie in that box; ask for a smaller one."));

        var found = candidates
            .Where(u => u.Geometry is not null && (search.IsPoint ? u.Geometry.Covers(search.Shape) : u.Geometry.Intersects(search.Shape)))
            .Select(u => new FoundUnit(u.Id, u.Kind, u.Status, u.Location, u.Area, u.Use))
            .ToList();
        var pageItems = found.Skip((search.Page - 1) * search.PageSize).Take(search.PageSize).ToList();
        return Results.Json(new FoundUnits(pageItems, search.Page, search.PageSize, found.Count), LedgerJson.Options);
    }
}
