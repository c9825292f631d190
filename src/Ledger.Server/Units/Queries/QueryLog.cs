using JasperFx;
using Ledger.Access;
using System.Threading.Channels;
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
/// A writer appends the queries of every read waiting at that moment in one transaction (one commit, one WAL flush for
/// all of them), so concurrent readers share the cost instead of each paying for a commit of its own. Two writers take
/// turns, so that one batch gathers while the other commits; each appends in unit-code order, so that two batches
/// touching the same logs lock them in the same order and wait for each other rather than deadlock.
/// </summary>
public sealed class QueryLog : IAsyncDisposable
{
    /// <summary>Off only in local mode, to measure what logging costs a read (<c>Ledger:QueryLog:Enabled=false</c>).</summary>
    public const string EnabledKey = "Ledger:QueryLog:Enabled";
    const int MostPerCommit = 512, Writers = 2;

    readonly IDocumentStore _store;
    readonly bool _enabled;
    readonly Channel<(IReadOnlyCollection<UnitQueried> Queries, TaskCompletionSource Committed)> _waiting =
        Channel.CreateUnbounded<(IReadOnlyCollection<UnitQueried>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = false });
    readonly Task _writers;

    public QueryLog(IDocumentStore store, bool enabled)
    {
        (_store, _enabled) = (store, enabled);
        _writers = enabled ? Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync))) : Task.CompletedTask;
    }

    public static string StreamKey(string unitCode) => $"queries:{unitCode}";

    public static UnitQueried Entry(Unit unit, Caller caller, string view, string? purpose, DateTimeOffset? asOf, DateTimeOffset at) =>
        new(unit.Id, unit.Office, view, string.IsNullOrWhiteSpace(purpose) ? null : purpose.Trim(), asOf, caller.Role, caller.Name, caller.Sub, at);

    /// <summary>Completes when the queries are committed; fails (and the read with it) when they cannot be.</summary>
    public Task RecordAsync(IReadOnlyCollection<UnitQueried> queries, CancellationToken ct)
    {
        if (!_enabled || queries.Count == 0) return Task.CompletedTask;
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.Writer.TryWrite((queries, committed))) throw new InvalidOperationException("The query log is closed: the server is stopping.");
        return committed.Task.WaitAsync(ct);
    }

    public Task RecordAsync(UnitQueried query, CancellationToken ct) => RecordAsync([query], ct);

    async Task WriteAsync()
    {
        var batch = new List<(IReadOnlyCollection<UnitQueried> Queries, TaskCompletionSource Committed)>();
        while (await _waiting.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MostPerCommit && _waiting.Reader.TryRead(out var waiting)) batch.Add(waiting);
            try
            {
                await AppendAsync([.. batch.SelectMany(b => b.Queries)]);
                foreach (var b in batch) b.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                foreach (var b in batch) b.Committed.TrySetException(e);
            }
        }
    }

    async Task AppendAsync(IReadOnlyList<UnitQueried> queries)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = _store.LightweightSession();
            foreach (var query in queries.OrderBy(q => q.UnitCode, StringComparer.Ordinal)) session.Events.Append(StreamKey(query.UnitCode), query);
            try
            {
                await session.SaveChangesAsync();
                return;
            }
            catch (Exception e) when (attempt < 10 && IsRace(e))
            {
                // Another server's writer took the same version of a log (or started it first): append after it.
            }
        }
    }

    static bool IsRace(Exception e) => e is ConcurrencyException or ExistingStreamIdCollisionException
        || (e as MartenCommandException)?.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation };

    /// <summary>On shutdown, the queries already waiting are committed before the server stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _waiting.Writer.TryComplete();
        await _writers;
    }
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
