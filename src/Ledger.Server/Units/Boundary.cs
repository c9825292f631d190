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
        return problem is null
            ? null
            : $"the boundary is not a valid surface: {problem.Message} at ({problem.Coordinate?.X}, {problem.Coordinate?.Y}).";
    }
}
