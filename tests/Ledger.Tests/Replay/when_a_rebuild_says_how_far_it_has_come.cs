using JasperFx.Events.Projections;
using Ledger.Replay;

namespace Ledger.Tests.Replay;

/// <summary>
/// A replay of a large register rebuilds each view for minutes: every few seconds it draws how far the view has come,
/// from the sequence its shards have committed, against the last event of the log.
/// </summary>
public sealed class when_a_rebuild_says_how_far_it_has_come
{
    [Fact]
    public void a_line_draws_the_share_done_the_rate_and_the_time_left()
    {
        Assert.Equal("  Unit  [████████░░░░░░░░░░░░]  41 %  through event 82,000 of 200,000, 10,000 events/s, about 0:00:12 left",
            RebuildProgress.Line("Unit", 82_000, 200_000, TimeSpan.FromSeconds(8.2)));
        Assert.Equal("  sharing  [████████████████████] 100 %  through event 200,000 of 200,000, 40,000 events/s, about 0:00:00 left",
            RebuildProgress.Line("sharing", 200_000, 200_000, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void a_view_written_in_large_batches_says_nothing_is_written_yet_rather_than_a_rate_of_zero()
    {
        Assert.Equal("  Unit  [░░░░░░░░░░░░░░░░░░░░]   0 %  nothing written yet, 0:00:14 in",
            RebuildProgress.Line("Unit", 0, 200_000, TimeSpan.FromSeconds(14.7)));
    }

    [Fact]
    public async Task it_follows_its_own_projections_shards_and_ignores_the_others()
    {
        var tracker = new Shards();
        var output = new StringWriter();
        await using (new RebuildProgress(tracker, "Unit", 100, TimeSpan.FromMilliseconds(5), output))
        {
            tracker.Publish(new ShardState("Unit:All", 40));
            tracker.Publish(new ShardState("Unit:All", 30)); // an older state arriving late moves nothing back
            tracker.Publish(new ShardState("holdings:All", 90));
            tracker.Publish(new ShardState(ShardState.HighWaterMark, 100));
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (!Said(output).Contains("through event 40 of 100", StringComparison.Ordinal) && waited.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(5);
        }
        var said = Said(output);
        Assert.Contains("  Unit  [████████░░░░░░░░░░░░]  40 %  through event 40 of 100", said, StringComparison.Ordinal);
        Assert.DoesNotContain("through event 90", said, StringComparison.Ordinal);
        Assert.DoesNotContain("through event 100", said, StringComparison.Ordinal);

        // Once the rebuild is over, nothing more is said.
        var length = said.Length;
        await Task.Delay(50);
        Assert.Equal(length, Said(output).Length);
    }

    static string Said(StringWriter output)
    {
        lock (output) return output.ToString();
    }

    /// <summary>The daemon's tracker as the progress sees it: states published to whoever subscribed.</summary>
    sealed class Shards : IObservable<ShardState>
    {
        readonly List<IObserver<ShardState>> _observers = [];

        public IDisposable Subscribe(IObserver<ShardState> observer)
        {
            lock (_observers) _observers.Add(observer);
            return new Unsubscribe(() => { lock (_observers) _observers.Remove(observer); });
        }

        public void Publish(ShardState state)
        {
            lock (_observers) foreach (var observer in _observers) observer.OnNext(state);
        }

        sealed class Unsubscribe(Action action) : IDisposable
        {
            public void Dispose() => action();
        }
    }
}
