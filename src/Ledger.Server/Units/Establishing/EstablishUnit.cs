using System.Security.Claims;
using System.Text.Json;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NetTopologySuite.Geometries;
using Wolverine.Http;
using Wolverine.Marten;

namespace Ledger.Units.Establishing;

public sealed record EstablishUnit(
    string? UnitCode, string? Location, decimal? Area, string? Use, JsonElement? Geometry, string? ParentUnitCode);

public sealed record UnitCreated(string UnitCode, int Version) : CreationResponse($"/api/units/{UnitCode}");

/// <summary>The survey as read and checked once: its code and its boundary (none for a building without a footprint).</summary>
public sealed record Survey(UnitCode Code, Geometry? Boundary);

/// <summary><c>POST /api/units</c>: a clerk of the unit's county enters a surveyed unit into the register.</summary>
public static class EstablishUnitEndpoint
{
    /// <summary>Everything checked before the write, the boundary read once.</summary>
    public static async Task<(Survey?, ProblemDetails)> LoadAsync(EstablishUnit? command, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (problem, boundary) = await CheckAsync(command, user, session, ct);
        return problem.Status is not null ? (null, problem) : (new Survey(UnitCode.Parse(command!.UnitCode!), boundary), problem);
    }

    static async Task<(ProblemDetails Problem, Geometry? Boundary)> CheckAsync(EstablishUnit? command, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (command is null) return (Problems.Invalid("malformed-request", "Send the unit's survey as JSON."), null);
        if (!UnitCode.TryParse(command.UnitCode, out var code, out var codeError))
            return (Problems.Invalid("invalid-unit-code", codeError!, new Dictionary<string, string[]> { ["unitCode"] = [codeError!] }), null);

        var caller = Caller.From(user);
        if (caller.Office != code!.County)
            return (Problems.Forbidden("office-mismatch", $"Unit {code.Value} lies in county {code.County}; your office is {caller.Office}."), null);

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Location)) errors["location"] = ["location (坐落) is required."];
        if (command.Area is not > 0) errors["area"] = ["area must be a positive number of square metres."];
        if (string.IsNullOrWhiteSpace(command.Use)) errors["use"] = ["use (用途) is required."];
        if (errors.Count > 0) return (Problems.Invalid("invalid-unit", "The unit's survey is incomplete.", errors), null);

        Geometry? boundary = null;
        if (code.Kind == UnitKind.Building ? command.Geometry is { ValueKind: JsonValueKind.Object } : true)
        {
            if (!Boundary.TryRead(command.Geometry, out boundary, out var geometryError))
                return (Problems.Invalid("invalid-geometry", geometryError!, new Dictionary<string, string[]> { ["geometry"] = [geometryError!] }), null);
        }
        // A land or sea unit's area is its boundary's; a building's is its floor area, not its footprint.
        if (code.Kind != UnitKind.Building && boundary is not null && GeodesicArea.SquareMetres(boundary) is var surveyed
            && !GeodesicArea.Agrees(command.Area!.Value, surveyed))
            return (Problems.Invalid("area-mismatch",
                $"The declared area {command.Area:F2} m² differs from the boundary's {surveyed:F2} m² by more than 1 % (1 m² at least).",
                new Dictionary<string, string[]> { ["area"] = [$"the boundary encloses {surveyed:F2} m²."] }), null);

        if (code.Kind == UnitKind.Building)
        {
            if (command.ParentUnitCode is null || !UnitCode.TryParse(command.ParentUnitCode, out var parent, out _)
                || parent!.Kind == UnitKind.Building || parent.ParcelCode != code.ParcelCode)
                return (Problems.Invalid("invalid-parent-unit",
                    $"A building unit needs parentUnitCode: the land or sea unit {code.ParcelCode}W00000000 it stands on."), null);
            if (await session.LoadAsync<Unit>(parent.Value, ct) is not { } parentUnit)
                return (Problems.Refused("parent-unit-not-established", $"The land or sea unit {parent.Value} is not in the register yet."), null);
            // A building's footprint, when surveyed, lies within its parcel (a 1 cm² sliver is drawing noise).
            if (boundary is not null && parentUnit.Geometry is { } parcel && boundary.Difference(parcel).Area * 111_320 * 111_320 > 0.0001)
                return (Problems.Invalid("footprint-outside-parcel", $"The building's footprint reaches outside its parcel {parent.Value}.",
                    new Dictionary<string, string[]> { ["geometry"] = [$"the footprint must lie within parcel {parent.Value}."] }), null);
        }
        else if (command.ParentUnitCode is not null)
        {
            return (Problems.Invalid("invalid-parent-unit", "Only building units stand on a parent unit."), null);
        }

        // "Already in the register" is decided by the write itself: starting the unit's stream fails on an existing code
        // (409 unit-exists), and a second survey of the same unit overlaps the first (see Post).
        return (WolverineContinue.NoProblems, boundary);
    }

    [Authorize(Roles = Roles.Clerk)]
    [WolverinePost("/api/units")]
    [Tags("Units")]
    [EndpointSummary("Establish a surveyed unit in the register")]
    public static async Task<(UnitCreated, IStartStream)> Post(
        EstablishUnit command, Survey survey, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var (code, geometry) = (survey.Code, survey.Boundary);
        // Overlap is checked under a lock on the cells the boundary touches: two clerks establishing overlapping
        // parcels at the same moment cannot both pass the check.
        if (code.Kind != UnitKind.Building && geometry is not null)
        {
            var overlaps = await Overlaps.LockAndFindAsync(session, code.Kind, geometry, ct);
            if (overlaps.Any(o => o.UnitCode == code.Value)) throw new RefusedUnderLockException("unit-exists", $"The register already holds {code.Value}.");
            if (overlaps.Count > 0) throw new RefusedUnderLockException("geometry-overlap", Overlaps.Describe(overlaps));
        }

        var established = new UnitEstablished(code.Value, code.County, code.Kind, command.Location!.Trim(), command.Area!.Value,
            command.Use!.Trim(), geometry, command.ParentUnitCode, clock.GetUtcNow(), Caller.From(user).Signature);
        return (new UnitCreated(code.Value, 1), MartenOps.StartStream<Unit>(code.Value, established));
    }
}
