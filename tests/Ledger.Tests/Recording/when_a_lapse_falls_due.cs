using Ledger.Tests.Support;
using Ledger.Units;
using Ledger.Units.Lapsing;
using static Ledger.Tests.Recording.Given;

namespace Ledger.Tests.Recording;

/// <summary>The reminder that writes a lapse into the history: at the right time, once, never for what ended otherwise.</summary>
public sealed class when_a_lapse_falls_due
{
    static readonly DateTimeOffset T0 = new(2026, 2, 1, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void an_objection_lapse_is_written_once_when_due_and_looked_at_again_when_early()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), ObjectedBy(People.WangWu, T0));
        var due = new LapseFallsDue(unit.Id, LapseKind.Objection, "O1");

        var early = Lapsing.Decide(unit, due, T0.AddDays(3));
        Assert.Null(early.Lapse);
        Assert.Equal(T0.AddDays(15), early.LookAgainAt);

        var lapsed = Assert.IsType<ObjectionLapsed>(Lapsing.Decide(unit, due, T0.AddDays(16)).Lapse);
        Assert.Equal(T0.AddDays(15), lapsed.LapsedAt);
        Assert.Equal(new LapseDecision(null, null), Lapsing.Decide(unit.Apply(lapsed), due, T0.AddDays(17)));
    }

    [Fact]
    public void an_objection_with_a_lawsuit_or_cancelled_never_lapses()
    {
        var sued = Unit(RegisteredTo(People.ZhangSan), ObjectedBy(People.WangWu, T0),
            new ObjectionLawsuitRecorded("a", "110105", "O1", "朝阳区人民法院", "民初1号", T0.AddDays(2), "reviewer"));
        Assert.Equal(new LapseDecision(null, null), Lapsing.Decide(sued, new LapseFallsDue(sued.Id, LapseKind.Objection, "O1"), T0.AddDays(30)));
        var cancelled = Unit(RegisteredTo(People.ZhangSan), ObjectedBy(People.WangWu, T0), new ObjectionCancelled("a", "110105", "O1", T0.AddDays(1), "reviewer"));
        Assert.Equal(new LapseDecision(null, null), Lapsing.Decide(cancelled, new LapseFallsDue(cancelled.Id, LapseKind.Objection, "O1"), T0.AddDays(30)));
    }

    [Fact]
    public void an_advance_notice_lapse_is_written_at_the_ninetieth_day()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), NoticeFor(People.LiSi, T0, possibleFrom: new DateOnly(2026, 3, 1)));
        var lapsed = Assert.IsType<AdvanceNoticeLapsed>(Lapsing.Decide(unit, new LapseFallsDue(unit.Id, LapseKind.AdvanceNotice, "N1"), T0.AddDays(200)).Lapse);
        Assert.Equal(new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.FromHours(8)), lapsed.LapsedAt);
    }

    [Fact]
    public void a_queued_seizure_is_watched_until_it_takes_effect_then_until_its_term_ends()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), SeizedBy("朝阳区人民法院", "执1号", T0), SeizedBy("海淀区人民法院", "执2号", T0.AddDays(1)));
        var second = new LapseFallsDue(unit.Id, LapseKind.Seizure, "S-执2号");
        Assert.Equal(T0.AddYears(3), Lapsing.Decide(unit, second, T0.AddDays(2)).LookAgainAt);
        Assert.Equal(T0.AddYears(6), Lapsing.Decide(unit, second, T0.AddYears(3)).LookAgainAt);
        var ended = Assert.IsType<SeizureEnded>(Lapsing.Decide(unit, second, T0.AddYears(6)).Lapse);
        Assert.Equal(T0.AddYears(6), ended.EndedAt);
    }

    [Fact]
    public void a_released_seizure_needs_no_lapse()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), SeizedBy("朝阳区人民法院", "执1号", T0), Released("执1号", T0.AddDays(5)));
        Assert.Equal(new LapseDecision(null, null), Lapsing.Decide(unit, new LapseFallsDue(unit.Id, LapseKind.Seizure, "S-执1号"), T0.AddYears(4)));
    }
}
