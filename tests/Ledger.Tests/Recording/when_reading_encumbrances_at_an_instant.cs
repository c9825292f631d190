using Ledger.Tests.Support;
using Ledger.Units;
using static Ledger.Tests.Recording.Given;

namespace Ledger.Tests.Recording;

/// <summary>Time-driven lapses read right at every instant, before anything writes a lapse into the history.</summary>
public sealed class when_reading_encumbrances_at_an_instant
{
    static readonly DateTimeOffset T0 = new(2026, 1, 10, 9, 0, 0, TimeSpan.FromHours(8));

    static IReadOnlyList<(string CaseNumber, SeizureState State)> Queue(Unit unit, DateTimeOffset at) =>
        [.. EncumbrancesAt.Seizures(unit, at).Select(s => (s.Seizure.CaseNumber, s.State))];

    [Fact]
    public void a_seizure_is_in_force_for_three_years_and_then_ends_by_itself()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), SeizedBy("朝阳区人民法院", "(2026)京0105执1号", T0));
        Assert.Equal([("(2026)京0105执1号", SeizureState.InForce)], Queue(unit, T0.AddYears(3).AddTicks(-1)));
        Assert.Empty(Queue(unit, T0.AddYears(3)));
    }

    [Fact]
    public void a_second_courts_seizure_queues_and_takes_effect_when_the_first_is_released()
    {
        var released = T0.AddDays(100);
        var unit = Unit(RegisteredTo(People.ZhangSan), SeizedBy("朝阳区人民法院", "执1号", T0), SeizedBy("海淀区人民法院", "执2号", T0.AddDays(10)), Released("执1号", released));

        Assert.Equal([("执1号", SeizureState.InForce), ("执2号", SeizureState.Queued)], Queue(unit, released.AddTicks(-1)));
        var after = EncumbrancesAt.Seizures(unit, released);
        var second = Assert.Single(after);
        Assert.Equal(SeizureState.InForce, second.State);
        Assert.Equal(released, second.TakesEffectAt);
        Assert.Equal(released.AddYears(3), second.EndsAt);
    }

    [Fact]
    public void a_queued_seizure_takes_effect_when_the_one_in_force_runs_out()
    {
        var term = new Term(new DateOnly(2026, 1, 10), new DateOnly(2026, 1, 19)); // ten days
        var unit = Unit(RegisteredTo(People.ZhangSan), SeizedBy("朝阳区人民法院", "执1号", T0, term), SeizedBy("海淀区人民法院", "执2号", T0.AddDays(1)));
        Assert.Equal([("执1号", SeizureState.InForce), ("执2号", SeizureState.Queued)], Queue(unit, T0.AddDays(9)));
        Assert.Equal([("执2号", SeizureState.InForce)], Queue(unit, T0.AddDays(10)));
    }

    [Fact]
    public void an_objection_lapses_fifteen_days_after_recording_unless_a_lawsuit_is_registered()
    {
        var objected = Unit(RegisteredTo(People.ZhangSan), ObjectedBy(People.WangWu, T0));
        Assert.Single(EncumbrancesAt.Objections(objected, T0.AddDays(15).AddTicks(-1)));
        Assert.Empty(EncumbrancesAt.Objections(objected, T0.AddDays(15)));

        var sued = objected.Apply(new ObjectionLawsuitRecorded("a", "110105", "O1", "朝阳区人民法院", "(2026)京0105民初7号", T0.AddDays(14), "reviewer"));
        Assert.Single(EncumbrancesAt.Objections(sued, T0.AddDays(400)));
    }

    [Fact]
    public void an_advance_notice_lapses_ninety_days_after_registration_became_possible()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), NoticeFor(People.LiSi, T0, possibleFrom: new DateOnly(2026, 3, 1)));
        var lapse = new DateTimeOffset(2026, 5, 30, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.Single(EncumbrancesAt.AdvanceNotices(unit, lapse.AddTicks(-1)));
        Assert.Empty(EncumbrancesAt.AdvanceNotices(unit, lapse));
    }

    [Fact]
    public void an_advance_notice_ends_when_the_announced_transfer_to_its_beneficiary_is_recorded()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), NoticeFor(People.LiSi, T0));
        var transfer = new TransferRecorded("t", "110105", TransferReason.Sale, 1m, [new Holder(People.ZhangSan.Name, People.ZhangSan.IdNumber)], CoOwnership.Sole,
            [new Holder(People.LiSi.Name, People.LiSi.IdNumber)], "c1", "c2", T0.AddDays(30), "reviewer");
        Assert.Empty(EncumbrancesAt.AdvanceNotices(unit.Apply(transfer), T0.AddDays(30)));
        Assert.Single(EncumbrancesAt.AdvanceNotices(unit.Apply(transfer), T0.AddDays(29)));
    }
}
