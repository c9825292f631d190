namespace Ledger.Applications;

public enum ApplicationStatus { Accepted, Approved, Rejected, Recorded, Withdrawn }

public sealed record Review(ReviewDecision Decision, string Opinion, DateTimeOffset ReviewedAt, string ReviewedBy);

/// <summary>An application's file, folded from its own stream and kept inline for the day list.</summary>
public sealed record Application
{
    public required string Id { get; init; }
    public int Version { get; init; }
    public required string Number { get; init; }
    public required string Office { get; init; }
    public ApplicationType Type { get; init; }
    public required string UnitCode { get; init; }
    /// <summary>Every unit whose queue the application holds a place in: its own, then the others it writes on.</summary>
    public IReadOnlyList<string> Queues { get; init; } = [];
    public IReadOnlyList<Applicant> Applicants { get; init; } = [];
    public required ApplicationDetails Details { get; init; }
    public ApplicationStatus Status { get; init; }
    public DateTimeOffset AcceptedAt { get; init; }
    public required string AcceptedBy { get; init; }
    public required string AcceptedBySub { get; init; }
    public Review? Review { get; init; }
    public DateTimeOffset? RecordedAt { get; init; }
    public string? RecordedBy { get; init; }
    public long? UnitVersion { get; init; }
    public string? CertificateNumber { get; init; }
    public IReadOnlyList<string>? CertificateNumbers { get; init; }
    public string? ProofNumber { get; init; }
    public DateTimeOffset? WithdrawnAt { get; init; }

    /// <summary>Still holding its place in the unit's queue: accepted or approved, not yet recorded.</summary>
    public bool IsPending { get; init; }

    public static Application Create(ApplicationAccepted e) => new()
    {
        Id = e.ApplicationId, Number = e.Number, Office = e.Office, Type = e.Type, UnitCode = e.UnitCode, Queues = [e.UnitCode, .. e.AlsoOn ?? []],
        Applicants = e.Applicants, Details = e.Details, Status = ApplicationStatus.Accepted, AcceptedAt = e.AcceptedAt,
        AcceptedBy = e.AcceptedBy, AcceptedBySub = e.AcceptedBySub, IsPending = true,
    };

    public Application Apply(ApplicationReviewed e) => this with
    {
        Review = new Review(e.Decision, e.Opinion, e.ReviewedAt, e.ReviewedBy),
        Status = e.Decision == ReviewDecision.Approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected,
        IsPending = e.Decision == ReviewDecision.Approve,
    };

    public Application Apply(ApplicationRecorded e) => this with
    {
        Status = ApplicationStatus.Recorded, IsPending = false, RecordedAt = e.RecordedAt, RecordedBy = e.RecordedBy,
        UnitVersion = e.UnitVersion, CertificateNumber = e.CertificateNumber, CertificateNumbers = e.CertificateNumbers, ProofNumber = e.ProofNumber,
    };

    public Application Apply(ApplicationWithdrawn e) => this with
    {
        Status = ApplicationStatus.Withdrawn, IsPending = false, WithdrawnAt = e.WithdrawnAt,
    };

    /// <summary>Whether the application held a place in the unit's queue at <paramref name="instant"/>.</summary>
    public bool WasPendingAt(DateTimeOffset instant) =>
        AcceptedAt <= instant
        && !(RecordedAt <= instant)
        && !(WithdrawnAt <= instant)
        && !(Review is { Decision: ReviewDecision.Reject } r && r.ReviewedAt <= instant);

    /// <summary>First accepted, first recorded (DOMAIN.md): acceptance instant, then the office's number order.</summary>
    public bool IsAheadOf(Application other) =>
        AcceptedAt < other.AcceptedAt || (AcceptedAt == other.AcceptedAt && string.CompareOrdinal(Number, other.Number) < 0);
}
