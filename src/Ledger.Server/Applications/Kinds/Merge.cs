using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace Ledger.Applications.Kinds;

/// <summary>
/// 合并: adjacent land or sea units of the same holders under the same right become one new unit whose boundary is exactly
/// their union; it carries the right (under one new certificate) and every encumbrance in force; the old units are closed.
/// </summary>
public sealed record MergeDetails(IReadOnlyList<string> UnitCodes, SurveyedPart Into, IReadOnlyList<string> Consents, bool AcknowledgesObjection = false)
    : ApplicationDetails
{
    sealed record Form(IReadOnlyList<string>? UnitCodes, SurveyedPartForm? Into, IReadOnlyList<string>? Consents, bool? AcknowledgesObjection);

    /// <summary>The merged units are the application's unit and those of <c>unitCodes</c> (which may name it again).</summary>
    public static MergeDetails? Read(JsonElement details, UnitCode unit, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (unit.Kind == UnitKind.Building) form.Fail("unitCode", "only land and sea units are merged.");
        var merged = new List<string> { unit.Value };
        foreach (var (text, i) in (f.UnitCodes ?? []).Select((t, i) => (t, i)))
        {
            if (!UnitCode.TryParse(text, out var code, out var error)) form.Fail($"details.unitCodes[{i}]", error!);
            else if (code.Value[..12] != unit.Value[..12] || code.Value[12..14] != unit.Value[12..14] || code.Value[19..] != unit.Value[19..])
                form.Fail($"details.unitCodes[{i}]", "merged units lie in one cadastral sub-district and have the same ownership and right kind.");
            else if (!merged.Contains(code.Value)) merged.Add(code.Value);
        }
        if (merged.Count < 2) form.Fail("details.unitCodes", "a merge names at least two units: the application's and the others in unitCodes.");
        var into = Fabric.Part("details.into", f.Into, unit, form);
        if (into is not null && merged.Contains(into.UnitCode)) form.Fail("details.into.unitCode", "the merged unit is a new unit with its own code.");
        var consents = Consent.Read("details.consents", f.Consents, form);
        return form.Errors.Count > 0 ? null : new MergeDetails(merged, into!, consents, f.AcknowledgesObjection ?? false);
    }

    public override Series? IssuesFrom(Unit unit) => unit is { Status: UnitStatus.Registered, Ownership: not null } ? Series.Certificate : null;

    IReadOnlyList<string> Changing => [.. UnitCodes, Into.UnitCode];

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) =>
        Fabric.MayChange(application, unit, now, Consents, AcknowledgesObjection, Changing);

    public override IReadOnlyList<string> OtherUnits(Unit unit) => [.. UnitCodes.Where(c => c != unit.Id), Into.UnitCode];

    public override Refusal? CheckOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, DateTimeOffset now)
    {
        if (others[Into.UnitCode] is not null) return new Refusal("unit-exists", $"The register already holds {Into.UnitCode}; the merged unit is a new unit.");
        var merged = new List<Unit> { unit };
        foreach (var code in UnitCodes.Where(c => c != unit.Id))
        {
            if (others[code] is not { } other) return new Refusal("other-unit-not-found", $"The register holds no unit {code} to merge.");
            if (ClosedUnit.Refusal(other) is { } closed) return closed;
            if (Fabric.MayChange(application, other, now, Consents, AcknowledgesObjection, Changing) is { } barred) return barred;
            if (!SameRight(unit, other))
                return new Refusal("merge-rights-differ",
                    $"Units {unit.Id} and {code} are not held under the same right by the same holders; only such units are merged.");
            merged.Add(other);
        }
        if (merged.FirstOrDefault(u => u.Geometry is null) is { } unsurveyed)
            return new Refusal("parts-do-not-tile", $"Unit {unsurveyed.Id} has no surveyed boundary to merge.");
        if (CascadedPolygonUnion.Union([.. merged.Select(u => u.Geometry!)]) is MultiPolygon { NumGeometries: > 1 })
            return new Refusal("units-not-adjacent", $"Units {string.Join(", ", UnitCodes)} do not form one connected area; only adjacent units are merged.");
        return Tiling.Misfit(Into.Geometry, [.. merged.Select(u => (u.Id, u.Geometry!))]) is { } misfit
            ? new Refusal("parts-do-not-tile", $"The merged units do not tile the boundary of {Into.UnitCode}: {misfit}")
            : null;
    }

    static bool SameRight(Unit a, Unit b) =>
        a.Status == b.Status
        && (a.Ownership, b.Ownership) switch
        {
            (null, null) => true,
            ({ } x, { } y) => x.RightType == y.RightType && x.CoOwnership == y.CoOwnership && x.Term == y.Term
                              && x.Holders.Select(h => (h.IdNumber, h.Share)).Order().SequenceEqual(y.Holders.Select(h => (h.IdNumber, h.Share)).Order()),
            _ => false,
        };

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return Merged(unit, recording);
    }

    UnitMerged Merged(Unit unit, RegisterEntry recording) =>
        new(recording.ApplicationId, recording.Office, Into.UnitCode, [.. UnitCodes.Where(c => c != unit.Id)], unit.Ownership?.CertificateNumber,
            recording.Number, recording.At, recording.By);

    public override IEnumerable<(string UnitCode, object Event)> RecordOnOthers(
        Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording)
    {
        var merged = new List<Unit> { unit };
        foreach (var code in UnitCodes.Where(c => c != unit.Id))
        {
            merged.Add(others[code]!);
            yield return (code, Merged(others[code]!, recording));
        }
        yield return (Into.UnitCode, new UnitDerived(recording.ApplicationId, Into.UnitCode, recording.Office, unit.Kind, Into.Location ?? unit.Location,
            Into.Area, Into.Use ?? unit.Use, Into.Geometry, UnitCodes, Fabric.Carry(merged, recording.At, recording.Number, []), recording.At, recording.By));
    }
}
