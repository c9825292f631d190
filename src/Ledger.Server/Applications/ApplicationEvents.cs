namespace Ledger.Applications;

// An application's file (业务): everything before 登簿 lives here, never on the unit (DOMAIN.md "Procedure").
// A public contract like the unit's events: never change one in place.

public enum ApplicationType
{
    FirstRegistration, Transfer, Mortgage, MortgageDischarge, Seizure, SeizureRelease, Objection, ObjectionLawsuit,
    ObjectionCancellation, AdvanceNotice, AdvanceNoticeCancellation, Change, Cancellation, Correction, Easement, Split, Merge,
}

public enum ReviewDecision { Approve, Reject }

public sealed record Applicant(string Name, string IdNumber);

/// <summary>受理: the application is taken in; its acceptance fixes its priority on the unit and on every other unit it writes on (<c>AlsoOn</c>).</summary>
public sealed record ApplicationAccepted(
    string ApplicationId, string Number, string Office, ApplicationType Type, string UnitCode,
    IReadOnlyList<Applicant> Applicants, ApplicationDetails Details, DateTimeOffset AcceptedAt, string AcceptedBy, string AcceptedBySub,
    IReadOnlyList<string>? AlsoOn = null);

/// <summary>审核: a reviewer other than the accepting clerk approves or rejects, with an opinion.</summary>
public sealed record ApplicationReviewed(
    string ApplicationId, ReviewDecision Decision, string Opinion, DateTimeOffset ReviewedAt, string ReviewedBy);

/// <summary>登簿 happened on the unit; the file notes the unit version and the number issued (every number, when a split issues several).</summary>
public sealed record ApplicationRecorded(
    string ApplicationId, string UnitCode, long UnitVersion, string? CertificateNumber, string? ProofNumber,
    DateTimeOffset RecordedAt, string RecordedBy, IReadOnlyList<string>? CertificateNumbers = null);

/// <summary>撤回: withdrawn before recording; it stops blocking later applications.</summary>
public sealed record ApplicationWithdrawn(string ApplicationId, string Reason, DateTimeOffset WithdrawnAt, string WithdrawnBy);
