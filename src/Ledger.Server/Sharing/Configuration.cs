using JasperFx.Events.Projections;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Sharing;

public static class Configuration
{
    /// <summary>The county a feed row's unit lies in: the first six characters of its unit code (GB/T 37346).</summary>
    public const string CountyOfItem = "substr(data ->> 'unitCode', 1, 6)";

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
        // The tax feed's rows have a partition of their own (list partitioning on the audience; the banks' rows share the
        // default one): written in sequence order, a tax page reads them side by side instead of picking them out from
        // between the banks' rows (a page of 5,000: 3.8 ms of SQL against 7.6–8.1 ms, 200,000 events).
        options.Schema.For<FeedItem>().PartitionOn(f => f.Audience, p => p.ByList().AddPartition("tax", Audience.Tax));
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(FeedItem)) return;
            mapping.DuplicateField(nameof(FeedItem.Sequence), "bigint");
            mapping.Indexes.Add(new IndexDefinition("mt_doc_feeditem_idx_audience_sequence") { Columns = ["audience", "sequence"] });
            // One county's tax page: that county's transfers in sequence order, from an index of the tax rows alone.
            mapping.Indexes.Add(new IndexDefinition("mt_doc_feeditem_idx_tax_county_sequence")
            {
                Columns = [CountyOfItem, "sequence"], Predicate = $"audience = '{Audience.Tax}'",
            });
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
