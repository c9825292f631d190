using System.Text.Json.Serialization;
using Ledger.Applications.Kinds;
using Ledger.Numbers;
using Ledger.Units;

namespace Ledger.Applications;

/// <summary>A rule of the register said no: the stable code of the contract and a sentence a clerk understands.</summary>
public sealed record Refusal(string Code, string Detail);

/// <summary>A closed unit (cancelled, split or merged) takes no registration but a correction.</summary>
public static class ClosedUnit
{
    public static Refusal? Refusal(Unit unit) => unit.Status switch
    {
        UnitStatus.Cancelled => new Refusal("unit-cancelled", $"Unit {unit.Id} is cancelled; only corrections may be recorded against it."),
        UnitStatus.Split or UnitStatus.Merged => new Refusal("unit-closed",
            $"Unit {unit.Id} was {(unit.Status == UnitStatus.Split ? "split" : "merged")} into {string.Join(", ", unit.SucceededBy)}; register on "
            + $"{(unit.SucceededBy.Length == 1 ? "that unit" : "those units")}. Only corrections may be recorded against it."),
        _ => null,
    };
}

/// <summary>Who records, when, and under which number: everything a recording writes besides the decision.</summary>
/// <remarks><c>Number</c> is the first number issued; <c>Numbers</c> all of them when a recording issues several (a split: one certificate per part).</remarks>
public sealed record RegisterEntry(string ApplicationId, string Office, DateTimeOffset At, string By, string? Number, IReadOnlyList<string>? Numbers = null);

/// <summary>
/// What one kind of registration asks of the register: its own rules on the unit as it stands, the
/// number series it issues from, and the sentences it writes on the unit's page when recorded.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FirstRegistrationDetails), "first-registration")]
[JsonDerivedType(typeof(TransferDetails), "transfer")]
[JsonDerivedType(typeof(MortgageDetails), "mortgage")]
[JsonDerivedType(typeof(MortgageDischargeDetails), "mortgage-discharge")]
[JsonDerivedType(typeof(SeizureDetails), "seizure")]
[JsonDerivedType(typeof(SeizureReleaseDetails), "seizure-release")]
[JsonDerivedType(typeof(ObjectionDetails), "objection")]
[JsonDerivedType(typeof(ObjectionLawsuitDetails), "objection-lawsuit")]
[JsonDerivedType(typeof(ObjectionCancellationDetails), "objection-cancellation")]
[JsonDerivedType(typeof(AdvanceNoticeDetails), "advance-notice")]
[JsonDerivedType(typeof(AdvanceNoticeCancellationDetails), "advance-notice-cancellation")]
[JsonDerivedType(typeof(ChangeDetails), "change")]
[JsonDerivedType(typeof(CancellationDetails), "cancellation")]
[JsonDerivedType(typeof(CorrectionDetails), "correction")]
[JsonDerivedType(typeof(EasementDetails), "easement")]
[JsonDerivedType(typeof(SplitDetails), "split")]
[JsonDerivedType(typeof(MergeDetails), "merge")]
public abstract record ApplicationDetails
{
    public abstract Series? IssuesFrom(Unit unit);

    /// <summary>How many numbers of <see cref="IssuesFrom"/> the recording issues: one, or one per new unit of a split.</summary>
    public virtual int NumbersIssued(Unit unit) => IssuesFrom(unit) is null ? 0 : 1;

    /// <summary>Rules that hold at the counter already, on the unit as it stands when the application is taken in (422 when broken).</summary>
    public virtual Refusal? CheckAtCounter(Unit unit) => null;

    public abstract Refusal? Check(Application application, Unit unit, DateTimeOffset now);

    public abstract IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording);

    /// <summary>Other units this registration writes on, in the same transaction as the application's own unit.</summary>
    public virtual IReadOnlyList<string> OtherUnits(Unit unit) => [];

    /// <summary>Rules on the other units as they stand; a missing unit is null.</summary>
    public virtual Refusal? CheckOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, DateTimeOffset now) => null;

    /// <summary>The sentences written on the other units' pages; a null unit is one the registration creates.</summary>
    public virtual IEnumerable<(string UnitCode, object Event)> RecordOnOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording) => [];
}
