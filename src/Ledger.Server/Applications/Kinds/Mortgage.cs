using System.Text.Json;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

/// <summary>抵押权登记: an ordinary mortgage secures an amount, a maximum-amount mortgage (最高额抵押) a ceiling.</summary>
public sealed record MortgageDetails(
    Mortgagee Mortgagee, decimal? Amount, decimal? MaximumAmount, Term Term, bool RestrictsTransfer,
    IReadOnlyList<string> Consents, bool AcknowledgesObjection = false, IReadOnlyList<string>? AlsoOn = null) : ApplicationDetails
{
    sealed record MortgageeForm(string? Name, string? Code);
    sealed record Form(MortgageeForm? Mortgagee, decimal? Amount, decimal? MaximumAmount, TermForm? Term, bool? RestrictsTransfer,
        IReadOnlyList<string>? Consents, bool? AcknowledgesObjection, IReadOnlyList<string>? AlsoUnitCodes);

    public static MortgageDetails? Read(JsonElement details, UnitCode unit, DetailsForm form)
    {
        if (form.Bind<Form>(details) is not { } f) return null;
        var alsoOn = form.OtherUnitCodes("details.alsoUnitCodes", f.AlsoUnitCodes, unit);
        if (string.IsNullOrWhiteSpace(f.Mortgagee?.Name)) form.Fail("details.mortgagee.name", "the mortgagee's name is required.");
        if (!PartyNumber.TryNormalize(f.Mortgagee?.Code, out var code, out var codeError)) form.Fail("details.mortgagee.code", codeError!);
        if ((f.Amount is null) == (f.MaximumAmount is null))
            form.Fail("details.amount", "give either amount (an ordinary mortgage) or maximumAmount (a maximum-amount mortgage).");
        var amount = form.Money("details.amount", f.Amount, required: false);
        var maximum = form.Money("details.maximumAmount", f.MaximumAmount, required: false);
        var term = form.Term("details.term", f.Term, required: true);
        var consents = Consent.Read("details.consents", f.Consents, form);
        return form.Errors.Count > 0
            ? null
            : new MortgageDetails(new Mortgagee(f.Mortgagee!.Name!.Trim(), code!), amount, maximum, term!, f.RestrictsTransfer ?? false, consents,
                f.AcknowledgesObjection ?? false, alsoOn);
    }

    public override Series? IssuesFrom(Unit unit) => Series.Proof;

    public override Refusal? Check(Application application, Unit unit, DateTimeOffset now)
    {
        if (unit.Status != UnitStatus.Registered || unit.Ownership is null)
            return new Refusal("unit-not-registered", $"Unit {unit.Id} has no registered right to mortgage.");
        if (Consent.MissingHolders(application, unit) is { } missing)
            return new Refusal("not-current-holder", $"Only the current holders may mortgage; {missing} is not among the applicants.");
        return Disposal.Check(unit, now, Consents, AcknowledgesObjection, [Mortgagee.Code]);
    }

    public override IReadOnlyList<string> OtherUnits(Unit unit) => AlsoOn ?? [];

    /// <summary>Every unit of a mortgage over several meets the same rules as the first; the refusal names the unit.</summary>
    public override Refusal? CheckOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, DateTimeOffset now)
    {
        foreach (var (code, other) in others)
        {
            if (Consent.DisposableTogether(application, code, other, unit) is { } refusal) return refusal;
            if (Disposal.Check(other!, now, Consents, AcknowledgesObjection, [Mortgagee.Code]) is { } barred) return barred;
        }
        return null;
    }

    /// <summary>The mortgage is known by the application that created it: stable under replay.</summary>
    public static string MortgageIdFor(Application application) => $"M{application.Number}";

    public override IEnumerable<object> Record(Application application, Unit unit, RegisterEntry recording)
    {
        yield return new MortgageRecorded(recording.ApplicationId, recording.Office, MortgageIdFor(application), Mortgagee, Amount, MaximumAmount,
            Term, RestrictsTransfer, recording.Number!, recording.At, recording.By, AlsoOn);
    }

    public override IEnumerable<(string UnitCode, object Event)> RecordOnOthers(Application application, Unit unit, IReadOnlyDictionary<string, Unit?> others, RegisterEntry recording) =>
        (AlsoOn ?? []).Select(code => (code, (object)new MortgageRecorded(recording.ApplicationId, recording.Office, MortgageIdFor(application), Mortgagee,
            Amount, MaximumAmount, Term, RestrictsTransfer, recording.Number!, recording.At, recording.By, [unit.Id, .. AlsoOn!.Where(c => c != code)])));
}
