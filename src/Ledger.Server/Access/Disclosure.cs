using System.Text.Json.Nodes;
using Ledger.Values;

namespace Ledger.Access;

/// <summary>
/// Identity numbers are shown whole only to the person themself, the office's clerks and reviewers,
/// and auditors; to anyone else they are masked (不动产登记资料查询暂行办法).
/// </summary>
public sealed partial class Disclosure(Caller caller, string office)
{
    readonly bool _seesAll = caller.Role == Roles.Auditor || caller.IsStaffOf(office);

    public string IdNumber(string idNumber) =>
        _seesAll || string.Equals(idNumber, caller.Sub, StringComparison.OrdinalIgnoreCase) ? idNumber : PartyNumber.Mask(idNumber);

    /// <summary>A recorder's signature <c>role:office:name (id)</c> with its identity number masked as <see cref="IdNumber"/> would.</summary>
    public string? Signature(string? signature) =>
        signature is null ? null : SignedNumber().Replace(signature, m => $"({IdNumber(m.Groups[1].Value)})");

    [System.Text.RegularExpressions.GeneratedRegex(@"\(([0-9A-Za-z]{15,18})\)$")]
    private static partial System.Text.RegularExpressions.Regex SignedNumber();

    /// <summary>
    /// Masks every identity number in a recorded event's data, wherever it sits: <c>idNumber</c> fields, the signatures of
    /// those who established, accepted, reviewed or recorded (<c>…By</c>), and a clerk's bare number (<c>…BySub</c>).
    /// </summary>
    public JsonNode? Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text))
                    {
                        if (key is "idNumber" || key.EndsWith("BySub", StringComparison.Ordinal)) o[key] = IdNumber(text);
                        else if (key.EndsWith("By", StringComparison.Ordinal)) o[key] = Signature(text);
                    }
                    else Mask(value);
                }
                break;
            case JsonArray a:
                foreach (var item in a) Mask(item);
                break;
        }
        return node;
    }
}
