using Ledger.Legacy.Normalising;
using Ledger.Units;
using NetTopologySuite.Geometries;

namespace Ledger.Legacy.Importing;

/// <summary>A reason a row is not imported: a stable code (specs/rules.md "Legacy import"), the column, and the clerk's sentence.</summary>
public sealed record RowProblem(string Code, string? Column, string Message);

/// <summary>
/// A legacy row read and normalised: everything the import writes, nothing read twice. <c>Key</c> is what makes two rows
/// the same record (the old certificate number); <c>Ownership</c> and <c>RightKind</c> are the unit code's characters 13-14.
/// </summary>
public sealed record LegacyRecord(
    LegacySource Source, int Line, string LegacyId, string RowSha256, string CertificateNumber,
    string Location, decimal Area, string Use, Geometry? Geometry, string RightType, char Ownership, char RightKind,
    CoOwnership CoOwnership, IReadOnlyList<LegacyHolder> Holders, Term? Term, DateOnly RegisteredOn,
    string? GivenUnitCode = null, string? ParcelNumber = null, string? ProjectName = null,
    string? LandCertificateNumber = null, int Building = 0, string? Room = null, string? Floor = null,
    LegacyMortgage? Mortgage = null, string? Remarks = null)
{
    public string Key => CertificateNumber;
}
