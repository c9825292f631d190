using JasperFx.Events.Projections;
using Marten;

namespace Ledger.Units;

public static class Configuration
{
    /// <summary>Each unit's stream is keyed by its unit code; its current page is kept inline with every commit.</summary>
    public static StoreOptions AddUnits(this StoreOptions options)
    {
        options.Projections.Snapshot<Unit>(SnapshotLifecycle.Inline);
        options.Schema.For<Unit>().Duplicate(u => u.Office);
        return options;
    }
}
