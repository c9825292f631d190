using JasperFx;
using Ledger.Access;
using Marten;
using Marten.Exceptions;

namespace Ledger.Units.Queries;

/// <summary>
/// Someone read a unit (不动产登记资料查询暂行办法: every query is recorded with who asked, the purpose stated and what
/// was shown). <c>View</c> is the cut shown (full, holder, party, prospect), or <c>history</c>, or <c>certificate-check</c>;
/// <c>AsOf</c> the instant asked for, when one was. Written on the unit's query log, never on the unit's own stream.
/// </summary>
public sealed record UnitQueried(
    string UnitCode, string Office, string View, string? Purpose, DateTimeOffset? AsOf,
    string Role, string Name, string Sub, DateTimeOffset At);

/// <summary>
/// The query log of a unit: a stream of its own beside the unit's (key <c>queries:{unitCode}</c>), so a read never moves
/// the unit's version that If-Match and recordings hold on to. A read is answered only once its query is committed.
/// </summary>
public sealed class QueryLog(IDocumentStore store, bool enabled)
{
    /// <summary>Off only in local mode, to measure what logging costs a read (<c>Ledger:QueryLog:Enabled=false</c>).</summary>
    public const string EnabledKey = "Ledger:QueryLog:Enabled";

    public static string StreamKey(string unitCode) => $"queries:{unitCode}";

    public static UnitQueried Entry(Unit unit, Caller caller, string view, string? purpose, DateTimeOffset? asOf, DateTimeOffset at) =>
        new(unit.Id, unit.Office, view, string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim(), asOf, caller.Role, caller.Name, caller.Sub, at);

    /// <summary>Appends the queries in one commit; readers of the same unit at the same moment retry instead of failing.</summary>
    public async Task RecordAsync(IReadOnlyCollection<UnitQueried> queries, CancellationToken ct)
    {
        if (!enabled || queries.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            foreach (var query in queries) session.Events.Append(StreamKey(query.UnitCode), query);
            try
            {
                await session.SaveChangesAsync(ct);
                return;
            }
            catch (Exception e) when (attempt < 10 && IsRace(e))
            {
                // Another reader's query took the same version of the log (or started it first): append after it.
            }
        }
    }

    public Task RecordAsync(UnitQueried query, CancellationToken ct) => RecordAsync([query], ct);

    static bool IsRace(Exception e) => e is ConcurrencyException or ExistingStreamIdCollisionException
        || (e as MartenCommandException)?.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };
}

public static class QueryLogging
{
    /// <summary>Every query of a unit is recorded; only a local run may turn that off, to measure its cost.</summary>
    public static WebApplicationBuilder AddQueryLog(this WebApplicationBuilder builder)
    {
        var enabled = !builder.Configuration.LocalMode(builder.Environment) || builder.Configuration.GetValue(QueryLog.EnabledKey, true);
        builder.Services.AddSingleton(sp => new QueryLog(sp.GetRequiredService<IDocumentStore>(), enabled));
        return builder;
    }
}
