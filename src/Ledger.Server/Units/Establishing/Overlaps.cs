using Ledger.Values;
using Marten;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.RelateNG;

namespace Ledger.Units.Establishing;

/// <summary>
/// A land unit may not share interior with another land unit, nor a sea unit with another sea unit;
/// touching boundaries are fine. Candidates come from the indexed bounding boxes; NetTopologySuite decides.
/// </summary>
public static class Overlaps
{
    // Grid cells of 0.01° (about 1 km): two boundaries that overlap share at least one cell of their boxes.
    const double Cell = 0.01;
    const int MaxCells = 256;

    /// <summary>
    /// Serialises the check-then-establish of boundaries that could overlap, and only those: a transaction-scoped
    /// advisory lock on every grid cell the box touches (in key order, so two writers never deadlock). A box larger
    /// than 256 cells (a wide sea area) takes the kind's whole-map lock instead, which every smaller establishment
    /// holds shared. Released at commit or rollback; the overlap test then runs inside the lock.
    /// </summary>
    public static async Task LockAsync(IDocumentSession session, UnitKind kind, Envelope box, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var (x1, x2) = ((long)Math.Floor((box.MinX - 73) / Cell), (long)Math.Floor((box.MaxX - 73) / Cell));
        var (y1, y2) = ((long)Math.Floor((box.MinY - 3) / Cell), (long)Math.Floor((box.MaxY - 3) / Cell));
        var whole = (long)kind << 56 | 1L << 55;
        if ((x2 - x1 + 1) * (y2 - y1 + 1) > MaxCells)
        {
            await session.AdvancedSql.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?)) l", ct, whole);
            return;
        }
        var cells = new List<long>();
        for (var x = x1; x <= x2; x++)
            for (var y = y1; y <= y2; y++) cells.Add((long)kind << 56 | x << 24 | y);
        await session.AdvancedSql.QueryAsync<int>(
            "select 1 from (select pg_advisory_xact_lock_shared(?)) w, (select count(pg_advisory_xact_lock(k)) from (select unnest(?::bigint[]) k order by 1) o) c",
            ct, whole, cells.ToArray());
    }

    /// <summary>The open units of the same kind whose interior the boundary overlaps, with the overlap's geodesic area; empty when none.</summary>
    public static async Task<IReadOnlyList<(string UnitCode, double SquareMetres)>> FindAsync(
        IQuerySession session, UnitKind kind, Geometry boundary, CancellationToken ct)
    {
        // Every candidate, however many: a refusal must never depend on which ones a limit happened to return.
        var candidates = await BoundaryBoxes.TouchingAsync(session, boundary.EnvelopeInternal, null, ct, kind);
        // Most candidates are neighbours that only touch: a prepared relate says so without building their intersection
        // (the overlay is what costs); only units whose interiors meet are intersected, to measure the overlap.
        var prepared = RelateNG.Prepare(boundary);
        return [.. candidates
            .Where(u => !u.IsClosed && u.Geometry is not null && prepared.Evaluate(u.Geometry, IntersectionMatrixPattern.InteriorIntersects))
            .Select(u => (u.Id, GeodesicArea.SquareMetres(boundary.Intersection(u.Geometry!))))
            .Where(o => o.Item2 > 0.01)];
    }

    public static string Describe(IReadOnlyList<(string UnitCode, double SquareMetres)> overlaps) =>
        "The boundary overlaps " + string.Join("; ", overlaps.Select(o => $"{o.UnitCode} by {o.SquareMetres:F2} m²")) + ". Boundaries may touch but not overlap.";
}
