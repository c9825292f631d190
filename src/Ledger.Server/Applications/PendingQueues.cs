using Marten;

namespace Ledger.Applications;

/// <summary>The applications still holding a place in the queue of any of the given units.</summary>
public static class PendingQueues
{
    public static Task<IReadOnlyList<Application>> OnAsync(IQuerySession session, IReadOnlyCollection<string> unitCodes, CancellationToken ct) =>
        // jsonb ?| : the application's queues share at least one unit with ours ('^' marks the parameter, since ? is the operator).
        session.QueryAsync<Application>('^', "where is_pending = true and data -> 'queues' ?| ^", ct, new object[] { unitCodes.ToArray() });
}
