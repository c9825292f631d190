using Ledger.Applications;
using Ledger.Applications.Kinds;
using Ledger.Applications.Recording;
using Ledger.Tests.Support;
using Ledger.Units;
using static Ledger.Tests.Recording.Given;

namespace Ledger.Tests.Recording;

public sealed class when_deciding_a_recording
{
    static string? Refusal(Application application, Unit unit, params Application[] pending) =>
        RecordingDecision.Check(application, unit, pending, Now)?.Code;

    [Fact]
    public void records_an_approved_first_registration_on_an_established_unit()
    {
        var application = Approved(new FirstRegistrationDetails("3", CoOwnership.Sole, [new Holder("张三", People.ZhangSan.IdNumber)], null), People.ZhangSan);
        var unit = Unit();
        Assert.Null(Refusal(application, unit));
        var recorded = Assert.IsType<FirstRegistrationRecorded>(Assert.Single(
            RecordingDecision.Events(application, unit, new RegisterEntry(application.Id, "110105", Now, "reviewer", "京(2026)朝阳区不动产权第0000007号"))));
        Assert.Equal("京(2026)朝阳区不动产权第0000007号", recorded.CertificateNumber);
        Assert.Equal(UnitStatus.Registered, unit.Apply(recorded).Status);
    }

    [Fact]
    public void refuses_an_application_that_is_only_accepted() =>
        Assert.Equal("not-approved", Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan) with { Status = ApplicationStatus.Accepted }, Unit(RegisteredTo(People.ZhangSan))));

    [Fact]
    public void refuses_an_application_already_recorded() =>
        Assert.Equal("already-recorded", Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan) with { Status = ApplicationStatus.Recorded }, Unit(RegisteredTo(People.ZhangSan))));

    [Fact]
    public void refuses_a_second_first_registration() =>
        Assert.Equal("unit-already-registered", Refusal(
            Approved(new FirstRegistrationDetails("3", CoOwnership.Sole, [new Holder("李四", People.LiSi.IdNumber)], null), People.LiSi),
            Unit(RegisteredTo(People.ZhangSan))));

    [Fact]
    public void refuses_while_an_earlier_accepted_application_is_pending()
    {
        var earlier = Approved(SaleTo(People.WangWu), People.ZhangSan) with { AcceptedAt = Now.AddHours(-2) };
        var later = Approved(SaleTo(People.LiSi), People.ZhangSan);
        Assert.Equal("earlier-application-pending", Refusal(later, Unit(RegisteredTo(People.ZhangSan)), earlier));
        Assert.Null(Refusal(later, Unit(RegisteredTo(People.ZhangSan)), earlier with { IsPending = false, Status = ApplicationStatus.Withdrawn }));
    }

    [Fact]
    public void refuses_a_transfer_by_someone_not_holding_the_unit() =>
        Assert.Equal("not-current-holder", Refusal(Approved(SaleTo(People.LiSi), People.WangWu), Unit(RegisteredTo(People.ZhangSan))));

    [Fact]
    public void refuses_a_transfer_of_an_unregistered_unit() =>
        Assert.Equal("unit-not-registered", Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan), Unit()));

    [Fact]
    public void refuses_a_transfer_under_a_restricting_mortgage_without_consent()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), MortgagedTo(People.Bank, restrictsTransfer: true));
        Assert.Equal("mortgagee-consent-required", Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan), unit));
        Assert.Null(Refusal(Approved(SaleTo(People.LiSi, TransferDetails.MortgageeConsent), People.ZhangSan), unit));
    }

    [Fact]
    public void a_transfer_leaves_an_unrestricted_mortgage_on_the_unit()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), MortgagedTo(People.Bank, restrictsTransfer: false));
        var application = Approved(SaleTo(People.LiSi), People.ZhangSan);
        Assert.Null(Refusal(application, unit));
        var transfer = (TransferRecorded)RecordingDecision.Events(application, unit, new RegisterEntry(application.Id, "110105", Now, "reviewer", "n"))[0];
        var after = unit.Apply(transfer);
        Assert.Equal(People.LiSi.IdNumber, Assert.Single(after.Ownership!.Holders).IdNumber);
        Assert.Equal("M1", Assert.Single(after.Mortgages).MortgageId);
        Assert.Equal("京(2026)朝阳区不动产权第0000001号", transfer.SupersededCertificateNumber);
    }

    [Fact]
    public void refuses_shares_that_add_up_to_less_than_one()
    {
        var holders = new[] { new Holder("李四", People.LiSi.IdNumber, "1/3"), new Holder("王五", People.WangWu.IdNumber, "1/2") };
        var application = Approved(new FirstRegistrationDetails("3", CoOwnership.Shares, holders, null), People.LiSi, People.WangWu);
        Assert.Equal("shares-do-not-sum-to-one", Refusal(application, Unit()));
    }

    [Fact]
    public void refuses_to_discharge_a_mortgage_not_in_force_or_without_the_mortgagee()
    {
        var unit = Unit(RegisteredTo(People.ZhangSan), MortgagedTo(People.Bank, restrictsTransfer: false));
        Assert.Equal("mortgage-not-in-force", Refusal(Approved(new MortgageDischargeDetails("M9", []), People.Bank), unit));
        Assert.Equal("mortgagee-consent-required", Refusal(Approved(new MortgageDischargeDetails("M1", []), People.ZhangSan), unit));
        Assert.Null(Refusal(Approved(new MortgageDischargeDetails("M1", []), People.Bank), unit));
        Assert.Null(Refusal(Approved(new MortgageDischargeDetails("M1", [TransferDetails.MortgageeConsent]), People.ZhangSan), unit));
    }

    [Fact]
    public void refuses_anything_on_a_cancelled_unit() =>
        Assert.Equal("unit-cancelled", Refusal(Approved(SaleTo(People.LiSi), People.ZhangSan), Unit(RegisteredTo(People.ZhangSan)) with { Status = UnitStatus.Cancelled }));
}
