using JasperFx.Events.Projections;
using Marten;

namespace Ledger.Applications;

public static class Configuration
{
    /// <summary>Application files are streams of their own; the day list reads their inline snapshot.</summary>
    public static StoreOptions AddApplications(this StoreOptions options)
    {
        options.Projections.Snapshot<Application>(SnapshotLifecycle.Inline);
        options.Schema.For<Application>()
            .Duplicate(a => a.UnitCode)
            .Duplicate(a => a.Office)
            .Duplicate(a => a.IsPending);
        return options;
    }
}
