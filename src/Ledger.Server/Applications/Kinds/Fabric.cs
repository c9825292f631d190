using System.Text.Json;
using Ledger.Units;
using Ledger.Values;
using NetTopologySuite.Geometries;

namespace Ledger.Applications.Kinds;

/// <summary>A new unit of a split or merge as surveyed: its code, boundary and area; location and use default to the parent's.</summary>
public sealed record SurveyedPart(string UnitCode, Geometry Geometry, decimal Area, string? Location = null, string? Use = null);

public sealed record SurveyedPartForm(string? UnitCode, JsonElement? Geometry, decimal? Area, string? Location, string? Use);

/// <summary>
/// What split and merge (分割/合并) share: the new units' surveys, the rules that keep the parcel fabric and the
/// rights on it whole, and what passes from the old units to the new ones (DOMAIN.md: a mortgage on the whole
/// burdens each part).
/// </summary>
public static class Fabric
{
    /// <summary>
    /// A new unit stays in its parent's cadastral sub-district and keeps its ownership and right kind: its code shares the
    /// first 14 characters with the parent's; it is a land or sea unit (fixture part <c>W00000000</c>).
    /// </summary>
    public static SurveyedPart? Part(string field, SurveyedPartForm? part, UnitCode parent, DetailsForm form)
    {
        if (part is null)
        {
            form.Fail(field, "each part is {unitCode, geometry, area}.");
            return null;
        }
        if (!UnitCode.TryParse(part.UnitCode, out var code, out var codeError)) form.Fail($"{field}.unitCode", codeError!);
        else if (code.Value[..14] != parent.Value[..14] || code.Value[19..] != parent.Value[19..])
            form.Fail($"{field}.unitCode",
                $"a new unit stays in the cadastral sub-district and keeps the ownership and right kind: its code is {parent.Value[..14]}#####{parent.Value[19..]}.");
        Geometry? geometry = null;
        if (!Boundary.TryRead(part.Geometry, out geometry, out var geometryError))
        {
            form.Fail($"{field}.geometry", geometryError!);
            form.Code ??= "invalid-geometry";
        }
        if (part.Area is not > 0) form.Fail($"{field}.area", "area must be a positive number of square metres.");
        else if (geometry is not null && GeodesicArea.SquareMetres(geometry) is var surveyed && !GeodesicArea.Agrees(part.Area.Value, surveyed))
        {
            form.Fail($"{field}.area", $"the declared area {part.Area:F2} m² differs from the boundary's {surveyed:F2} m² by more than 1 % (1 m² at least).");
            form.Code ??= "area-mismatch";
        }
        return code is null || geometry is null || part.Area is not > 0
            ? null
            : new SurveyedPart(code.Value, geometry, part.Area.Value, Blank(part.Location), Blank(part.Use));
    }

    static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Whether the holders may change the fabric of <paramref name="unit"/> now: not while seized, not past an advance notice or an
    /// objection without consent, only by all its holders, and not while a mortgage over it also burdens units outside the change.
    /// </summary>
    public static Refusal? MayChange(Application application, Unit unit, DateTimeOffset now, IReadOnlyList<string> consents, bool acknowledgesObjection,
        IReadOnlyCollection<string> changing)
    {
        if (Disposal.Check(unit, now, consents, acknowledgesObjection, []) is { } barred) return barred;
        if (Consent.MissingHolders(application, unit) is { } missing)
            return new Refusal("not-current-holder", $"Every holder of unit {unit.Id} applies to split or merge it; {missing} is not among the applicants.");
        if (unit.Mortgages.FirstOrDefault(m => m.AlsoOn?.Any(o => !changing.Contains(o)) == true) is { } shared)
            return new Refusal("mortgage-over-other-units",
                $"Mortgage {shared.MortgageId} on unit {unit.Id} also burdens {string.Join(", ", shared.AlsoOn!.Where(o => !changing.Contains(o)))}; "
                + "discharge it or bring those units into the same application first.");
        return null;
    }

    /// <summary>
    /// The page a new unit takes over: the right (under its own new certificate, or none when the old units had no right yet) and every
    /// mortgage, objection, advance notice and easement in force, once each, mortgages in their rank; a mortgage over the parts of one
    /// split burdens each of them and names the others.
    /// </summary>
    public static CarriedOver Carry(IReadOnlyList<Unit> from, DateTimeOffset now, string? certificateNumber,
        IReadOnlyList<string> siblings)
    {
        var ownership = from[0].Ownership is { } o && certificateNumber is not null ? o with { CertificateNumber = certificateNumber } : null;
        var others = siblings.Count > 0 ? siblings : null;
        return new CarriedOver(
            ownership,
            [.. from.SelectMany(u => u.Mortgages).DistinctBy(m => m.MortgageId).OrderBy(m => m.RecordedAt).Select(m => m with { AlsoOn = others })],
            [.. from.SelectMany(u => EncumbrancesAt.Objections(u, now)).DistinctBy(x => x.ObjectionId)],
            [.. from.SelectMany(u => EncumbrancesAt.AdvanceNotices(u, now)).DistinctBy(x => x.AdvanceNoticeId)],
            [.. from.SelectMany(u => EncumbrancesAt.Easements(u, now)).DistinctBy(x => x.EasementId)]);
    }
}
