using System.Diagnostics;
using System.Globalization;
using JasperFx.Events.Projections;

namespace Ledger.Replay;

/// <summary>
/// How far one projection's rebuild has come, said every <c>every</c> while it runs: the highest sequence its shards have
/// committed against the log's last one, as a bar, a share, a rate and the time left at that rate.
/// <c>  Unit  [████████░░░░░░░░░░░░]  41 %  through event 82,000 of 200,000, 9,800 events/s, about 0:00:12 left</c>
/// </summary>
sealed class RebuildProgress : IObserver<ShardState>, IAsyncDisposable
{
    const int BarWidth = 20;
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    readonly string _projection;
    readonly long _last;
    readonly TextWriter _output;
    readonly IDisposable _subscription;
    readonly Timer _timer;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    long _reached;

    public RebuildProgress(IObservable<ShardState> tracker, string projection, long last, TimeSpan every, TextWriter output)
    {
        (_projection, _last, _output) = (projection, last, output);
        _subscription = tracker.Subscribe(this);
        _timer = new Timer(_ => Say(), null, every, every);
    }

    public void OnNext(ShardState state)
    {
        // A projection's shards are named "<projection>:<shard key>"; the high-water mark and other projections pass by.
        if (!state.ShardName.StartsWith(_projection + ":", StringComparison.Ordinal)) return;
        long seen;
        do seen = Volatile.Read(ref _reached);
        while (state.Sequence > seen && Interlocked.CompareExchange(ref _reached, state.Sequence, seen) != seen);
    }

    public void OnError(Exception error) { }
    public void OnCompleted() { }

    /// <summary>
    /// One line of progress: what a rebuild of a large register shows instead of minutes of silence. A view folded in
    /// memory and written in large batches (the unit and application pages) shows nothing committed until its first write.
    /// </summary>
    public static string Line(string projection, long reached, long last, TimeSpan elapsed)
    {
        var share = last == 0 ? 1.0 : Math.Clamp((double)reached / last, 0, 1);
        var filled = (int)Math.Round(share * BarWidth);
        var bar = string.Create(Invariant, $"  {projection}  [{new string('█', filled)}{new string('░', BarWidth - filled)}] {share,5:P0}  ");
        var took = TimeSpan.FromSeconds(Math.Floor(elapsed.TotalSeconds));
        if (reached <= 0) return bar + string.Create(Invariant, $"nothing written yet, {took:g} in");
        var rate = reached / Math.Max(elapsed.TotalSeconds, 0.001);
        var left = TimeSpan.FromSeconds(Math.Ceiling((last - Math.Min(reached, last)) / rate));
        return bar + string.Create(Invariant, $"through event {reached:N0} of {last:N0}, {rate:N0} events/s, about {left:g} left");
    }

    void Say()
    {
        lock (_output) _output.WriteLine(Line(_projection, Volatile.Read(ref _reached), _last, _clock.Elapsed));
    }

    /// <summary>Stops saying, once any line being said is out: nothing of this rebuild is printed after it ends.</summary>
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        _subscription.Dispose();
    }
}
