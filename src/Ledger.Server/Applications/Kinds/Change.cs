using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

/// <summary>变更登记: location, use, area, or a holder's name; at least one of them.</summary>
public sealed record ChangeDetails(string? Location, string? Use, decimal? Area, HolderRename? HolderRename) : ApplicationDetails
{
    sealed record RenameForm(string? IdNumber, string? NewName);
    sealed record Form(string? Location, string? Use, decimal? Area, RenameForm? HolderRename);

    public static ChangeDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (f.Location is null && f.Use is null && f.Area is null && f.HolderRename is null)
            form.Fail("details", "a change names at least one of location, use, area, holderRename.");
        if (f.Location is not null && string.IsNullOrWhiteSpace(f.Location)) form.Fail("details.location", "location may not be blank.");
        if (f.Use is not null && string.IsNullOrWhiteSpace(f.Use)) form.Fail("details.use", "use may not be blank.");
        if (f.Area is <= 0) form.Fail("details.area", "area is a positive number of square metres.");
        HolderRename? rename = null;
        if (f.HolderRename is { } r)
        {
            if (!PartyNumber.TryNormalize(r.IdNumber, out var id, out var error)) form.Fail("details.holderRename.idNumber", error!);
            var name = form.Text("details.holderRename.newName", r.NewName, "the holder's new name");
            if (id is not null && name.Length > 0) rename = new HolderRename(id, name);
        }
        return form.Errors.Count > 0 ? null : new ChangeDetails(f.Location?.Trim(), f.Use?.Trim(), f.Area, rename);
    }

    public override Series? IssuesFrom(Unit unit) => unit is { Status: UnitStatus.Registered, Ownership: not null } ? Series.Certificate : null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        if (unit.Status == UnitStatus.Registered && Consent.MissingHolders(application, unit) is { } missing)
            return new Refusal("not-current-holder", $"A change is applied for by the current holders; {missing} is not among the applicants.");
        if (HolderRename is { } rename && unit.Ownership?.Holders.Any(h => h.IdNumber == rename.IdNumber) != true)
            return new Refusal("not-current-holder", $"{PartyNumber.Mask(rename.IdNumber)} holds no right in unit {unit.Id}.");
        return null;
    }

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new ChangeRecorded(recording.ApplicationId, recording.Office, Location, Use, Area, HolderRename, recording.At, recording.By,
            recording.Number, recording.Number is null ? null : unit.Ownership?.CertificateNumber);
    }
}
