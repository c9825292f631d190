using Marten;

namespace Ledger.Applications;

/// <summary>The applications still holding a place in the queue of any of the given units.</summary>
public static class PendingQueues
{
    public static Task<IReadOnlyList<Application>> OnAsync(IQuerySession session, IReadOnlyCollection<string> unitCodes, CancellationToken ct) =>
        // && : the application's queues share at least one unit with ours.
        session.QueryAsync<Application>("where is_pending = true and queues && ?::varchar[]", ct, new object[] { unitCodes.ToArray() });
}
