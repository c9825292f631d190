using NetTopologySuite.Geometries;

namespace Ledger.Units;

/// <summary>
/// The area of a lon/lat boundary on the CGCS2000 ellipsoid, in square metres: spherical excess on the sphere
/// of the ellipsoid's Gaussian radius at the boundary's latitude — for figures the size of parcels and sea
/// areas the difference from the exact ellipsoidal area is far below a surveyor's rounding.
/// </summary>
public static class GeodesicArea
{
    const double A = 6_378_137.0, F = 1 / 298.257222101;
    const double E2 = F * (2 - F);

    /// <summary>How far a declared area may stand from the boundary's: 1 %, and never less than 1 m² (rounding).</summary>
    public const double RelativeTolerance = 0.01, AbsoluteTolerance = 1.0;

    public static double SquareMetres(Geometry geometry)
    {
        if (geometry.IsEmpty) return 0;
        var latitude = geometry.EnvelopeInternal.Centre.Y * Math.PI / 180;
        var w = 1 - E2 * Math.Sin(latitude) * Math.Sin(latitude);
        var radius = Math.Sqrt(A * (1 - E2) / Math.Pow(w, 1.5) * (A / Math.Sqrt(w)));
        return geometry switch
        {
            Polygon p => Polygon(p, radius),
            MultiPolygon m => m.Geometries.OfType<Polygon>().Sum(p => Polygon(p, radius)),
            // What an overlay may give back: polygons mixed with lines and points (which enclose nothing).
            GeometryCollection c => c.Geometries.OfType<Polygon>().Sum(p => Polygon(p, radius)),
            _ => 0,
        };
    }

    public static bool Agrees(decimal declared, double computed) =>
        Math.Abs((double)declared - computed) <= Math.Max(AbsoluteTolerance, RelativeTolerance * computed);

    static double Polygon(Polygon p, double radius) =>
        Math.Abs(Ring(p.ExteriorRing.Coordinates, radius)) - p.InteriorRings.Sum(r => Math.Abs(Ring(r.Coordinates, radius)));

    // Sum over edges of (λ2 − λ1)(2 + sin φ1 + sin φ2) · R² / 2: the signed area of a ring on the sphere.
    static double Ring(Coordinate[] ring, double radius)
    {
        double sum = 0;
        for (var i = 0; i < ring.Length - 1; i++)
        {
            var (l1, p1) = (ring[i].X * Math.PI / 180, ring[i].Y * Math.PI / 180);
            var (l2, p2) = (ring[i + 1].X * Math.PI / 180, ring[i + 1].Y * Math.PI / 180);
            sum += (l2 - l1) * (2 + Math.Sin(p1) + Math.Sin(p2));
        }
        return sum * radius * radius / 2;
    }
}
