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

/// <summary>
/// 转移登记: the right passes to new holders; the old certificate is superseded by a new one. Units passing together
/// (a house with its land share) are recorded in one transaction under one new certificate; <c>AlsoOn</c> names the others.
/// </summary>
public sealed record TransferRecorded(
    string ApplicationId, string Office, TransferReason Reason, decimal? Price, IReadOnlyList<Holder> From,
    CoOwnership CoOwnership, IReadOnlyList<Holder> To, string SupersededCertificateNumber, string CertificateNumber,
    DateTimeOffset RecordedAt, string RecordedBy, IReadOnlyList<string>? AlsoOn = null);

/// <summary>
/// 抵押权登记: ranks by its order of recording; a maximum-amount mortgage secures a ceiling. One mortgage over
/// several units is recorded on each of them in one transaction; <c>AlsoOn</c> names the others.
/// </summary>
public sealed record MortgageRecorded(
    string ApplicationId, string Office, string MortgageId, Mortgagee Mortgagee, decimal? Amount, decimal? MaximumAmount,
    Term Term, bool RestrictsTransfer, string ProofNumber, DateTimeOffset RecordedAt, string RecordedBy,
    IReadOnlyList<string>? AlsoOn = null);

/// <summary>抵押权注销登记.</summary>
public sealed record MortgageDischarged(
    string ApplicationId, string Office, string MortgageId, DateTimeOffset RecordedAt, string RecordedBy);

public enum AdvanceNoticeKind { PresalePurchase, Purchase, PresaleMortgage, Mortgage }

/// <summary>A party to an encumbrance as the register names them (objector, beneficiary).</summary>
public sealed record Party(string Name, string IdNumber);

