using Ledger.Legacy.Importing;
using Marten;

namespace Ledger.Legacy;

public static class Configuration
{
    /// <summary>The import's event, its keys (what a re-run finds) and its per-file run document.</summary>
    public static StoreOptions AddLegacy(this StoreOptions options)
    {
        options.Events.AddEventType<UnitImported>();
        options.Schema.For<LegacyKey>();
        options.Schema.For<ImportRun>();
        options.Schema.For<ImportBatch>();
        return options;
    }
}
