using JasperFx.Events.Projections;
using Marten;

namespace Ledger.Certificates;

public static class Configuration
{
    public static StoreOptions AddCertificates(this StoreOptions options)
    {
        options.Projections.Add(new IssuedNumbers(), ProjectionLifecycle.Inline);
        return options;
    }
}
