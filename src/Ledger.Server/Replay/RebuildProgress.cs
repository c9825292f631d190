using JasperFx.Events.Projections;
using Ledger.Hosting;

namespace Ledger.Replay;

/// <summary>
/// How far one projection's rebuild has come, drawn every <c>every</c> while it runs (<see cref="SequenceProgress"/>):
/// the highest sequence its shards have committed, from the daemon's tracker, against the log's last one.
/// </summary>
sealed class RebuildProgress : IObserver<ShardState>, IAsyncDisposable
{
    /// <summary>A view folded in memory and written in large batches (the unit and application pages) commits nothing until its first write.</summary>
    const string Idle = "nothing written yet";
    readonly string _projection;
    readonly SequenceProgress _drawing;
    readonly IDisposable _subscription;

    public RebuildProgress(IObservable<ShardState> tracker, string projection, long last, TimeSpan every, TextWriter output)
    {
        _projection = projection;
        _drawing = new SequenceProgress(projection, last, every, output, Idle);
        _subscription = tracker.Subscribe(this);
    }

    public void OnNext(ShardState state)
    {
        // A projection's shards are named "<projection>:<shard key>"; the high-water mark and other projections pass by.
        if (state.ShardName.StartsWith(_projection + ":", StringComparison.Ordinal)) _drawing.Report(state.Sequence);
    }

    public void OnError(Exception error) { }
    public void OnCompleted() { }

    /// <summary>One line of a rebuild's progress: what a rebuild of a large register shows instead of minutes of silence.</summary>
    public static string Line(string projection, long reached, long last, TimeSpan elapsed) =>
        SequenceProgress.Line(projection, reached, last, elapsed, Idle);

    public async ValueTask DisposeAsync()
    {
        await _drawing.DisposeAsync();
        _subscription.Dispose();
    }
}
