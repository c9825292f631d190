using JasperFx.Events.Projections;
using Marten;

namespace Ledger.Certificates;

public static class Configuration
{
    public static StoreOptions AddCertificates(this StoreOptions options)
    {
        // A rebuild replays many recordings per batch: a transfer supersedes a certificate that may have been issued earlier
        // in the same batch and not yet committed (replay-check found exactly this when it was read back). It is patched in
        // place instead, after its own insert in the batch's order, and never read.
        options.Projections.Add(new IssuedNumbers { Name = "issued-numbers" }, ProjectionLifecycle.Inline);
        return options;
    }
}
