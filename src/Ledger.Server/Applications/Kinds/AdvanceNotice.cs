using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;

namespace Ledger.Applications.Kinds;

/// <summary>预告登记 (presale purchase, purchase, presale mortgage, mortgage): secures a future registration.</summary>
public sealed record AdvanceNoticeDetails(AdvanceNoticeKind Kind, Party Beneficiary, DateOnly? PossibleFrom) : ApplicationDetails
{
    sealed record Form(AdvanceNoticeKind? Kind, PartyForm? Beneficiary, DateOnly? PossibleFrom);

    public static AdvanceNoticeDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (f.Kind is null) form.Fail("details.kind", "kind is presale-purchase, purchase, presale-mortgage or mortgage.");
        var beneficiary = form.Party("details.beneficiary", f.Beneficiary);
        return form.Errors.Count > 0 ? null : new AdvanceNoticeDetails(f.Kind!.Value, beneficiary!, f.PossibleFrom);
    }

    public override Series? IssuesFrom(Unit unit) => Series.Proof;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) => null;

    public static string AdvanceNoticeIdFor(Application application) => $"A{application.Number}";

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new AdvanceNoticeRecorded(recording.ApplicationId, recording.Office, AdvanceNoticeIdFor(application), Kind, Beneficiary, PossibleFrom,
            recording.Number!, recording.At, recording.By);
    }
}

/// <summary>注销预告登记.</summary>
public sealed record AdvanceNoticeCancellationDetails(string AdvanceNoticeId) : ApplicationDetails
{
    sealed record Form(string? AdvanceNoticeId);

    public static AdvanceNoticeCancellationDetails? Read(JsonElement details, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var id = form.Text("details.advanceNoticeId", f.AdvanceNoticeId, "advanceNoticeId");
        return form.Errors.Count > 0 ? null : new AdvanceNoticeCancellationDetails(id);
    }

    public override Series? IssuesFrom(Unit unit) => null;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now) =>
        EncumbrancesAt.AdvanceNotices(unit, now).Any(n => n.AdvanceNoticeId == AdvanceNoticeId)
            ? null
            : new Refusal("advance-notice-not-in-force", $"No advance notice {AdvanceNoticeId} is in force on unit {unit.Id}.");

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new AdvanceNoticeCancelled(recording.ApplicationId, recording.Office, AdvanceNoticeId, recording.At, recording.By);
    }
}
