using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

/// <summary>首次登记: the first right recorded in an established unit.</summary>
public sealed record FirstRegistrationDetails(string RightType, CoOwnership CoOwnership, IReadOnlyList<Holder> Holders, Term? Term)
    : ApplicationDetails
{
    sealed record Form(string? RightType, CoOwnership? CoOwnership, IReadOnlyList<HolderForm>? Holders, TermForm? Term);

    public static FirstRegistrationDetails? Read(JsonElement details, UnitCode unit, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        if (!Values.RightType.TryParse(f.RightType, out var rightType))
            form.Fail("details.rightType", "rightType is the national QLLX code, e.g. \"3\" or \"4\".");
        else if (rightType!.MisfitWith(unit) is { } misfit)
            form.Fail("details.rightType", misfit);
        if (f.CoOwnership is null) form.Fail("details.coOwnership", "coOwnership is sole, joint or shares.");
        var holders = form.Holders("details.holders", f.Holders, f.CoOwnership);
        var term = form.Term("details.term", f.Term, required: false);
        return form.Errors.Count > 0 ? null : new FirstRegistrationDetails(rightType!.Code, f.CoOwnership!.Value, holders, term);
    }

    public override Series? IssuesFrom(Unit unit) =>
        Values.RightType.TryParse(RightType, out var type) && type!.IsOwnershipKind ? Series.Certificate : Series.Proof;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        if (unit.Status != UnitStatus.Established)
            return new Refusal("unit-already-registered", $"Unit {unit.Id} already has its first registration; use a transfer or change.");
        if (CoOwnership == CoOwnership.Shares && !Share.SumsToOne(Holders.Select(h => Share.Parse(h.Share!))))
            return new Refusal("shares-do-not-sum-to-one", "The holders' shares must add up to exactly 1.");
        return null;
    }

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new FirstRegistrationRecorded(recording.ApplicationId, recording.Office, RightType, CoOwnership, Holders, Term, recording.Number!, recording.At, recording.By);
    }
}
