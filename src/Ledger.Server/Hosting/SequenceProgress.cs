using System.Diagnostics;
using System.Globalization;

namespace Ledger.Hosting;

/// <summary>
/// How far a long pass over the event log has come (a rebuild, a verification), said every <c>every</c> while it runs and
/// once more when it ends: the highest sequence reached against the last one there is, as a bar, a share, a rate and the
/// time left at that rate.
/// <c>  Unit  [████████░░░░░░░░░░░░]  41 %  through event 82,000 of 200,000, 9,800 events/s, about 0:00:12 left</c>
/// </summary>
public sealed class SequenceProgress : IProgress<long>, IAsyncDisposable
{
    const int BarWidth = 20;
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    readonly string _what, _idle;
    readonly long _last;
    readonly TextWriter _output;
    readonly Timer _timer;
    readonly Stopwatch _clock = Stopwatch.StartNew();
    long _reached;

    /// <param name="idle">What the line says before any sequence is reached.</param>
    public SequenceProgress(string what, long last, TimeSpan every, TextWriter output, string idle)
    {
        (_what, _last, _output, _idle) = (what, last, output, idle);
        _timer = new Timer(_ => Say(), null, every, every);
    }

    /// <summary>A sequence reached; one reported late, below one already reached, moves nothing back.</summary>
    public void Report(long sequence)
    {
        long seen;
        do seen = Volatile.Read(ref _reached);
        while (sequence > seen && Interlocked.CompareExchange(ref _reached, sequence, seen) != seen);
    }

    public static string Line(string what, long reached, long last, TimeSpan elapsed, string idle)
    {
        var share = last == 0 ? 1.0 : Math.Clamp((double)reached / last, 0, 1);
        var filled = (int)Math.Round(share * BarWidth);
        var bar = string.Create(Invariant, $"  {what}  [{new string('█', filled)}{new string('░', BarWidth - filled)}] {share,5:P0}  ");
        var took = TimeSpan.FromSeconds(Math.Floor(elapsed.TotalSeconds));
        if (reached <= 0) return bar + string.Create(Invariant, $"{idle}, {took:g} in");
        var rate = reached / Math.Max(elapsed.TotalSeconds, 0.001);
        var left = TimeSpan.FromSeconds(Math.Ceiling((last - Math.Min(reached, last)) / rate));
        return bar + string.Create(Invariant, $"through event {reached:N0} of {last:N0}, {rate:N0} events/s, about {left:g} left");
    }

    void Say()
    {
        lock (_output) _output.WriteLine(Line(_what, Volatile.Read(ref _reached), _last, _clock.Elapsed, _idle));
    }

    /// <summary>
    /// Stops the drawing, once any line being said is out, and says where the pass ended: a pass shorter than <c>every</c>
    /// shows one line too. Nothing of this pass is printed after it.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        Say();
    }
}
