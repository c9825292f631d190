using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Sharing;

public static class Configuration
{
    /// <summary>The feeds and the open statistics: one async projection, its own shard, rebuilt as a whole.</summary>
    public static StoreOptions AddSharing(this StoreOptions options)
    {
        // Only the events the feeds and statistics are made of are fetched for it: not the query log, not application files.
        var sharing = new ProjectionWrapper<IDocumentOperations, IQuerySession>(new SharingProjection(), ProjectionLifecycle.Async)
        {
            Name = SharingProjection.Name,
        };
        foreach (var type in SharingProjection.EventTypes) sharing.IncludeType(type);
        options.Projections.Add(sharing, ProjectionLifecycle.Async, o =>
        {
            o.DeleteViewTypeOnTeardown<FeedItem>();
            o.DeleteViewTypeOnTeardown<SharedUnit>();
            o.DeleteViewTypeOnTeardown<MonthlyTally>();
            o.BatchSize = 2_000;
        });
        // A page is "this audience, after that sequence, in order": one range scan of one index, and no other index on
        // the feed rows (a lone index on the sequence would tempt the planner to walk every audience's rows in order).
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(FeedItem)) return;
            mapping.DuplicateField(nameof(FeedItem.Audience));
            mapping.DuplicateField(nameof(FeedItem.Sequence), "bigint");
            mapping.Indexes.Add(new IndexDefinition("mt_doc_feeditem_idx_audience_sequence") { Columns = ["audience", "sequence"] });
        });
        options.Schema.For<MonthlyTally>().Duplicate(t => t.County);
        return options;
    }

    public static WebApplicationBuilder AddSharing(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FeedCursor>();
        return builder;
    }
}
