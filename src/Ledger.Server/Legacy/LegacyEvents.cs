using Ledger.Units;
using Ledger.Values;
using NetTopologySuite.Geometries;

namespace Ledger.Legacy;

/// <summary>Which pre-unification register a record comes from.</summary>
public enum LegacySource { Land, House, Sea }

/// <summary>
/// The first sentence of a unit taken over from a pre-unification register (存量数据): its survey as the old record gives it,
/// and where it came from. <c>EstablishedAt</c> is the original registration date (00:00 China time), the instant from
/// which the unit reads as in the register; <c>ImportedAt</c> is when the import wrote it. <c>Flags</c>:
/// <c>land-link-missing</c> (a house on a provisional parcel), <c>area-differs-from-boundary</c>.
/// </summary>
public sealed record UnitImported(
    string UnitCode, string Office, UnitKind Kind, string Location, decimal Area, string Use, Geometry? Geometry,
    string? ParentUnitCode, DateTimeOffset EstablishedAt, LegacySource Source, string File, int Row, string LegacyId,
    string? OldCertificateNumber, string RowSha256, IReadOnlyList<string> Flags, DateTimeOffset ImportedAt, string ImportedBy);

/// <summary>Where an imported unit came from, kept on its page.</summary>
public sealed record Provenance(
    LegacySource Source, string File, int Row, string LegacyId, string? OldCertificateNumber, string RowSha256,
    IReadOnlyList<string> Flags, DateTimeOffset ImportedAt);

/// <summary>
/// The import's own sentences (the first registration and mortgage it writes from an old record) carry
/// <see cref="ApplicationIdPrefix"/> in their application id and take effect at their <c>RecordedAt</c>, the original date.
/// </summary>
public static class Imported
{
    public const string ApplicationIdPrefix = "legacy:";

    public static bool IsImport(string applicationId) => applicationId.StartsWith(ApplicationIdPrefix, StringComparison.Ordinal);
}
