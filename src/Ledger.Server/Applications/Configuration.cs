using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Applications;

public static class Configuration
{
    /// <summary>Application files are streams of their own; the day list reads their inline snapshot.</summary>
    public static StoreOptions AddApplications(this StoreOptions options)
    {
        options.Projections.Snapshot<Application>(SnapshotLifecycle.Inline, o => o.RebuildFlushThreshold = 10_000);
        options.Schema.For<Application>()
            .Duplicate(a => a.UnitCode)
            .Duplicate(a => a.Office)
            // Which applications hold a place in any of these units' queues: array overlap on a GIN index.
            // fastupdate off: a pending list would make every read scan the day's fresh entries.
            .Duplicate(a => a.Queues, pgType: "varchar[]", configure: index =>
            {
                index.Method = IndexMethod.gin;
                index.StorageParameters["fastupdate"] = "off";
            });
        return options;
    }
}
