using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;

namespace Ledger.Applications.Kinds;

/// <summary>注销登记 of the unit: destroyed, abandoned or expired.</summary>
public sealed record CancellationDetails(CancellationReason Reason, IReadOnlyList<string> Consents) : ApplicationDetails
{
    sealed record Form(CancellationReason? Reason, IReadOnlyList<string>? Consents);

    public static CancellationDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (f.Reason is null) form.Fail("details.reason", "reason is destroyed, abandoned or expired.");
        var consents = Consent.Read("details.consents", f.Consents, form);
        return form.Errors.Count > 0 ? null : new CancellationDetails(f.Reason!.Value, consents);
    }

    public override Series? IssuesFrom(Unit unit) => null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        if (Reason == CancellationReason.Abandoned && Consent.MissingHolders(application, unit) is { } missing)
            return new Refusal("not-current-holder", $"Only the holders may abandon their right; {missing} is not among the applicants.");
        if (EncumbrancesAt.IsSeized(unit, now))
            return new Refusal("unit-seized", $"Unit {unit.Id} is seized; it cannot be cancelled while the seizure is in force.");
        if (unit.Mortgages.Length > 0 && !Consents.Contains(TransferDetails.MortgageeConsent))
            return new Refusal("mortgagee-consent-required", $"Unit {unit.Id} carries {unit.Mortgages.Length} mortgage(s); cancelling it needs the mortgagees' written consent.");
        return null;
    }

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new UnitCancelled(recording.ApplicationId, recording.Office, Reason, recording.At, recording.By);
    }
}
