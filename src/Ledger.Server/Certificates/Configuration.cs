using JasperFx.Events.Projections;
using Marten;

namespace Ledger.Certificates;

public static class Configuration
{
    public static StoreOptions AddCertificates(this StoreOptions options)
    {
        // A rebuild replays many recordings per batch: a transfer must find the certificate it supersedes even when that
        // certificate was issued earlier in the same batch and is not yet committed (replay-check found exactly this).
        options.Projections.Add(new IssuedNumbers { Name = "issued-numbers" }, ProjectionLifecycle.Inline, asyncConfiguration: o => o.EnableDocumentTrackingByIdentity = true);
        return options;
    }
}