/// <summary>
/// 查封登记, entrusted by a court. Queued (轮候) when another seizure is in force; it then takes effect by
/// itself when that one is released or ends. Its term runs from when it takes effect: <c>Term</c> gives
/// its length (to − from), three years when the court names none.
/// </summary>
public sealed record SeizureRecorded(
    string ApplicationId, string Office, string SeizureId, string Court, string CaseNumber, Term? Term,
    DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>解封: the court lifts its seizure (in force or still queued).</summary>
public sealed record SeizureReleased(
    string ApplicationId, string Office, string SeizureId, string CaseNumber, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>异议登记: lapses 15 days after recording unless a lawsuit is registered (Civil Code art. 220).</summary>
public sealed record ObjectionRecorded(
    string ApplicationId, string Office, string ObjectionId, Party Objector, string Reason, string ProofNumber,
    DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>The objector's lawsuit is registered within the 15 days: the objection stands until cancelled.</summary>
public sealed record ObjectionLawsuitRecorded(
    string ApplicationId, string Office, string ObjectionId, string Court, string CaseNumber, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record ObjectionCancelled(string ApplicationId, string Office, string ObjectionId, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>
/// 预告登记: disposal without the beneficiary's written consent is refused; it lapses 90 days after the
/// full registration became possible (<c>PossibleFrom</c>), or when that registration is recorded (art. 221).
/// </summary>
public sealed record AdvanceNoticeRecorded(
    string ApplicationId, string Office, string AdvanceNoticeId, AdvanceNoticeKind Kind, Party Beneficiary, DateOnly? PossibleFrom,
    string ProofNumber, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record AdvanceNoticeCancelled(string ApplicationId, string Office, string AdvanceNoticeId, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record HolderRename(string IdNumber, string NewName);

/// <summary>
/// 变更登记: the unit's description or a holder's name changes; the right itself does not move. On a registered unit
/// the certificate's content changed, so a new certificate replaces the old one.
/// </summary>
public sealed record ChangeRecorded(
    string ApplicationId, string Office, string? Location, string? Use, decimal? Area, HolderRename? HolderRename,
    DateTimeOffset RecordedAt, string RecordedBy, string? CertificateNumber = null, string? SupersededCertificateNumber = null);

public enum CancellationReason { Destroyed, Abandoned, Expired }

/// <summary>注销登记: the unit is destroyed, or its right abandoned or expired; afterwards only corrections.</summary>
public sealed record UnitCancelled(string ApplicationId, string Office, CancellationReason Reason, DateTimeOffset RecordedAt, string RecordedBy);

public enum CorrectionBasis { HolderConsent, ExOfficio, Court }

/// <summary>The corrected values; only those given change. Holders are replaced as a whole list.</summary>
public sealed record Corrected(string? Location, string? Use, decimal? Area, string? RightType, IReadOnlyList<Holder>? Holders);

/// <summary>
/// 更正登记: a mistake in the register is fixed by a new entry pointing at the version it corrects;
/// the original entry stays in the history, the view shows the corrected value. On a registered unit a new
/// certificate replaces the one that printed the mistake.
/// </summary>
public sealed record CorrectionRecorded(
    string ApplicationId, string Office, int CorrectsVersion, CorrectionBasis Basis, Corrected Corrected, DateTimeOffset RecordedAt, string RecordedBy,
    string? CertificateNumber = null, string? SupersededCertificateNumber = null);

/// <summary>地役权登记 on the servient unit: it bears the easement for the benefit of the dominant unit.</summary>
public sealed record EasementRecorded(
    string ApplicationId, string Office, string EasementId, string DominantUnitCode, string Purpose, Term? Term, string ProofNumber,
    DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>The same easement noted on the dominant unit's page, in the same transaction.</summary>
public sealed record EasementNoted(
    string ApplicationId, string Office, string EasementId, string ServientUnitCode, string Purpose, Term? Term, string ProofNumber,
    DateTimeOffset RecordedAt, string RecordedBy);

// Lapses written into the history when they fall due. The views never wait for them: an objection
// reads as lapsed from the instant it lapses; these sentences only tell the story afterwards.

/// <summary>The objection lapsed: no lawsuit was registered within 15 days.</summary>
public sealed record ObjectionLapsed(string Office, string ObjectionId, DateTimeOffset LapsedAt, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>The advance notice lapsed 90 days after the full registration became possible.</summary>
public sealed record AdvanceNoticeLapsed(string Office, string AdvanceNoticeId, DateTimeOffset LapsedAt, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>The seizure's term ran out without release; a queued seizure, if any, took effect at that instant.</summary>
public sealed record SeizureEnded(string Office, string SeizureId, DateTimeOffset EndedAt, DateTimeOffset RecordedAt, string RecordedBy);

// Split and merge (分割/合并): the parcel fabric changes; each new unit is a new stream whose first sentence
// names its parents and carries what the law carries over; each parent is closed (only corrections).

/// <summary>
/// 分割: the unit is divided into parts that tile it; each part is a new unit (<see cref="UnitDerived"/>). A registered
/// unit's certificate is superseded by one certificate per part (in the order of <c>Parts</c>).
/// </summary>
public sealed record UnitSplit(
    string ApplicationId, string Office, IReadOnlyList<string> Parts, string? SupersededCertificateNumber,
    IReadOnlyList<string>? CertificateNumbers, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>合并: the unit and the others named in <c>With</c> become one new unit <c>Into</c>; the same sentence is on each of them.</summary>
public sealed record UnitMerged(
    string ApplicationId, string Office, string Into, IReadOnlyList<string> With, string? SupersededCertificateNumber,
    string? CertificateNumber, DateTimeOffset RecordedAt, string RecordedBy);

/// <summary>What a new unit takes over from its parents: the right (under a new certificate) and the encumbrances in force.</summary>
public sealed record CarriedOver(
    Ownership? Ownership, IReadOnlyList<Mortgage> Mortgages, IReadOnlyList<Objection> Objections,
    IReadOnlyList<AdvanceNotice> AdvanceNotices, IReadOnlyList<Easement> Easements);

/// <summary>The first sentence of a unit born of a split or a merge: its survey, its parents, and the page carried over from them.</summary>
public sealed record UnitDerived(
    string ApplicationId, string UnitCode, string Office, UnitKind Kind, string Location, decimal Area, string Use, Geometry Geometry,
    IReadOnlyList<string> Parents, CarriedOver Carried, DateTimeOffset RecordedAt, string RecordedBy);
