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
        options.Projections.Snapshot<Unit>(SnapshotLifecycle.Inline);
        options.Schema.For<Unit>().Duplicate(u => u.Office)
            .Duplicate(u => u.MinLon).Duplicate(u => u.MinLat).Duplicate(u => u.MaxLon).Duplicate(u => u.MaxLat);

        return options;
    }

    /// <summary>Core PostgreSQL's box with a GiST index: "which boundaries could touch this one", without PostGIS.</summary>
    public static void AddBoundaryIndex(DocumentMapping mapping) =>
        mapping.Indexes.Add(new IndexDefinition("mt_doc_unit_idx_boundary_box")
        {
            Method = IndexMethod.gist,
            Columns = ["min_lon"],
            Mask = "box(point(?, min_lat), point(max_lon, max_lat))",
        });
}
