using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

/// <summary>
/// 地役权登记: recorded on the servient unit (the application's) and noted on the dominant unit, in one
/// transaction or not at all. Both units are of the same office.
/// </summary>
public sealed record EasementDetails(string DominantUnitCode, string Purpose, Term? Term) : ApplicationDetails
{
    sealed record Form(string? DominantUnitCode, string? Purpose, TermForm? Term);

    public static EasementDetails? Read(JsonElement details, UnitCode servient, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (!UnitCode.TryParse(f.DominantUnitCode, out var dominant, out var error)) form.Fail("details.dominantUnitCode", error!);
        else if (dominant!.Value == servient.Value) form.Fail("details.dominantUnitCode", "the dominant unit is another unit than the servient one.");
        else if (dominant.County != servient.County) form.Fail("details.dominantUnitCode", "the dominant unit must be registered in the same office.");
        var purpose = form.Text("details.purpose", f.Purpose, "the easement's purpose (e.g. 通行, 采光)");
        var term = form.Term("details.term", f.Term, required: false);
        return form.Errors.Count > 0 ? null : new EasementDetails(dominant!.Value, purpose, term);
    }

    public override Series? IssuesFrom(Unit unit) => Series.Proof;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        if (unit.Status != UnitStatus.Registered) return new Refusal("unit-not-registered", $"Unit {unit.Id} has no registered right to burden.");
        return Consent.MissingHolders(application, unit) is { } missing
            ? new Refusal("not-current-holder", $"The servient unit's holders grant an easement; {missing} is not among the applicants.")
            : null;
    }

    public override IReadOnlyList<string> OtherUnits(Unit unit) => [DominantUnitCode];

    public override Refusal? CheckOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, DateTimeOffset now) =>
        others[DominantUnitCode] switch
        {
            null => new Refusal("dominant-unit-not-found", $"The register holds no dominant unit {DominantUnitCode}."),
            { } dominant => ClosedUnit.Refusal(dominant) is { } closed ? closed with { Detail = $"The dominant unit: {closed.Detail}" } : null,
        };

    public static string EasementIdFor(Application application) => $"E{application.Number}";

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new EasementRecorded(recording.ApplicationId, recording.Office, EasementIdFor(application), DominantUnitCode, Purpose, Term,
            recording.Number!, recording.At, recording.By);
    }

    public override IEnumerable<(string UnitCode, object Event)> RecordOnOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording)
    {
        yield return (DominantUnitCode, new EasementNoted(recording.ApplicationId, recording.Office, EasementIdFor(application), unit.Id, Purpose, Term,
            recording.Number!, recording.At, recording.By));
    }
}
