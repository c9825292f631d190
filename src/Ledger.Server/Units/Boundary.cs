using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace Ledger.Units;

/// <summary>
/// A unit's boundary as GeoJSON (lon/lat, CGCS2000): a Polygon or MultiPolygon that is closed, simple,
/// and inside China's extent. Read once at the edge; the refusal sentence is one a surveyor acts on.
/// </summary>
public static class Boundary
{
    // Mainland, islands and the sea areas under the registry's jurisdiction lie inside this box.
    const double MinLon = 73.0, MaxLon = 136.0, MinLat = 3.0, MaxLat = 54.0;
    public const int MaxVertices = 10_000;

    public static bool TryRead(JsonElement? json, out Geometry? geometry, out string? error)
    {
        geometry = null;
        error = null;
        if (json is not { ValueKind: JsonValueKind.Object } element)
        {
            error = "geometry must be a GeoJSON Polygon or MultiPolygon object.";
            return false;
        }

        if (UnclosedRing(element) is { } unclosed)
        {
            error = $"the boundary is not a valid surface: {unclosed} is not closed: its last point must repeat its first.";
            return false;
        }

        try
        {
            geometry = element.Deserialize<Geometry>(Hosting.LedgerJson.Options);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            error = $"geometry is not readable GeoJSON: {e.Message}";
            return false;
        }

        error = geometry switch
        {
            null => "geometry must be a GeoJSON Polygon or MultiPolygon object.",
            not (Polygon or MultiPolygon) => $"geometry must be a Polygon or MultiPolygon, not a {geometry.GeometryType}.",
            _ when geometry.NumPoints > MaxVertices => $"the boundary has {geometry.NumPoints} vertices; at most {MaxVertices} are accepted.",
            _ => OutsideExtent(geometry) ?? Invalidity(geometry),
        };
        if (error is not null) geometry = null;
        return error is null;
    }

    static string? OutsideExtent(Geometry geometry)
    {
        foreach (var c in geometry.Coordinates)
            if (c.X is < MinLon or > MaxLon || c.Y is < MinLat or > MaxLat)
                return $"the point ({c.X}, {c.Y}) lies outside China's extent (longitude {MinLon}–{MaxLon}, latitude {MinLat}–{MaxLat}); coordinates are lon,lat in degrees.";
        return null;
    }

    static string? Invalidity(Geometry geometry)
    {
        var problem = new IsValidOp(geometry).ValidationError;
        if (problem is null) return null;
        // Rounded to 1e-7° (about a centimetre): the precision of a survey, not of floating point.
        var at = problem.Coordinate is { } c ? $"({Math.Round(c.X, 7)}, {Math.Round(c.Y, 7)})" : "a point of it";
        var ring = problem.Coordinate is { } near ? RingNear(geometry, near) : "";
        var what = problem.ErrorType switch
        {
            TopologyValidationErrors.SelfIntersection or TopologyValidationErrors.RingSelfIntersection =>
                $"it crosses itself at {at}{ring}; check the order of the boundary points around the parcel",
            TopologyValidationErrors.HoleOutsideShell => $"a hole{ring} lies outside the outer ring, near {at}",
            TopologyValidationErrors.NestedHoles => $"a hole{ring} lies inside another hole, near {at}",
            TopologyValidationErrors.DisconnectedInteriors => $"its holes cut it into separate pieces near {at}; give each piece as its own polygon",
            TopologyValidationErrors.NestedShells => $"one polygon{ring} lies inside another polygon of the MultiPolygon, near {at}",
            TopologyValidationErrors.DuplicateRings => $"a ring{ring} is given twice, near {at}",
            TopologyValidationErrors.TooFewPoints => $"a ring{ring} has too few distinct points (at least three corners, and the first point repeated at the end)",
            TopologyValidationErrors.RingNotClosed => $"a ring{ring} is not closed: its last point must repeat its first",
            TopologyValidationErrors.InvalidCoordinate => $"a coordinate is not a number, near {at}",
            _ => $"{problem.Message} at {at}",
        };
        return $"the boundary is not a valid surface: {what}.";
    }

    /// <summary>The first ring of a GeoJSON Polygon or MultiPolygon whose last position is not its first, named; null when all close.</summary>
    static string? UnclosedRing(JsonElement element)
    {
        if (!element.TryGetProperty("type", out var type) || !element.TryGetProperty("coordinates", out var coordinates)
            || coordinates.ValueKind != JsonValueKind.Array) return null;
        var polygons = type.ValueKind != JsonValueKind.String ? [] : type.GetString() switch
        {
            "Polygon" => [coordinates],
            "MultiPolygon" => coordinates.EnumerateArray().ToList(),
            _ => new List<JsonElement>(),
        };
        for (var p = 0; p < polygons.Count; p++)
        {
            if (polygons[p].ValueKind != JsonValueKind.Array) continue;
            var of = polygons.Count > 1 ? $" of polygon {p + 1}" : "";
            var r = 0;
            foreach (var ring in polygons[p].EnumerateArray())
            {
                if (ring.ValueKind == JsonValueKind.Array && ring.GetArrayLength() > 0
                    && ring[0].GetRawText() != ring[ring.GetArrayLength() - 1].GetRawText()
                    && !SamePosition(ring[0], ring[ring.GetArrayLength() - 1]))
                    return r == 0 ? $"the outer ring{of}" : $"hole {r}{of}";
                r++;
            }
        }
        return null;
    }

    static bool SamePosition(JsonElement a, JsonElement b) =>
        a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array && a.GetArrayLength() >= 2 && b.GetArrayLength() >= 2
        && a[0].TryGetDouble(out var ax) && b[0].TryGetDouble(out var bx) && a[1].TryGetDouble(out var ay) && b[1].TryGetDouble(out var by)
        && ax == bx && ay == by;

    /// <summary>Which ring the surveyor should look at: " (the outer ring of polygon 2)", " (hole 1 of polygon 1)".</summary>
    static string RingNear(Geometry geometry, Coordinate near)
    {
        var point = geometry.Factory.CreatePoint(near);
        var polygons = geometry is MultiPolygon m ? m.Geometries.OfType<Polygon>().ToList() : geometry is Polygon p ? [p] : [];
        for (var i = 0; i < polygons.Count; i++)
        {
            var of = polygons.Count > 1 ? $" of polygon {i + 1}" : "";
            if (polygons[i].ExteriorRing.Distance(point) < 1e-9) return $" (the outer ring{of})";
            for (var h = 0; h < polygons[i].NumInteriorRings; h++)
                if (polygons[i].GetInteriorRingN(h).Distance(point) < 1e-9) return $" (hole {h + 1}{of})";
        }
        return "";
    }
}
