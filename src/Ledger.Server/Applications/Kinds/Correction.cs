using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

/// <summary>更正登记: points at the version it corrects; the only registration a cancelled unit still takes.</summary>
public sealed record CorrectionDetails(int CorrectsVersion, Corrected Corrected, CorrectionBasis Basis) : ApplicationDetails
{
    sealed record CorrectedForm(string? Location, string? Use, decimal? Area, string? RightType, CoOwnership? CoOwnership, IReadOnlyList<HolderForm>? Holders);
    sealed record Form(int? CorrectsVersion, CorrectedForm? Corrected, CorrectionBasis? Basis);

    public static CorrectionDetails? Read(JsonElement details, UnitCode unit, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (f.CorrectsVersion is not > 0) form.Fail("details.correctsVersion", "correctsVersion is the version of the entry being corrected.");
        if (f.Basis is null) form.Fail("details.basis", "basis is holder-consent, ex-officio or court.");
        var c = f.Corrected;
        if (c is null || (c.Location, c.Use, c.Area, c.RightType, c.Holders) == (null, null, null, null, null))
            form.Fail("details.corrected", "corrected names at least one of location, use, area, rightType, holders.");
        if (c?.Area is <= 0) form.Fail("details.corrected.area", "area is a positive number of square metres.");
        if (c?.RightType is { } code && (!RightType.TryParse(code, out var type) || type!.MisfitWith(unit) is not null))
            form.Fail("details.corrected.rightType", $"rightType {code} is not a QLLX code that fits unit {unit.Value}.");
        var holders = c?.Holders is null ? null : form.Holders("details.corrected.holders", c.Holders, c.CoOwnership ?? (c.Holders.Count == 1 ? CoOwnership.Sole : CoOwnership.Joint));
        return form.Errors.Count > 0
            ? null
            : new CorrectionDetails(f.CorrectsVersion!.Value, new Corrected(c!.Location?.Trim(), c.Use?.Trim(), c.Area, c.RightType, holders), f.Basis!.Value);
    }

    public override Series? IssuesFrom(Unit unit) => unit is { Status: UnitStatus.Registered, Ownership: not null } ? Series.Certificate : null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        if (CorrectsVersion > unit.Version)
            return new Refusal("correction-target-not-found", $"Unit {unit.Id} has no version {CorrectsVersion}; it is at version {unit.Version}.");
        if ((Corrected.Holders is not null || Corrected.RightType is not null) && unit.Ownership is null)
            return new Refusal("unit-not-registered", $"Unit {unit.Id} has no registered right whose holders or type could be corrected.");
        if (Basis == CorrectionBasis.HolderConsent && Consent.MissingHolders(application, unit) is { } missing)
            return new Refusal("not-current-holder", $"A correction on the holders' consent is applied for by all of them; {missing} is not among the applicants.");
        return null;
    }

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new CorrectionRecorded(recording.ApplicationId, recording.Office, CorrectsVersion, Basis, Corrected, recording.At, recording.By,
            recording.Number, recording.Number is null ? null : unit.Ownership?.CertificateNumber);
    }
}
