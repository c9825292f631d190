using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Ledger.Units;

/// <summary>
/// Do the parts tile the whole (分割/合并 keep the fabric exact)? No part may overlap another, and together they
/// must cover the whole and nothing outside it. Surveyors' coordinates are rounded, so slivers are allowed up to
/// <see cref="SliverWidth"/> along the whole's boundary (never less than <see cref="MinimumSliver"/>): e.g. 0.4 m²
/// for a 20 m × 20 m parcel's 80 m boundary.
/// </summary>
public static class Tiling
{
    public const double SliverWidth = 0.005, MinimumSliver = 0.01;

    /// <summary>A sentence naming every gap, overlap and overhang above the tolerance; null when the parts tile the whole.</summary>
    public static string? Misfit(Geometry whole, IReadOnlyList<(string Name, Geometry Part)> parts)
    {
        var tolerance = Tolerance(whole);
        var problems = new List<string>();
        double misfit = 0;
        for (var i = 0; i < parts.Count; i++)
            for (var j = i + 1; j < parts.Count; j++)
            {
                if (!parts[i].Part.EnvelopeInternal.Intersects(parts[j].Part.EnvelopeInternal)) continue;
                var overlap = GeodesicArea.SquareMetres(parts[i].Part.Intersection(parts[j].Part));
                misfit += overlap;
                if (overlap > tolerance) problems.Add($"{parts[i].Name} and {parts[j].Name} overlap by {overlap:F2} m²");
            }
        var union = CascadedPolygonUnion.Union([.. parts.Select(p => p.Part)]);
        var gap = whole.Difference(union);
        var outside = union.Difference(whole);
        var (gapArea, outsideArea) = (GeodesicArea.SquareMetres(gap), GeodesicArea.SquareMetres(outside));
        misfit += gapArea + outsideArea;
        if (gapArea > tolerance) problems.Add($"{gapArea:F2} m² of the whole is covered by no part (near {Near(gap)})");
        if (outsideArea > tolerance) problems.Add($"{outsideArea:F2} m² lies outside the whole (near {Near(outside)})");
        if (problems.Count == 0 && misfit > tolerance) problems.Add($"slivers of gaps and overlaps add up to {misfit:F2} m²");
        return problems.Count == 0
            ? null
            : string.Join("; ", problems) + $". The parts must tile the whole exactly, within {tolerance:F2} m² ({SliverWidth * 1000:F0} mm along its boundary).";
    }

    public static double Tolerance(Geometry whole) => Math.Max(MinimumSliver, SliverWidth * PerimeterMetres(whole));

    static double PerimeterMetres(Geometry g)
    {
        double sum = 0;
        var coslat = Math.Cos(g.EnvelopeInternal.Centre.Y * Math.PI / 180);
        foreach (var ring in Rings(g))
            for (var i = 0; i < ring.Length - 1; i++)
            {
                var dx = (ring[i + 1].X - ring[i].X) * 111_320 * coslat;
                var dy = (ring[i + 1].Y - ring[i].Y) * 110_574;
                sum += Math.Sqrt(dx * dx + dy * dy);
            }
        return sum;
    }

    static IEnumerable<Coordinate[]> Rings(Geometry g) => g switch
    {
        Polygon p => [p.ExteriorRing.Coordinates, .. p.InteriorRings.Select(r => r.Coordinates)],
        GeometryCollection c => c.Geometries.SelectMany(Rings),
        _ => [],
    };

    static string Near(Geometry g)
    {
        var largest = g is GeometryCollection c ? c.Geometries.MaxBy(x => x.Area)! : g;
        var p = largest.InteriorPoint;
        return string.Create(CultureInfo.InvariantCulture, $"{p.X:F6}, {p.Y:F6}");
    }
}
