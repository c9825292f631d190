using System.Text.Json;
using Ledger.Hosting;
using Ledger.Units;
using Ledger.Values;

namespace Ledger.Applications.Kinds;

public sealed record HolderForm(string? Name, string? IdNumber, string? Share);
public sealed record TermForm(DateOnly? From, DateOnly? To);
public sealed record PartyForm(string? Name, string? IdNumber);

/// <summary>Reads the untrusted <c>details</c> of an application once, collecting every field error.</summary>
public sealed class DetailsForm(Dictionary<string, string[]> errors)
{
    public Dictionary<string, string[]> Errors { get; } = errors;

    /// <summary>A more telling problem code than <c>invalid-application</c> when one kind of error is the reason (e.g. <c>invalid-geometry</c>).</summary>
    public string? Code { get; set; }

    public T? Bind<T>(JsonElement details) where T : class
    {
        try
        {
            return details.Deserialize<T>(LedgerJson.Options);
        }
        catch (JsonException e)
        {
            Fail(e.Path is { Length: > 1 } path ? $"details{path[1..]}" : "details", $"not readable: {e.Message}");
            return null;
        }
    }

    public void Fail(string field, string message) =>
        Errors[field] = Errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public IReadOnlyList<Holder> Holders(string field, IReadOnlyList<HolderForm>? forms, CoOwnership? coOwnership)
    {
        if (forms is not { Count: > 0 })
        {
            Fail(field, "at least one holder is required.");
            return [];
        }
        var holders = new List<Holder>();
        for (var i = 0; i < forms.Count; i++)
        {
            var form = forms[i];
            var at = $"{field}[{i}]";
            if (string.IsNullOrWhiteSpace(form.Name)) Fail($"{at}.name", "the holder's name is required.");
            if (!PartyNumber.TryNormalize(form.IdNumber, out var id, out var idError)) Fail($"{at}.idNumber", idError!);
            string? share = null;
            if (coOwnership == CoOwnership.Shares)
            {
                if (!Share.TryParse(form.Share, out var parsed, out var shareError)) Fail($"{at}.share", shareError!);
                else share = parsed!.ToString();
            }
            else if (form.Share is not null)
            {
                Fail($"{at}.share", "a share is given only for co-ownership by shares.");
            }
            if (id is not null && !string.IsNullOrWhiteSpace(form.Name)) holders.Add(new Holder(form.Name.Trim(), id, share));
        }
        if (coOwnership == CoOwnership.Sole && forms.Count != 1) Fail(field, "sole ownership has exactly one holder.");
        if (coOwnership is CoOwnership.Joint or CoOwnership.Shares && forms.Count < 2) Fail(field, "co-ownership needs at least two holders.");
        if (holders.Select(h => h.IdNumber).Distinct(StringComparer.Ordinal).Count() != holders.Count) Fail(field, "a holder is named twice.");
        return holders;
    }

    public Party? Party(string field, PartyForm? form)
    {
        if (string.IsNullOrWhiteSpace(form?.Name)) Fail($"{field}.name", "the name is required.");
        if (!PartyNumber.TryNormalize(form?.IdNumber, out var id, out var error)) Fail($"{field}.idNumber", error!);
        return string.IsNullOrWhiteSpace(form?.Name) || id is null ? null : new Party(form.Name.Trim(), id);
    }

    public string Text(string field, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) Fail(field, $"{what} is required.");
        return text?.Trim() ?? "";
    }

    /// <summary>Other units of the same office an application also writes on; each named once, none the application's own.</summary>
    public IReadOnlyList<string>? OtherUnitCodes(string field, IReadOnlyList<string>? codes, UnitCode unit)
    {
        var others = new List<string>();
        foreach (var (text, i) in (codes ?? []).Select((t, i) => (t, i)))
        {
            if (!UnitCode.TryParse(text, out var other, out var error)) Fail($"{field}[{i}]", error!);
            else if (other!.County != unit.County) Fail($"{field}[{i}]", "every unit of one application is registered in the same office.");
            else if (other.Value == unit.Value || others.Contains(other.Value)) Fail($"{field}[{i}]", "each unit is named once.");
            else others.Add(other.Value);
        }
        return others.Count > 0 ? others : null;
    }

    public Term? Term(string field, TermForm? form, bool required)
    {
        if (form is null)
        {
            if (required) Fail(field, "term {from, to} is required.");
            return null;
        }
        if (form.From is not { } from || form.To is not { } to)
        {
            Fail(field, "term needs both from and to as YYYY-MM-DD.");
            return null;
        }
        if (to < from)
        {
            Fail(field, "the term ends before it begins.");
            return null;
        }
        return new Term(from, to);
    }

    public decimal? Money(string field, decimal? amount, bool required)
    {
        if (amount is null)
        {
            if (required) Fail(field, "an amount in CNY is required.");
            return null;
        }
        if (amount <= 0 || decimal.Round(amount.Value, 2) != amount) Fail(field, "an amount is a positive number of yuan with at most 2 decimals.");
        return amount;
    }
}
