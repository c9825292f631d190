using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;

namespace Ledger.Applications.Kinds;

/// <summary>查封登记, entrusted by a court with its case number; queued behind a seizure in force (轮候查封).</summary>
public sealed record SeizureDetails(string Court, string CaseNumber, Term? Term) : ApplicationDetails
{
    sealed record Form(string? Court, string? CaseNumber, TermForm? Term);

    public static SeizureDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var court = form.Text("details.court", f.Court, "the court entrusting the seizure");
        var caseNumber = form.Text("details.caseNumber", f.CaseNumber, "the court's case number");
        var term = form.Term("details.term", f.Term, required: false);
        return form.Errors.Count > 0 ? null : new SeizureDetails(court, caseNumber, term);
    }

    public override Series? IssuesFrom(Unit unit) => null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) =>
        unit.Seizures.Any(s => s.CaseNumber == CaseNumber && s.ReleasedAt is null && s.Court == Court)
            ? new Refusal("seizure-exists", $"{Court} already seized unit {unit.Id} in case {CaseNumber}.")
            : null;

    public static string SeizureIdFor(Application application) => $"S{application.Number}";

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new SeizureRecorded(recording.ApplicationId, recording.Office, SeizureIdFor(application), Court, CaseNumber, Term, recording.At, recording.By);
    }
}

/// <summary>解封: the court that seized lifts it, naming its case.</summary>
public sealed record SeizureReleaseDetails(string SeizureId, string CaseNumber) : ApplicationDetails
{
    sealed record Form(string? SeizureId, string? CaseNumber);

    public static SeizureReleaseDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var id = form.Text("details.seizureId", f.SeizureId, "seizureId");
        var caseNumber = form.Text("details.caseNumber", f.CaseNumber, "the court's case number");
        return form.Errors.Count > 0 ? null : new SeizureReleaseDetails(id, caseNumber);
    }

    public override Series? IssuesFrom(Unit unit) => null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        var standing = EncumbrancesAt.Seizures(unit, now).FirstOrDefault(s => s.Seizure.SeizureId == SeizureId);
        if (standing is null)
            return new Refusal("seizure-not-in-force", $"No seizure {SeizureId} is in force or queued on unit {unit.Id}.");
        return standing.Seizure.CaseNumber == CaseNumber
            ? null
            : new Refusal("case-number-mismatch", $"Seizure {SeizureId} was entrusted in case {standing.Seizure.CaseNumber}, not {CaseNumber}.");
    }

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new SeizureReleased(recording.ApplicationId, recording.Office, SeizureId, CaseNumber, recording.At, recording.By);
    }
}
