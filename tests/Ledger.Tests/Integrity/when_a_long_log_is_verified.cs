using Ledger.Hosting;
using Ledger.Integrity;
using Ledger.Integrity.Verifying;
using Ledger.Tests.Support;
using Marten;

namespace Ledger.Tests.Integrity;

/// <summary>
/// A register of years takes the verifier minutes: it tells how far it has come, event by event in sequence order, and
/// the command draws that every two seconds against the log's last sequence.
/// </summary>
public sealed class when_a_long_log_is_verified(LedgerHost fixture) : IntegrityScenario(fixture)
{
    [Fact]
    public async Task the_verifier_tells_each_event_it_has_checked_in_sequence_order_up_to_the_last()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("transfer", unit, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200);
        await CheckpointCoveringAllAsync(await AuditorAsync());
        var store = Host.Services.GetRequiredService<IDocumentStore>();

        var told = new Told();
        var verification = await IntegrityVerifier.VerifyAsync(store, [Host.Services.GetRequiredService<CheckpointSigner>().PublicKey],
            CancellationToken.None, told);

        Assert.True(verification.Intact, string.Join("\n", verification.Findings));
        Assert.Equal(verification.Events, told.Sequences.Count);
        Assert.Equal(told.Sequences.Order(), told.Sequences);
        Assert.Equal(told.Sequences.Count, told.Sequences.Distinct().Count());
        Assert.Equal(await IntegrityVerifier.LastSequenceAsync(store, CancellationToken.None), told.Sequences[^1]);
    }

    [Fact]
    public async Task the_drawing_says_where_it_is_against_the_last_sequence_and_stops_with_the_pass()
    {
        var output = new StringWriter();
        await using (var progress = new SequenceProgress("verify-integrity", 200, TimeSpan.FromMilliseconds(5), output, "reading the log"))
        {
            // The time in is whatever it was when the first line was said: a loaded machine's timer may first fire after a second.
            await WaitToSayAsync(output, "  verify-integrity  [░░░░░░░░░░░░░░░░░░░░]   0 %  reading the log, ");
            Assert.Matches(@"^  verify-integrity  \[░{20}\]   0 %  reading the log, 0:\d\d:\d\d in$", Said(output).Split(Environment.NewLine)[0]);
            progress.Report(50);
            progress.Report(20); // told late: moves nothing back
            await WaitToSayAsync(output, "  verify-integrity  [█████░░░░░░░░░░░░░░░]  25 %  through event 50 of 200, ");
        }
        Assert.DoesNotContain("through event 20 of", Said(output), StringComparison.Ordinal);
        var length = Said(output).Length;
        await Task.Delay(50);
        Assert.Equal(length, Said(output).Length);
    }

    [Fact]
    public async Task a_pass_shorter_than_the_drawing_interval_still_says_where_it_ended_once()
    {
        var output = new StringWriter();
        await using (var progress = new SequenceProgress("verify-integrity", 200, TimeSpan.FromHours(1), output, "reading the log"))
            progress.Report(200);
        var lines = Said(output).Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("  verify-integrity  [████████████████████] 100 %  through event 200 of 200, ", Assert.Single(lines), StringComparison.Ordinal);
    }

    static async Task WaitToSayAsync(StringWriter output, string line)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Said(output).Contains(line, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"never said \"{line}\"; said:\n{Said(output)}");
            await Task.Delay(5);
        }
    }

    static string Said(StringWriter output)
    {
        lock (output) return output.ToString();
    }

    sealed class Told : IProgress<long>
    {
        public List<long> Sequences { get; } = [];
        public void Report(long value) => Sequences.Add(value);
    }
}
