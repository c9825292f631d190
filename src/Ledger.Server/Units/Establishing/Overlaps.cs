using System.Data.Common;
using System.Text.Json;
using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Marten.Linq.QueryHandlers;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Storage;
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
    /// holds shared. Released at commit or rollback. The overlap test runs inside the lock, in the same round trip:
    /// PostgreSQL runs a batch's statements in order, so the candidates are read only once every cell is held.
    /// </summary>
    public static async Task<IReadOnlyList<(string UnitCode, double SquareMetres)>> LockAndFindAsync(
        IDocumentSession session, UnitKind kind, Geometry boundary, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        var batch = session.CreateBatchQuery();
        var locked = batch.AddItem(new LockCells(CellKeys(kind, boundary.EnvelopeInternal)));
        var candidates = batch.AddItem(new Candidates(session.DocumentStore.Options.DatabaseSchemaName, kind, boundary.EnvelopeInternal));
        await batch.Execute(ct);
        await locked;
        return Overlapping(boundary, await candidates);
    }

    /// <summary>The cells to lock exclusively, or none with <c>whole</c> to take the kind's whole-map lock.</summary>
    static (long Whole, long[] Cells) CellKeys(UnitKind kind, Envelope box)
    {
        var (x1, x2) = ((long)Math.Floor((box.MinX - 73) / Cell), (long)Math.Floor((box.MaxX - 73) / Cell));
        var (y1, y2) = ((long)Math.Floor((box.MinY - 3) / Cell), (long)Math.Floor((box.MaxY - 3) / Cell));
        var whole = (long)kind << 56 | 1L << 55;
        if ((x2 - x1 + 1) * (y2 - y1 + 1) > MaxCells) return (whole, []);
        var cells = new List<long>();
        for (var x = x1; x <= x2; x++)
            for (var y = y1; y <= y2; y++) cells.Add((long)kind << 56 | x << 24 | y);
        return (whole, [.. cells]);
    }

    sealed class LockCells((long Whole, long[] Cells) keys) : IQueryHandler<bool>
    {
        public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            if (keys.Cells.Length == 0)
            {
                var w = builder.AppendWithParameters("select true from (select pg_advisory_xact_lock(?)) l");
                (w[0].NpgsqlDbType, w[0].Value) = (NpgsqlDbType.Bigint, keys.Whole);
                return;
            }
            var p = builder.AppendWithParameters(
                "select true from (select pg_advisory_xact_lock_shared(?)) w, (select count(pg_advisory_xact_lock(k)) from (select unnest(?::bigint[]) k order by 1) o) c");
            (p[0].NpgsqlDbType, p[0].Value) = (NpgsqlDbType.Bigint, keys.Whole);
            (p[1].NpgsqlDbType, p[1].Value) = (NpgsqlDbType.Array | NpgsqlDbType.Bigint, keys.Cells);
        }

        public async Task<bool> HandleAsync(DbDataReader reader, IStorageSession session, CancellationToken token) => await reader.ReadAsync(token);

        public Task<int> StreamJson(Stream stream, DbDataReader reader, CancellationToken token) => throw new NotSupportedException();
    }

    /// <summary>
    /// The open units of the kind whose boxes touch: their code and boundary only, not the whole view (its rights and
    /// history are no part of the test). The same GiST box index as <see cref="BoundaryBoxes.TouchingAsync"/>.
    /// </summary>
    sealed class Candidates(string schema, UnitKind kind, Envelope box) : IQueryHandler<IReadOnlyList<(string Code, Geometry Boundary)>>
    {
        public void ConfigureCommand(ICommandBuilder builder, IStorageSession session)
        {
            var p = builder.AppendWithParameters($"""
                select id, data ->> 'geometry' from {schema}.mt_doc_unit
                where data ->> 'kind' = ? and {Configuration.BoundaryBox} && box(point(?, ?), point(?, ?))
                  and data ->> 'status' not in ('cancelled', 'split', 'merged') and data -> 'geometry' is not null and data -> 'geometry' <> 'null'
                """);
            (p[0].NpgsqlDbType, p[0].Value) = (NpgsqlDbType.Text, kind.ToString().ToLowerInvariant());
            (p[1].NpgsqlDbType, p[1].Value) = (NpgsqlDbType.Double, box.MinX);
            (p[2].NpgsqlDbType, p[2].Value) = (NpgsqlDbType.Double, box.MinY);
            (p[3].NpgsqlDbType, p[3].Value) = (NpgsqlDbType.Double, box.MaxX);
            (p[4].NpgsqlDbType, p[4].Value) = (NpgsqlDbType.Double, box.MaxY);
        }

        public async Task<IReadOnlyList<(string Code, Geometry Boundary)>> HandleAsync(DbDataReader reader, IStorageSession session, CancellationToken token)
        {
            var found = new List<(string, Geometry)>();
            while (await reader.ReadAsync(token))
                found.Add((reader.GetString(0), JsonSerializer.Deserialize<Geometry>(reader.GetString(1), LedgerJson.Options)!));
            return found;
        }

        public Task<int> StreamJson(Stream stream, DbDataReader reader, CancellationToken token) => throw new NotSupportedException();
    }

    /// <summary>The candidates whose interior the boundary overlaps, with the overlap's geodesic area; empty when none.</summary>
    static IReadOnlyList<(string UnitCode, double SquareMetres)> Overlapping(Geometry boundary, IReadOnlyList<(string Code, Geometry Boundary)> candidates)
    {
        // Most candidates are neighbours that only touch: a prepared relate says so without building their intersection
        // (the overlay is what costs); only units whose interiors meet are intersected, to measure the overlap.
        var prepared = RelateNG.Prepare(boundary);
        return [.. candidates
            .Where(u => prepared.Evaluate(u.Boundary, IntersectionMatrixPattern.InteriorIntersects))
            .OrderBy(u => u.Code, StringComparer.Ordinal)
            .Select(u => (u.Code, GeodesicArea.SquareMetres(boundary.Intersection(u.Boundary))))
            .Where(o => o.Item2 > 0.01)];
    }

    public static string Describe(IReadOnlyList<(string UnitCode, double SquareMetres)> overlaps) =>
        "The boundary overlaps " + string.Join("; ", overlaps.Select(o => $"{o.UnitCode} by {o.SquareMetres:F2} m²")) + ". Boundaries may touch but not overlap.";
}
