using Marten;

namespace Ledger.Applications;

/// <summary>The applications still holding a place in the queue of any of the given units.</summary>
public static class PendingQueues
{
    public static async Task<IReadOnlyList<Application>> OnAsync(IQuerySession session, IReadOnlyCollection<string> unitCodes, CancellationToken ct)
    {
        // && : the application's queues share at least one unit with ours. Only the GIN index is asked: a unit sees few
        // applications in its life, while "pending" may match thousands on a busy day.
        return Pending(await session.QueryAsync<Application>(Where, ct, new object[] { unitCodes.ToArray() }));
    }

    /// <summary>The same, as one query of a batch (its answer comes in the batch's one round trip); filter with <see cref="Pending"/>.</summary>
    public static Task<IReadOnlyList<Application>> In(Marten.Services.BatchQuerying.IBatchedQuery batch, IReadOnlyCollection<string> unitCodes) =>
        batch.Query<Application>(Where, new object[] { unitCodes.ToArray() });

    public static IReadOnlyList<Application> Pending(IReadOnlyList<Application> all) => [.. all.Where(a => a.IsPending)];

    const string Where = "where queues && ?::varchar[]";
}
