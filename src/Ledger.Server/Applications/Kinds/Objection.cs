using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;

namespace Ledger.Applications.Kinds;

/// <summary>异议登记: an interested party disputes the register; it lapses in 15 days without a lawsuit.</summary>
public sealed record ObjectionDetails(Party Objector, string Reason) : ApplicationDetails
{
    sealed record Form(PartyForm? Objector, string? Reason);

    public static ObjectionDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var objector = form.Party("details.objector", f.Objector);
        var reason = form.Text("details.reason", f.Reason, "the reason the register is disputed");
        return form.Errors.Count > 0 ? null : new ObjectionDetails(objector!, reason);
    }

    public override Series? IssuesFrom(Unit unit) => Series.Proof;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) =>
        unit.Status == UnitStatus.Registered ? null : new Refusal("unit-not-registered", $"Unit {unit.Id} has no registered right to dispute.");

    public static string ObjectionIdFor(Application application) => $"O{application.Number}";

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new ObjectionRecorded(recording.ApplicationId, recording.Office, ObjectionIdFor(application), Objector, Reason, recording.Number!, recording.At, recording.By);
    }

    /// <summary>The objection named by an application, if it is in force at <paramref name="now"/>.</summary>
    internal static Refusal? InForce(Unit unit, string objectionId, DateTimeOffset now) =>
        unit.Objections.FirstOrDefault(o => o.ObjectionId == objectionId) is { } objection && objection.InForceAt(now)
            ? null
            : new Refusal("objection-not-in-force", $"No objection {objectionId} is in force on unit {unit.Id} (cancelled, lapsed, or never recorded).");
}

/// <summary>The objector's lawsuit, registered within the 15 days, keeps the objection in force.</summary>
public sealed record ObjectionLawsuitDetails(string ObjectionId, string Court, string CaseNumber) : ApplicationDetails
{
    sealed record Form(string? ObjectionId, string? Court, string? CaseNumber);

    public static ObjectionLawsuitDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var id = form.Text("details.objectionId", f.ObjectionId, "objectionId");
        var court = form.Text("details.court", f.Court, "the court");
        var caseNumber = form.Text("details.caseNumber", f.CaseNumber, "the case number");
        return form.Errors.Count > 0 ? null : new ObjectionLawsuitDetails(id, court, caseNumber);
    }

    public override Series? IssuesFrom(Unit unit) => null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) =>
        ObjectionDetails.InForce(unit, ObjectionId, now)
        ?? (unit.Objections.First(o => o.ObjectionId == ObjectionId).Lawsuit is not null
            ? new Refusal("lawsuit-already-registered", $"A lawsuit is already registered for objection {ObjectionId}.")
            : null);

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new ObjectionLawsuitRecorded(recording.ApplicationId, recording.Office, ObjectionId, Court, CaseNumber, recording.At, recording.By);
    }
}

/// <summary>注销异议登记.</summary>
public sealed record ObjectionCancellationDetails(string ObjectionId) : ApplicationDetails
{
    sealed record Form(string? ObjectionId);

    public static ObjectionCancellationDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var id = form.Text("details.objectionId", f.ObjectionId, "objectionId");
        return form.Errors.Count > 0 ? null : new ObjectionCancellationDetails(id);
    }

    public override Series? IssuesFrom(Unit unit) => null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) => ObjectionDetails.InForce(unit, ObjectionId, now);

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new ObjectionCancelled(recording.ApplicationId, recording.Office, ObjectionId, recording.At, recording.By);
    }
}
