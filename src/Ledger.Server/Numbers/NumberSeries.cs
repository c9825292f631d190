using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Numbers;

/// <summary>The controlled series the registry issues from: certificates, proofs and application numbers.</summary>
public enum Series { Certificate, Proof, Application }

/// <summary>
/// Issues the next number of a series, per office and year, inside the recording's own transaction:
/// the row stays locked until commit, and a rolled-back recording gives its number back, so the
/// controlled stationery sees no gap and no duplicate (DOMAIN.md "Numbers the registry issues").
/// </summary>
public static class NumberSeries
{
    public const string TableName = "ledger_number_series";

    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<string>("office").AsPrimaryKey();
        table.AddColumn<int>("year").AsPrimaryKey();
        table.AddColumn<string>("series").AsPrimaryKey();
        table.AddColumn<int>("last_issued").NotNull();
        return table;
    }

    /// <summary>Issues <paramref name="count"/> consecutive numbers and returns the last of them.</summary>
    public static async Task<int> IssueAsync(IDocumentSession session, string office, int year, Series series, CancellationToken ct, int count = 1)
    {
        await session.BeginTransactionAsync(ct);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var issued = await session.AdvancedSql.QueryAsync<int>(
            $"""
             insert into {schema}.{TableName} as s (office, year, series, last_issued) values (?, ?, ?, ?)
             on conflict (office, year, series) do update set last_issued = s.last_issued + excluded.last_issued
             returning last_issued
             """,
            ct, office, year, series.ToString().ToLowerInvariant(), count);
        return issued[0];
    }
}
