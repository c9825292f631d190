using JasperFx.Events;
using Ledger.Applications;
using Ledger.Certificates;
using Ledger.Integrity;
using Ledger.Legacy;
using Ledger.Numbers;
using Ledger.Sharing;
using Ledger.Units;
using Marten;
using Weasel.Core;

namespace Ledger.Hosting;

/// <summary>The register's Marten configuration: the server's store, and the scratch store an auditor's replay-check rebuilds into.</summary>
public static class LedgerStore
{
    public const string Schema = "ledger";

    /// <summary><c>Ledger:AsyncDaemon=Disabled</c>: this node runs no async projection, subscription or checkpoint signer.</summary>
    public static bool DaemonDisabled(IConfiguration configuration) => configuration["Ledger:AsyncDaemon"] == "Disabled";

    public static void Configure(StoreOptions options, string connectionString, string schema = Schema)
    {
        options.Connection(LedgerDatabase.Tuned(connectionString));
        options.DatabaseSchemaName = schema;
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, LedgerJson.Configure);
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // One connection per session: a recording reads and writes on it instead of renting one per statement.
        options.UseStickyConnectionLifetimes = true;
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        // Metric marten.event.append (meter "Marten"), by event type: what the register records, as it commits.
        options.OpenTelemetry.TrackEventCounters();
        options.Storage.ExtendedSchemaObjects.Add(NumberSeries.Table(schema));
        options.AddUnits().AddApplications().AddCertificates().AddSharing().AddIntegrity().AddLegacy();
    }
}

/// <summary>The connection string of the register's database (configured or embedded), for the commands that need their own connections.</summary>
public sealed record LedgerConnection(string ConnectionString);
