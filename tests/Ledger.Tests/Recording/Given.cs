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

    public static Application Approved(ApplicationDetails details, params People.Person[] applicants) => new()
    {
        Id = Guid.NewGuid().ToString(), Number = $"1101052026{Interlocked.Increment(ref _number):D7}", Office = "110105", UnitCode = Code,
        Type = details switch
        {
            FirstRegistrationDetails => ApplicationType.FirstRegistration,
            TransferDetails => ApplicationType.Transfer,
            MortgageDetails => ApplicationType.Mortgage,
            _ => ApplicationType.MortgageDischarge,
        },
        Applicants = [.. applicants.Select(a => new Applicant(a.Name, a.IdNumber))], Details = details, Status = ApplicationStatus.Approved,
        IsPending = true, AcceptedAt = Now.AddHours(-1), AcceptedBy = "clerk", AcceptedBySub = People.ClerkWang.IdNumber,
    };

    public static TransferDetails SaleTo(People.Person buyer, params string[] consents) =>
        new([new Holder(buyer.Name, buyer.IdNumber)], CoOwnership.Sole, TransferReason.Sale, 1_000_000m, consents, false);
}
