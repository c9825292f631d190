using System.Globalization;
using Ledger.Values;
using Marten;
using NetTopologySuite.Geometries;

namespace Ledger.Units;

/// <summary>
/// "Which units could touch this box": the GiST index on the unit view's bounding box (core PostgreSQL
/// <c>box</c>, no PostGIS). Only candidates: callers decide with NetTopologySuite's exact predicates.
/// </summary>
public static class BoundaryBoxes
{
    /// <summary>
    /// The units whose boxes touch <paramref name="box"/>, ordered by unit code: all of them when <paramref name="limit"/>
    /// is null; otherwise at most that many, and when more touch it, which ones come back is not specified (callers
    /// treat that as "too many").
    /// </summary>
    /// <remarks>
    /// No <c>order by</c> in the SQL: PostgreSQL estimates any <c>box &amp;&amp; box</c> to match 0.5 % of the table
    /// (a constant: core has no statistics for it), so with 1,000,000 units it expects 5,000 candidates where a
    /// parcel has about nine. Under <c>order by id limit N</c> that estimate picks the plan by N: on the space run's
    /// 1,000,000 parcels N = 5,001 (the point lookup) sorted in two parallel workers, 12.5 ms instead of 0.06 ms,
    /// and N = 100 walked the primary key filtering every row, 2.1 s; N = 500 and 1,000 still used the index, but
    /// only until the table grows. Without the order the GiST index is the only useful path; the few candidates
    /// are sorted here.
    /// </remarks>
    public static async Task<IReadOnlyList<Unit>> TouchingAsync(IQuerySession session, Envelope box, int? limit, CancellationToken ct, UnitKind? kind = null)
    {
        var most = limit is { } n ? $" limit {n}" : "";
        var candidates = kind is { } k
            ? await session.QueryAsync<Unit>(
                $"where data ->> 'kind' = ? and {Configuration.BoundaryBox} && box(point(?, ?), point(?, ?)){most}", ct,
                k.ToString().ToLowerInvariant(), box.MinX, box.MinY, box.MaxX, box.MaxY)
            : await session.QueryAsync<Unit>(
                $"where {Configuration.BoundaryBox} && box(point(?, ?), point(?, ?)){most}", ct,
                box.MinX, box.MinY, box.MaxX, box.MaxY);
        return candidates.Count < 2 ? candidates : [.. candidates.OrderBy(u => u.Id, StringComparer.Ordinal)];
    }

    /// <summary>Reads <c>minLon,minLat,maxLon,maxLat</c> (degrees, minimum before maximum).</summary>
    public static bool TryReadBox(string text, out Envelope? box)
    {
        box = null;
        if (!TryReadNumbers(text, out var n) || n is not [var x1, var y1, var x2, var y2] || x1 >= x2 || y1 >= y2) return false;
        box = new Envelope(x1, x2, y1, y2);
        return true;
    }

    public static bool TryReadNumbers(string text, out double[] numbers)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || !double.IsFinite(numbers[i])) return false;
        return true;
    }
}
