using Ledger.Applications.Kinds;
using Ledger.Applications.Recording;
using Ledger.Tests.Support;
using static Ledger.Tests.Recording.Given;

namespace Ledger.Tests.Recording;

public sealed class when_deciding_a_disposal_of_an_encumbered_unit
{
    static string? Refusal(Ledger.Applications.Application application, Ledger.Units.Unit unit, DateTimeOffset? at = null) =>
        RecordingDecision.Check(application, unit, [], at ?? Now)?.Code;

    [Fact]
    public void refuses_a_transfer_and_a_mortgage_while_seized_and_allows_them_once_released()
    {
        var seized = Unit(RegisteredTo(People.ZhangSan), SeizedBy("朝阳区人民法院", "执1号", Now.AddDays(-5)));
        Assert.Equal("unit-seized", Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan), seized));
        Assert.Equal("unit-seized", Refusal(Approved(MortgageTo(People.Bank), People.ZhangSan), seized));

        var released = seized.Apply(Released("执1号", Now.AddDays(-1)));
        Assert.Null(Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan), released));
    }

    [Fact]
    public void refuses_a_disposal_against_an_advance_notice_without_the_beneficiarys_consent()
    {
        var noticed = Unit(RegisteredTo(People.ZhangSan), NoticeFor(People.LiSi, Now.AddDays(-5)));
        Assert.Equal("advance-notice-consent-required", Refusal(Approved(SaleTo(People.WangWu), People.ZhangSan), noticed));
        Assert.Null(Refusal(Approved(SaleTo(People.WangWu, TransferDetails.AdvanceNoticeBeneficiaryConsent), People.ZhangSan), noticed));
        Assert.Null(Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan), noticed)); // the announced transfer itself
    }

    [Fact]
    public void a_lapsed_advance_notice_no_longer_bars_a_disposal()
    {
        var noticed = Unit(RegisteredTo(People.ZhangSan), NoticeFor(People.LiSi, Now.AddDays(-200), possibleFrom: DateOnly.FromDateTime(Now.AddDays(-100).Date)));
        Assert.Null(Refusal(Approved(SaleTo(People.WangWu), People.ZhangSan), noticed));
    }

    [Fact]
    public void refuses_a_disposal_during_an_objection_unless_the_applicant_acknowledges_it()
    {
        var objected = Unit(RegisteredTo(People.ZhangSan), ObjectedBy(People.WangWu, Now.AddDays(-3)));
        Assert.Equal("objection-acknowledgement-required", Refusal(Approved(MortgageTo(People.Bank), People.ZhangSan), objected));
        Assert.Null(Refusal(Approved(MortgageTo(People.Bank, acknowledgesObjection: true), People.ZhangSan), objected));
        Assert.Null(Refusal(Approved(MortgageTo(People.Bank), People.ZhangSan), objected, Now.AddDays(13))); // lapsed on day 15
    }

    [Fact]
    public void refuses_a_lawsuit_for_an_objection_that_has_lapsed()
    {
        var objected = Unit(RegisteredTo(People.ZhangSan), ObjectedBy(People.WangWu, Now.AddDays(-20)));
        Assert.Equal("objection-not-in-force", Refusal(Approved(new ObjectionLawsuitDetails("O1", "朝阳区人民法院", "民初7号"), People.WangWu), objected));
    }

    [Fact]
    public void refuses_to_release_a_seizure_under_another_case_number()
    {
        var seized = Unit(RegisteredTo(People.ZhangSan), SeizedBy("朝阳区人民法院", "执1号", Now.AddDays(-5)));
        Assert.Equal("case-number-mismatch", Refusal(Approved(new SeizureReleaseDetails("S-执1号", "执9号"), People.Bank), seized));
        Assert.Equal("seizure-not-in-force", Refusal(Approved(new SeizureReleaseDetails("S-执7号", "执7号"), People.Bank), seized));
        Assert.Null(Refusal(Approved(new SeizureReleaseDetails("S-执1号", "执1号"), People.Bank), seized));
    }
}
