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

/// <summary><c>POST /api/units</c>: a clerk of the unit's county enters a surveyed unit into the register.</summary>
public static class EstablishUnitEndpoint
{
    public static async Task<ProblemDetails> ValidateAsync(EstablishUnit? command, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (command is null) return Problems.Invalid("malformed-request", "Send the unit's survey as JSON.");
        if (!UnitCode.TryParse(command.UnitCode, out var code, out var codeError))
            return Problems.Invalid("invalid-unit-code", codeError!, new Dictionary<string, string[]> { ["unitCode"] = [codeError!] });

        var caller = Caller.From(user);
        if (caller.Office != code!.County)
            return Problems.Forbidden("office-mismatch", $"Unit {code.Value} lies in county {code.County}; your office is {caller.Office}.");

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(command.Location)) errors["location"] = ["location (坐落) is required."];
        if (command.Area is not > 0) errors["area"] = ["area must be a positive number of square metres."];
        if (string.IsNullOrWhiteSpace(command.Use)) errors["use"] = ["use (用途) is required."];
        if (errors.Count > 0) return Problems.Invalid("invalid-unit", "The unit's survey is incomplete.", errors);

        Geometry? boundary = null;
        if (code.Kind == UnitKind.Building ? command.Geometry is { ValueKind: JsonValueKind.Object } : true)
        {
            if (!Boundary.TryRead(command.Geometry, out boundary, out var geometryError))
                return Problems.Invalid("invalid-geometry", geometryError!, new Dictionary<string, string[]> { ["geometry"] = [geometryError!] });
        }
        // A land or sea unit's area is its boundary's; a building's is its floor area, not its footprint.
        if (code.Kind != UnitKind.Building && boundary is not null && GeodesicArea.SquareMetres(boundary) is var surveyed
            && !GeodesicArea.Agrees(command.Area!.Value, surveyed))
            return Problems.Invalid("area-mismatch",
                $"The declared area {command.Area:F2} m² differs from the boundary's {surveyed:F2} m² by more than 1 % (1 m² at least).",
                new Dictionary<string, string[]> { ["area"] = [$"the boundary encloses {surveyed:F2} m²."] });

        if (code.Kind == UnitKind.Building)
        {
            if (command.ParentUnitCode is null || !UnitCode.TryParse(command.ParentUnitCode, out var parent, out _)
                || parent!.Kind == UnitKind.Building || parent.ParcelCode != code.ParcelCode)
                return Problems.Invalid("invalid-parent-unit",
                    $"A building unit needs parentUnitCode: the land or sea unit {code.ParcelCode}W00000000 it stands on.");
            if (await session.LoadAsync<Unit>(parent.Value, ct) is not { } parentUnit)
                return Problems.Refused("parent-unit-not-established", $"The land or sea unit {parent.Value} is not in the register yet.");
            // A building's footprint, when surveyed, lies within its parcel (a 1 cm² sliver is drawing noise).
            if (boundary is not null && parentUnit.Geometry is { } parcel && boundary.Difference(parcel).Area * 111_320 * 111_320 > 0.0001)
                return Problems.Invalid("footprint-outside-parcel", $"The building's footprint reaches outside its parcel {parent.Value}.",
                    new Dictionary<string, string[]> { ["geometry"] = [$"the footprint must lie within parcel {parent.Value}."] });
        }
        else if (command.ParentUnitCode is not null)
        {
            return Problems.Invalid("invalid-parent-unit", "Only building units stand on a parent unit.");
        }

        if (await session.Events.FetchStreamStateAsync(code.Value, ct) is not null)
            return Problems.Refused("unit-exists", $"The register already holds {code.Value}.");
        return WolverineContinue.NoProblems;
    }

    [Authorize(Roles = Roles.Clerk)]
    [WolverinePost("/api/units")]
    [Tags("Units")]
    [EndpointSummary("Establish a surveyed unit in the register")]
    public static async Task<(UnitCreated, IStartStream)> Post(
        EstablishUnit command, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var code = UnitCode.Parse(command.UnitCode!);
        Geometry? geometry = null;
        if (command.Geometry is { ValueKind: JsonValueKind.Object }) Boundary.TryRead(command.Geometry, out geometry, out _);
        // Overlap is checked under a lock on the cells the boundary touches: two clerks establishing overlapping
        // parcels at the same moment cannot both pass the check.
        if (code.Kind != UnitKind.Building && geometry is not null)
        {
            await Overlaps.LockAsync(session, code.Kind, geometry.EnvelopeInternal, ct);
            if (await Overlaps.FindAsync(session, code.Kind, geometry, ct) is { } overlap) throw new RefusedUnderLockException("geometry-overlap", overlap);
        }

        var established = new UnitEstablished(code.Value, code.County, code.Kind, command.Location!.Trim(), command.Area!.Value,
            command.Use!.Trim(), geometry, command.ParentUnitCode, clock.GetUtcNow(), Caller.From(user).Signature);
        return (new UnitCreated(code.Value, 1), MartenOps.StartStream<Unit>(code.Value, established));
    }
}
