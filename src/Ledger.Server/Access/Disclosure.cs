using System.Text.Json.Nodes;
using Ledger.Values;

namespace Ledger.Access;

/// <summary>
/// Identity numbers are shown whole only to the person themself, the office's clerks and reviewers,
/// and auditors; to anyone else they are masked (不动产登记资料查询暂行办法).
/// </summary>
public sealed class Disclosure(Caller caller, string office)
{
    readonly bool _seesAll = caller.Role == Roles.Auditor || caller.IsStaffOf(office);

    public string IdNumber(string idNumber) =>
        _seesAll || string.Equals(idNumber, caller.Sub, StringComparison.OrdinalIgnoreCase) ? idNumber : PartyNumber.Mask(idNumber);

    /// <summary>Masks every <c>idNumber</c> in a recorded event's data, wherever it sits.</summary>
    public JsonNode? Mask(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (key == "idNumber" && value is JsonValue v && v.TryGetValue<string>(out var id)) o[key] = IdNumber(id);
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
