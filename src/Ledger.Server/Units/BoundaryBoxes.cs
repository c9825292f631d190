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
    public static Task<IReadOnlyList<Unit>> TouchingAsync(IQuerySession session, Envelope box, int limit, CancellationToken ct, UnitKind? kind = null) =>
        kind is { } k
            ? session.QueryAsync<Unit>(
                $"where data ->> 'kind' = ? and {Configuration.BoundaryBox} && box(point(?, ?), point(?, ?)) order by id limit {limit}", ct,
                k.ToString().ToLowerInvariant(), box.MinX, box.MinY, box.MaxX, box.MaxY)
            : session.QueryAsync<Unit>(
                $"where {Configuration.BoundaryBox} && box(point(?, ?), point(?, ?)) order by id limit {limit}", ct,
                box.MinX, box.MinY, box.MaxX, box.MaxY);

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
