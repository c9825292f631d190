using JasperFx.Events.Projections;
using Marten;
using Marten.Schema;
using Weasel.Postgresql.Tables;

namespace Ledger.Units;

public static class Configuration
{
    /// <summary>Each unit's stream is keyed by its unit code; its current page is kept inline with every commit.</summary>
    public static StoreOptions AddUnits(this StoreOptions options)
    {
        // A rebuild keeps each unit's latest page in memory and writes it once per 10,000 units instead of once per batch.
        options.Projections.Snapshot<Unit>(SnapshotLifecycle.Inline, o => o.RebuildFlushThreshold = 10_000);
        options.Storage.Add(new BoundaryIndex(options));
        // No duplicated columns: every index on mt_doc_unit is rewritten with each recording's snapshot upsert.

        options.Projections.Add(new Holdings.Holdings { Name = "holdings" }, ProjectionLifecycle.Inline);
        options.Schema.For<Holdings.Holding>().Index(h => h.IdNumber).Index(h => h.UnitCode);
        // The query log's rows; registers written before it was a table hold queries as events, still read.
        options.Storage.ExtendedSchemaObjects.Add(Queries.QueryLog.Table(options.DatabaseSchemaName));
        options.Events.AddEventType<Queries.UnitQueried>();

        return options;
    }

    /// <summary>The boundary's bounding box as core PostgreSQL's <c>box</c>, from the stored view's JSON.</summary>
    public const string BoundaryBox =
        "box(point((data ->> 'minLon')::float8, (data ->> 'minLat')::float8), point((data ->> 'maxLon')::float8, (data ->> 'maxLat')::float8))";

    /// <summary>
    /// A GiST index on that box: "which boundaries could touch this one", without PostGIS. Made by <see cref="BoundaryIndex"/>,
    /// after the table, and ignored by Marten's comparison of the table (which took it for changed at every start).
    /// </summary>
    public static void AddBoundaryIndex(DocumentMapping mapping) => mapping.IgnoreIndex(BoundaryIndex.Name);
}
