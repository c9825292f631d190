using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Sharing;

public static class Configuration
{
    /// <summary>The feeds and the open statistics: one async projection, its own shard, rebuilt as a whole.</summary>
    public static StoreOptions AddSharing(this StoreOptions options)
    {
        options.Projections.Add(new SharingProjection(), ProjectionLifecycle.Async, SharingProjection.Name, o =>
        {
            o.DeleteViewTypeOnTeardown<FeedItem>();
            o.DeleteViewTypeOnTeardown<SharedUnit>();
            o.DeleteViewTypeOnTeardown<MonthlyTally>();
            o.BatchSize = 2_000;
        });
        options.Schema.For<FeedItem>()
            // A page is "this audience, after that sequence, in order": one range scan of one index.
            .Duplicate(f => f.Audience, configure: i => i.Columns = ["audience", "sequence"])
            .Duplicate(f => f.Sequence, pgType: "bigint");
        options.Schema.For<MonthlyTally>().Duplicate(t => t.County);
        return options;
    }

    public static WebApplicationBuilder AddSharing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedCursor>();
        return builder;
    }
}
