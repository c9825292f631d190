using Marten;

namespace Ledger.Applications;

/// <summary>The applications still holding a place in the queue of any of the given units.</summary>
public static class PendingQueues
{
    public static async Task<IReadOnlyList<Application>> OnAsync(IQuerySession session, IReadOnlyCollection<string> unitCodes, CancellationToken ct)
    {
        // && : the application's queues share at least one unit with ours. Only the GIN index is asked: a unit sees few
        // applications in its life, while "pending" may match thousands on a busy day.
        var all = await session.QueryAsync<Application>("where queues && ?::varchar[]", ct, new object[] { unitCodes.ToArray() });
        return [.. all.Where(a => a.IsPending)];
    }
}
