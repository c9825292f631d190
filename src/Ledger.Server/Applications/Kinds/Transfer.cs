using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

/// <summary>转移登记: the right passes from the current holders to new ones.</summary>
public sealed record TransferDetails(
    IReadOnlyList<Holder> To, CoOwnership CoOwnership, TransferReason Reason, decimal? Price,
    IReadOnlyList<string> Consents, bool AcknowledgesObjection, IReadOnlyList<string>? AlsoOn = null) : ApplicationDetails
{
    public const string MortgageeConsent = "mortgagee";
    public const string AdvanceNoticeBeneficiaryConsent = "advance-notice-beneficiary";

    sealed record Form(IReadOnlyList<HolderForm>? To, CoOwnership? CoOwnership, TransferReason? Reason, decimal? Price,
        IReadOnlyList<string>? Consents, bool? AcknowledgesObjection, IReadOnlyList<string>? AlsoUnitCodes);

    public static TransferDetails? Read(JsonElement details, UnitCode unit, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var alsoOn = form.OtherUnitCodes("details.alsoUnitCodes", f.AlsoUnitCodes, unit);
        if (f.CoOwnership is null) form.Fail("details.coOwnership", "coOwnership is sole, joint or shares.");
        if (f.Reason is null) form.Fail("details.reason", "reason is sale, gift, inheritance, exchange or court-order.");
        var to = form.Holders("details.to", f.To, f.CoOwnership);
        var price = form.Money("details.price", f.Price, required: f.Reason == TransferReason.Sale);
        var consents = Consent.Read("details.consents", f.Consents, form);
        return form.Errors.Count > 0
            ? null
            : new TransferDetails(to, f.CoOwnership!.Value, f.Reason!.Value, price, consents, f.AcknowledgesObjection ?? false, alsoOn);
    }

    public override Series? IssuesFrom(Unit unit) => Series.Certificate;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        if (unit.Status != UnitStatus.Registered || unit.Ownership is null)
            return new Refusal("unit-not-registered", $"Unit {unit.Id} has no registered right to transfer.");
        if (Consent.MissingHolders(application, unit) is { } missing)
            return new Refusal("not-current-holder", $"Only the current holders may transfer; {missing} is not among the applicants.");
        if (Disposal.Check(unit, now, Consents, AcknowledgesObjection, To.Select(h => h.IdNumber)) is { } barred) return barred;
        // A mortgage follows the property (Civil Code art. 406) unless the parties registered that it may not.
        if (unit.Mortgages.FirstOrDefault(m => m.RestrictsTransfer) is { } restricting && !Consents.Contains(MortgageeConsent))
            return new Refusal("mortgagee-consent-required",
                $"Mortgage {restricting.MortgageId} of {restricting.Mortgagee.Name} restricts transfer; the mortgagee's written consent is required.");
        if (CoOwnership == CoOwnership.Shares && !Share.SumsToOne(To.Select(h => Share.Parse(h.Share!))))
            return new Refusal("shares-do-not-sum-to-one", "The new holders' shares must add up to exactly 1.");
        return null;
    }

    /// <summary>A house with its land share (or any units held together) passes in one transaction or not at all.</summary>
    public override IReadOnlyList<string> OtherUnits(Unit unit) => AlsoOn ?? [];

    public override Refusal? CheckOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, DateTimeOffset now)
    {
        foreach (var (code, other) in others)
        {
            if (Consent.DisposableTogether(application, code, other, unit) is { } refusal) return refusal;
            if (Check(application, other!, now) is { } barred) return barred with { Detail = $"Unit {code}: {barred.Detail}" };
        }
        return null;
    }

    public override IEnumerable<(string UnitCode, object Event)> RecordOnOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording) =>
        (AlsoOn ?? []).Select(code => (code, (object)new TransferRecorded(recording.ApplicationId, recording.Office, Reason, Price,
            [.. others[code]!.Ownership!.Holders], CoOwnership, To, others[code]!.Ownership!.CertificateNumber, recording.Number!, recording.At, recording.By,
            [unit.Id, .. AlsoOn!.Where(c => c != code)])));

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new TransferRecorded(recording.ApplicationId, recording.Office, Reason, Price, [.. unit.Ownership!.Holders], CoOwnership, To,
            unit.Ownership.CertificateNumber, recording.Number!, recording.At, recording.By, AlsoOn);
    }
}
