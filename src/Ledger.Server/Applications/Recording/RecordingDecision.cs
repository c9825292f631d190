using Ledger.Units;

namespace Ledger.Applications.Recording;

/// <summary>
/// 登簿, decided without the database: may this application be recorded on the unit as it stands now,
/// and if so which sentences does it write. The endpoint only loads, issues the number and appends.
/// </summary>
public static class RecordingDecision
{
    /// <param name="earlier">Applications on the same unit still pending, whatever their order.</param>
    /// <param name="others">The other units the registration writes on (<see cref="ApplicationDetails.OtherUnits"/>); null when missing.</param>
    public static Refusal? Check(Application application, Unit unit, IEnumerable<Application> earlier, DateTimeOffset now,
        IReadOnlyDictionary<string, Unit?>? others = null)
    {
        switch (application.Status)
        {
            case ApplicationStatus.Recorded:
                return new Refusal("already-recorded", $"Application {application.Number} was recorded at {application.RecordedAt:O}.");
            case ApplicationStatus.Accepted or ApplicationStatus.Rejected or ApplicationStatus.Withdrawn:
                return new Refusal("not-approved", $"Application {application.Number} is {application.Status.ToString().ToLowerInvariant()}; only an approved application is recorded.");
        }
        if (application.Details is not Kinds.CorrectionDetails && ClosedUnit.Refusal(unit) is { } closed) return closed;
        // First accepted, first recorded: an earlier application on the unit still holds its place.
        if (earlier.Where(e => e.Id != application.Id && e.IsPending && e.IsAheadOf(application)).MinBy(e => e.AcceptedAt) is { } ahead)
            return new Refusal("earlier-application-pending",
                $"Application {ahead.Number}, accepted earlier on unit {ahead.UnitCode}, must be recorded, rejected or withdrawn first.");
        return application.Details.Check(application, unit, now)
               ?? application.Details.CheckOthers(application, unit, others ?? application.Details.OtherUnits(unit).ToDictionary(c => c, Unit? (_) => null), now);
    }

    public static IReadOnlyList<object> Events(Application application, Unit unit, RegisterEntry recording) =>
        [.. application.Details.Record(application, unit, recording)];

    public static IReadOnlyList<(string UnitCode, object Event)> EventsOnOthers(
        Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording) =>
        [.. application.Details.RecordOnOthers(application, unit, others, recording)];
}
