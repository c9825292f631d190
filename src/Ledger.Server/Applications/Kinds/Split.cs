using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

/// <summary>
/// 分割: a land or sea unit is divided into parts that tile it exactly; each part becomes a new unit carrying the right
/// and the encumbrances in force, the parent is closed. A registered unit's certificate gives way to one per part.
/// </summary>
public sealed record SplitDetails(IReadOnlyList<SurveyedPart> Parts, IReadOnlyList<string> Consents, bool AcknowledgesObjection = false)
    : ApplicationDetails
{
    sealed record Form(IReadOnlyList<SurveyedPartForm?>? Parts, IReadOnlyList<string>? Consents, bool? AcknowledgesObjection);

    public static SplitDetails? Read(JsonElement details, UnitCode parent, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (parent.Kind == UnitKind.Building) form.Fail("unitCode", "only land and sea units are split; a building unit is changed with its parcel.");
        if (f.Parts is not { Count: >= 2 }) form.Fail("details.parts", "a split gives at least two parts [{unitCode, geometry, area}].");
        var parts = new List<SurveyedPart>();
        foreach (var (part, i) in (f.Parts ?? []).Select((p, i) => (p, i)))
        {
            if (Fabric.Part($"details.parts[{i}]", part, parent, form) is not { } read) continue;
            if (read.UnitCode == parent.Value || parts.Any(p => p.UnitCode == read.UnitCode))
                form.Fail($"details.parts[{i}].unitCode", "each part is a new unit with its own code.");
            else parts.Add(read);
        }
        var consents = Consent.Read("details.consents", f.Consents, form);
        return form.Errors.Count > 0 ? null : new SplitDetails(parts, consents, f.AcknowledgesObjection ?? false);
    }

    IReadOnlyList<string> Codes => [.. Parts.Select(p => p.UnitCode)];

    public override Series? IssuesFrom(Unit unit) => unit is { Status: UnitStatus.Registered, Ownership: not null } ? Series.Certificate : null;

    public override int NumbersIssued(Unit unit) => IssuesFrom(unit) is null ? 0 : Parts.Count;

    public override Refusal? CheckAtCounter(Unit unit) =>
        unit.Geometry is not { } whole
            ? new Refusal("parts-do-not-tile", $"Unit {unit.Id} has no surveyed boundary to divide.")
            : Tiling.Misfit(whole, [.. Parts.Select(p => (p.UnitCode, p.Geometry))]) is { } misfit
                ? new Refusal("parts-do-not-tile", $"The parts do not tile unit {unit.Id}: {misfit}")
                : null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) =>
        CheckAtCounter(unit) ?? Fabric.MayChange(application, unit, now, Consents, AcknowledgesObjection, [unit.Id, .. Codes]);

    public override IReadOnlyList<string> OtherUnits(Unit unit) => Codes;

    public override Refusal? CheckOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, DateTimeOffset now) =>
        others.FirstOrDefault(o => o.Value is not null) is { Key: { } taken }
            ? new Refusal("unit-exists", $"The register already holds {taken}; a part of a split is a new unit.")
            : null;

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new UnitSplit(recording.ApplicationId, recording.Office, Codes, unit.Ownership is null ? null : unit.Ownership.CertificateNumber,
            recording.Numbers, recording.At, recording.By);
    }

    public override IEnumerable<(string UnitCode, object Event)> RecordOnOthers(
        Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording) =>
        Parts.Select((part, i) => (part.UnitCode, (object)new UnitDerived(recording.ApplicationId, part.UnitCode, recording.Office, unit.Kind,
            part.Location ?? unit.Location, part.Area, part.Use ?? unit.Use, part.Geometry, [unit.Id],
            Fabric.Carry([unit], recording.At, recording.Numbers?[i], [.. Codes.Where(c => c != part.UnitCode)]),
            recording.At, recording.By)));
}
