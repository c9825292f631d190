using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;

namespace Ledger.Applications.Kinds;

/// <summary>抵押权注销: applied for by the mortgagee, or by the owner with the mortgagee's consent.</summary>
public sealed record MortgageDischargeDetails(string MortgageId, IReadOnlyList<string> Consents) : ApplicationDetails
{
    sealed record Form(string? MortgageId, IReadOnlyList<string>? Consents);

    public static MortgageDischargeDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (string.IsNullOrWhiteSpace(f.MortgageId)) form.Fail("details.mortgageId", "mortgageId names the mortgage to discharge.");
        var consents = Consent.Read("details.consents", f.Consents, form);
        return form.Errors.Count > 0 ? null : new MortgageDischargeDetails(f.MortgageId!.Trim(), consents);
    }

    public override Series? IssuesFrom(Unit unit) => null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        var mortgage = unit.Mortgages.FirstOrDefault(m => m.MortgageId == MortgageId);
        if (mortgage is null)
            return new Refusal("mortgage-not-in-force", $"No mortgage {MortgageId} is in force on unit {unit.Id}.");
        var byMortgagee = application.Applicants.Any(a => a.IdNumber == mortgage.Mortgagee.Code);
        if (!byMortgagee && !Consents.Contains(TransferDetails.MortgageeConsent))
            return new Refusal("mortgagee-consent-required",
                $"Discharge is applied for by {mortgage.Mortgagee.Name} or with its written consent.");
        return null;
    }

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new MortgageDischarged(recording.ApplicationId, recording.Office, MortgageId, recording.At, recording.By);
    }

    /// <summary>A mortgage over several units is discharged on all of them at once.</summary>
    public override IReadOnlyList<string> OtherUnits(Unit unit) =>
        unit.Mortgages.FirstOrDefault(m => m.MortgageId == MortgageId)?.AlsoOn ?? [];

    public override IEnumerable<(string UnitCode, object Event)> RecordOnOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording) =>
        OtherUnits(unit).Select(code => (code, (object)new MortgageDischarged(recording.ApplicationId, recording.Office, MortgageId, recording.At, recording.By)));
}
