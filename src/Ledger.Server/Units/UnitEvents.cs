using Ledger.Values;
using NetTopologySuite.Geometries;

namespace Ledger.Units;

// The sentences of a unit's register page, in the order the law writes them. A public contract:
// never change one in place; add a new event or an upcaster (their JSON is pinned by contract tests).

public enum CoOwnership { Sole, Joint, Shares }

public enum TransferReason { Sale, Gift, Inheritance, Exchange, CourtOrder }

/// <summary>A rights holder as the register names them; <c>Share</c> only for co-ownership by shares.</summary>
public sealed record Holder(string Name, string IdNumber, string? Share = null);

public sealed record Term(DateOnly From, DateOnly To);

public sealed record Mortgagee(string Name, string Code);

/// <summary>The unit enters the register from its cadastral survey (地籍调查); no right yet.</summary>
public sealed record UnitEstablished(
    string UnitCode, string Office, UnitKind Kind, string Location, decimal Area, string Use,
    Geometry? Geometry, string? ParentUnitCode, DateTimeOffset EstablishedAt, string EstablishedBy);

/// <summary>首次登记: the first right in the unit, with the certificate it issues.</summary>
public sealed record FirstRegistrationRecorded(
    string ApplicationId, string Office, string RightType, CoOwnership CoOwnership, IReadOnlyList<Holder> Holders,
    Term? Term, string CertificateNumber, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>转移登记: the right passes to new holders; the old certificate is superseded by a new one.</summary>
public sealed record TransferRecorded(
    string ApplicationId, string Office, TransferReason Reason, decimal? Price, IReadOnlyList<Holder> From,
    CoOwnership CoOwnership, IReadOnlyList<Holder> To, string SupersededCertificateNumber, string CertificateNumber,
    DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>抵押权登记: ranks by its order of recording; a maximum-amount mortgage secures a ceiling.</summary>
public sealed record MortgageRecorded(
    string ApplicationId, string Office, string MortgageId, Mortgagee Mortgagee, decimal? Amount, decimal? MaximumAmount,
    Term Term, bool RestrictsTransfer, string ProofNumber, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>抵押权注销登记.</summary>
public sealed record MortgageDischarged(
    string ApplicationId, string Office, string MortgageId, DateTimeOffset RecordedAt, string RecordedBy);
