using Ledger.Values;
using Marten;
using NetTopologySuite.Geometries;

namespace Ledger.Units.Establishing;

/// <summary>
/// A land unit may not share interior with another land unit, nor a sea unit with another sea unit;
/// touching boundaries are fine. Candidates come from the indexed bounding boxes; NetTopologySuite decides.
/// </summary>
public static class Overlaps
{
    const double MetresPerDegree = 111_320;

    public static async Task<string?> FindAsync(IQuerySession session, UnitKind kind, Geometry boundary, CancellationToken ct)
    {
        var box = boundary.EnvelopeInternal;
        var candidates = await BoundaryBoxes.TouchingAsync(session, box, 1_000, ct, kind);
        var overlapping = candidates
            .Where(u => !u.IsClosed && u.Geometry is not null)
            .Select(u => (u.Id, Area: SquareMetres(boundary.Intersection(u.Geometry!), box.Centre.Y)))
            .Where(o => o.Area > 0.01)
            .ToList();
        return overlapping.Count == 0
            ? null
            : "The boundary overlaps " + string.Join("; ", overlapping.Select(o => $"{o.Id} by {o.Area:F2} m²")) + ". Boundaries may touch but not overlap.";
    }

    /// <summary>Area of a small lon/lat figure in square metres (equirectangular at its latitude; a survey-grade area is issue 4's).</summary>
    static double SquareMetres(Geometry g, double latitude) =>
        g.IsEmpty ? 0 : g.Area * MetresPerDegree * MetresPerDegree * Math.Cos(latitude * Math.PI / 180);
}
