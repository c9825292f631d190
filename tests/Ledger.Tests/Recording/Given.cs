using Ledger.Applications;
using Ledger.Applications.Kinds;
using Ledger.Tests.Support;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Tests.Recording;

/// <summary>Decider specs: a unit folded from given events, an application, and the decision — no database.</summary>
public static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(8));
    const string Code = "110105003002GB00021W00000000";
    static int _number;

    public static Unit Unit(params object[] events)
    {
        var unit = Units.Unit.Create(new UnitEstablished(Code, "110105", UnitKind.Land, "北京市朝阳区建国路88号", 1200m, "住宅用地", null, null, Now.AddDays(-30), "clerk"));
        foreach (var e in events)
        {
            unit = e switch
            {
                FirstRegistrationRecorded f => unit.Apply(f),
                TransferRecorded t => unit.Apply(t),
                MortgageRecorded m => unit.Apply(m),
                MortgageDischarged d => unit.Apply(d),
                SeizureRecorded s => unit.Apply(s),
                SeizureReleased r => unit.Apply(r),
                ObjectionRecorded o => unit.Apply(o),
                ObjectionLawsuitRecorded l => unit.Apply(l),
                ObjectionCancelled c => unit.Apply(c),
                AdvanceNoticeRecorded n => unit.Apply(n),
                AdvanceNoticeCancelled c => unit.Apply(c),
                _ => throw new ArgumentException($"no fold for {e.GetType().Name}"),
            };
        }
        return unit with { Version = 1 + events.Length };
    }

    public static FirstRegistrationRecorded RegisteredTo(People.Person holder) =>
        new("a0", "110105", "3", CoOwnership.Sole, [new Holder(holder.Name, holder.IdNumber)], null, "京(2026)朝阳区不动产权第0000001号", Now.AddDays(-20), "reviewer");

    public static MortgageRecorded MortgagedTo(People.Person bank, bool restrictsTransfer) =>
        new("a1", "110105", "M1", new Mortgagee(bank.Name, bank.IdNumber), 1_000_000m, null, new Term(new DateOnly(2026, 1, 1), new DateOnly(2036, 1, 1)),
            restrictsTransfer, "京(2026)朝阳区不动产证明第0000001号", Now.AddDays(-10), "reviewer");

    public static SeizureRecorded SeizedBy(string court, string caseNumber, DateTimeOffset at, Term? term = null) =>
        new("a-s", "110105", $"S-{caseNumber}", court, caseNumber, term, at, "reviewer");

    public static SeizureReleased Released(string caseNumber, DateTimeOffset at) => new("a-r", "110105", $"S-{caseNumber}", caseNumber, at, "reviewer");

    public static ObjectionRecorded ObjectedBy(People.Person objector, DateTimeOffset at) =>
        new("a-o", "110105", "O1", new Party(objector.Name, objector.IdNumber), "该房屋系夫妻共同财产", "京(2026)朝阳区不动产证明第0000009号", at, "reviewer");

    public static AdvanceNoticeRecorded NoticeFor(People.Person beneficiary, DateTimeOffset at, DateOnly? possibleFrom = null, AdvanceNoticeKind kind = AdvanceNoticeKind.Purchase) =>
        new("a-n", "110105", "N1", kind, new Party(beneficiary.Name, beneficiary.IdNumber), possibleFrom, "京(2026)朝阳区不动产证明第0000010号", at, "reviewer");

    public static Application Approved(ApplicationDetails details, params People.Person[] applicants) => new()
    {
        Id = Guid.NewGuid().ToString(), Number = $"1101052026{Interlocked.Increment(ref _number):D7}", Office = "110105", UnitCode = Code,
        Type = details switch
        {
            FirstRegistrationDetails => ApplicationType.FirstRegistration,
            TransferDetails => ApplicationType.Transfer,
            MortgageDetails => ApplicationType.Mortgage,
            SeizureDetails => ApplicationType.Seizure,
            SeizureReleaseDetails => ApplicationType.SeizureRelease,
            ObjectionDetails => ApplicationType.Objection,
            ObjectionLawsuitDetails => ApplicationType.ObjectionLawsuit,
            ObjectionCancellationDetails => ApplicationType.ObjectionCancellation,
            AdvanceNoticeDetails => ApplicationType.AdvanceNotice,
            AdvanceNoticeCancellationDetails => ApplicationType.AdvanceNoticeCancellation,
            _ => ApplicationType.MortgageDischarge,
        },
        Applicants = [.. applicants.Select(a => new Applicant(a.Name, a.IdNumber))], Details = details, Status = ApplicationStatus.Approved,
        IsPending = true, AcceptedAt = Now.AddHours(-1), AcceptedBy = "clerk", AcceptedBySub = People.ClerkWang.IdNumber,
    };

    public static TransferDetails SaleTo(People.Person buyer, params string[] consents) =>
        new([new Holder(buyer.Name, buyer.IdNumber)], CoOwnership.Sole, TransferReason.Sale, 1_000_000m, consents, false);

    public static MortgageDetails MortgageTo(People.Person bank, bool acknowledgesObjection = false, params string[] consents) =>
        new(new Mortgagee(bank.Name, bank.IdNumber), 500_000m, null, new Term(new DateOnly(2026, 12, 1), new DateOnly(2036, 11, 30)), false, consents, acknowledgesObjection);
}
