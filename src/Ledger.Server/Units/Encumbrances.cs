namespace Ledger.Units;

// What burdens a unit, as recorded. Whether each is in force is not stored: it depends on the instant
// asked about (terms run out, objections lapse), so EncumbrancesAt evaluates it for any instant.

public sealed record Seizure(
    string SeizureId, string Court, string CaseNumber, Term? Term, DateTimeOffset RecordedAt, DateTimeOffset? ReleasedAt = null, bool EndRecorded = false);

public sealed record Lawsuit(string Court, string CaseNumber, DateTimeOffset RecordedAt);

public sealed record Objection(
    string ObjectionId, Party Objector, string Reason, string ProofNumber, DateTimeOffset RecordedAt,
    Lawsuit? Lawsuit = null, DateTimeOffset? CancelledAt = null, bool LapseRecorded = false)
{
    public static readonly TimeSpan LapsesAfter = TimeSpan.FromDays(15);

    /// <summary>When it lapses by itself; never once a lawsuit is registered.</summary>
    public DateTimeOffset? LapsesAt => Lawsuit is null ? RecordedAt + LapsesAfter : null;

    public bool InForceAt(DateTimeOffset instant) =>
        RecordedAt <= instant && !(CancelledAt <= instant) && (Lawsuit is { } l && l.RecordedAt <= instant || instant < RecordedAt + LapsesAfter);
}

public sealed record AdvanceNotice(
    string AdvanceNoticeId, AdvanceNoticeKind Kind, Party Beneficiary, DateOnly? PossibleFrom, string ProofNumber,
    DateTimeOffset RecordedAt, DateTimeOffset? EndedAt = null, bool LapseRecorded = false)
{
    public const int LapseDays = 90;

    /// <summary>Midnight (+08:00) at the end of the 90th day after the full registration became possible.</summary>
    public DateTimeOffset? LapsesAt => PossibleFrom is { } from
        ? new DateTimeOffset(from.AddDays(LapseDays).ToDateTime(TimeOnly.MinValue), Hosting.RegistryTime.Offset)
        : null;

    public bool InForceAt(DateTimeOffset instant) =>
        RecordedAt <= instant && !(EndedAt <= instant) && !(LapsesAt <= instant);

    public bool IsFulfilledBy(IEnumerable<string> idNumbers) => idNumbers.Contains(Beneficiary.IdNumber, StringComparer.Ordinal);
}

public enum EasementSide { Servient, Dominant }

public sealed record Easement(
    string EasementId, EasementSide Side, string OtherUnitCode, string Purpose, Term? Term, string ProofNumber, DateTimeOffset RecordedAt)
{
    /// <summary>In force from recording to the end of its term's last day (+08:00); without a term, until cancelled.</summary>
    public bool InForceAt(DateTimeOffset instant) =>
        RecordedAt <= instant
        && !(Term is { } t && new DateTimeOffset(t.To.AddDays(1).ToDateTime(TimeOnly.MinValue), Hosting.RegistryTime.Offset) <= instant);
}

public enum SeizureState { InForce, Queued }

/// <summary>When a seizure takes effect and ends, given the releases recorded so far.</summary>
public sealed record SeizurePeriod(Seizure Seizure, DateTimeOffset Start, DateTimeOffset End, DateTimeOffset TermEnd);

/// <summary>A seizure as it stands at an instant: in force with its running term, or queued behind another.</summary>
public sealed record SeizureAt(Seizure Seizure, SeizureState State, DateTimeOffset? TakesEffectAt, DateTimeOffset? EndsAt);

public static class EncumbrancesAt
{
    static readonly TimeSpan Day = TimeSpan.FromDays(1);

    /// <summary>
    /// The court queue (轮候查封) as recorded by <paramref name="instant"/>: seizures in recording order; each takes
    /// effect when it is recorded or when the one before it ends (released or term run out), whichever is later,
    /// and runs its term from then. One released while still queued never takes effect and is left out.
    /// </summary>
    public static IReadOnlyList<SeizurePeriod> Timeline(Unit unit, DateTimeOffset instant)
    {
        var periods = new List<SeizurePeriod>();
        DateTimeOffset? previousEnd = null;
        foreach (var s in unit.Seizures.Where(s => s.RecordedAt <= instant).OrderBy(s => s.RecordedAt))
        {
            var start = previousEnd is { } p && p > s.RecordedAt ? p : s.RecordedAt;
            if (s.ReleasedAt is { } released && released <= start) continue;
            var termEnd = s.Term is { } t ? start + (t.To.ToDateTime(TimeOnly.MinValue) - t.From.ToDateTime(TimeOnly.MinValue)) + Day : start.AddYears(3);
            var end = s.ReleasedAt is { } r && r < termEnd ? r : termEnd;
            periods.Add(new SeizurePeriod(s, start, end, termEnd));
            previousEnd = end;
        }
        return periods;
    }

    public static IReadOnlyList<SeizureAt> Seizures(Unit unit, DateTimeOffset instant) =>
    [
        .. Timeline(unit, instant).Where(p => instant < p.End).Select(p => instant < p.Start
            ? new SeizureAt(p.Seizure, SeizureState.Queued, null, null)
            : new SeizureAt(p.Seizure, SeizureState.InForce, p.Start, p.TermEnd)),
    ];

    public static bool IsSeized(Unit unit, DateTimeOffset instant) => Seizures(unit, instant).Any(s => s.State == SeizureState.InForce);

    public static IReadOnlyList<Objection> Objections(Unit unit, DateTimeOffset instant) => [.. unit.Objections.Where(o => o.InForceAt(instant))];

    public static IReadOnlyList<Easement> Easements(Unit unit, DateTimeOffset instant) => [.. unit.Easements.Where(e => e.InForceAt(instant))];

    public static IReadOnlyList<AdvanceNotice> AdvanceNotices(Unit unit, DateTimeOffset instant) => [.. unit.AdvanceNotices.Where(a => a.InForceAt(instant))];
}
