using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Workbench;

/// <summary>
/// The details of an application as a form of its type, made from the shape of the type's details
/// (<see cref="ApplicationTypes.Kind.Example"/>): a box for each value (<c>price</c>, <c>mortgagee.name</c>,
/// <c>term.from</c>), one line per person for a list of people (<c>张三,110105…</c>), and JSON only where the
/// details are themselves a shape (a boundary, a correction's corrected fields, a split's parts). Posted back, the
/// boxes become the details JSON the API takes; an empty box leaves its value out, so the API's own refusal names
/// what is missing.
/// </summary>
public static class ApplicationForm
{
    const string Prefix = "d.";

    enum Shape { Text, Number, YesNo, People, Json }

    sealed record Field(string Path, Shape Shape, string Example);

    static IEnumerable<Field> Fields(ApplicationTypes.Kind kind)
    {
        foreach (var (name, value) in JsonNode.Parse(kind.Example)!.AsObject())
        {
            if (value is JsonObject { Count: > 0 } inner && inner.All(p => p.Value is JsonValue))
                foreach (var (leaf, v) in inner) yield return Leaf($"{name}.{leaf}", v!);
            else if (value is JsonArray people && people.Count > 0 && people.All(p => p is JsonObject o && o.ContainsKey("name") && o.ContainsKey("idNumber")))
                yield return new Field(name, Shape.People, "");
            else if (value is JsonValue)
                yield return Leaf(name, value);
            else
                yield return new Field(name, Shape.Json, value?.ToJsonString() ?? "null");
        }
    }

    static Field Leaf(string path, JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => new Field(path, Shape.Number, ""),
        JsonValueKind.True or JsonValueKind.False => new Field(path, Shape.YesNo, value.GetValue<bool>() ? "true" : "false"),
        _ => new Field(path, Shape.Text, value.GetValue<string>()),
    };

    /// <summary>The boxes of <paramref name="kind"/>, filled from <paramref name="form"/> when it is being shown again.</summary>
    public static Html Boxes(Visitor v, ApplicationTypes.Kind kind, IFormCollection? form) => Html.Join(Fields(kind).Select(f =>
    {
        var (id, name) = ("d-" + f.Path.Replace('.', '-'), Prefix + f.Path);
        var given = form?[name].ToString();
        var label = Html.Of($"<label for=\"{id}\">{Label(v, f.Path)} <small>{f.Path}</small>{Hint(v, f.Shape)}</label>");
        return f.Shape switch
        {
            Shape.People => Html.Of($"{label}<textarea id=\"{id}\" name=\"{name}\" rows=\"2\">{given ?? ""}</textarea>"),
            Shape.Json => Html.Of($"{label}<textarea id=\"{id}\" name=\"{name}\" rows=\"4\">{given ?? f.Example}</textarea>"),
            Shape.YesNo => Html.Of($"""{label}<select id="{id}" name="{name}"><option value="false"{Selected((given ?? f.Example) == "false")}>{v.T("否", "no")}</option><option value="true"{Selected((given ?? f.Example) == "true")}>{v.T("是", "yes")}</option></select>"""),
            Shape.Number => Html.Of($"{label}<input id=\"{id}\" name=\"{name}\" inputmode=\"decimal\" value=\"{given ?? ""}\">"),
            _ => Html.Of($"{label}<input id=\"{id}\" name=\"{name}\" value=\"{given ?? f.Example}\">"),
        };
    }));

    /// <summary>What the registry calls each value of the details, in the visitor's language; the API's name is shown beside it.</summary>
    static string Label(Visitor v, string path) => path switch
    {
        "rightType" => v.T("权利类型", "Right type"),
        "coOwnership" => v.T("共有方式", "Co-ownership"),
        "holders" => v.T("权利人", "Holders"),
        "to" => v.T("受让人（新权利人）", "New holders"),
        "reason" => v.T("原因", "Reason"),
        "price" => v.T("价款（元）", "Price (yuan)"),
        "use" => v.T("用途", "Use"),
        "mortgagee.name" => v.T("抵押权人", "Mortgagee"),
        "mortgagee.code" => v.T("抵押权人统一社会信用代码", "Mortgagee's credit code"),
        "amount" => v.T("被担保债权数额（元）", "Secured amount (yuan)"),
        "term.from" => v.T("起始日期", "From"),
        "term.to" => v.T("终止日期", "To"),
        "restrictsTransfer" => v.T("约定限制转让", "Restricts transfer"),
        "mortgageId" => v.T("抵押权编号", "Mortgage id"),
        "court" => v.T("法院", "Court"),
        "caseNumber" => v.T("案号（文书号）", "Case number"),
        "seizureId" => v.T("查封编号", "Seizure id"),
        "objector.name" => v.T("异议人", "Objector"),
        "objector.idNumber" => v.T("异议人证件号码", "Objector's identity number"),
        "objectionId" => v.T("异议编号", "Objection id"),
        "kind" => v.T("预告种类", "Kind"),
        "beneficiary.name" => v.T("预告权利人", "Beneficiary"),
        "beneficiary.idNumber" => v.T("预告权利人证件号码", "Beneficiary's identity number"),
        "advanceNoticeId" => v.T("预告编号", "Advance notice id"),
        "dominantUnitCode" => v.T("需役地单元代码", "Dominant unit code"),
        "purpose" => v.T("地役权内容", "Purpose"),
        "correctsVersion" => v.T("更正的版本", "Corrects version"),
        "corrected" => v.T("更正后的事项", "Corrected values"),
        "basis" => v.T("更正依据", "Basis"),
        "parts" => v.T("分割后的单元", "Parts"),
        "unitCodes" => v.T("合并的单元", "Units merged"),
        "into" => v.T("合并后的单元", "Merged into"),
        _ => path,
    };

    static Html Selected(bool yes) => yes ? new Html(" selected") : Html.Empty;

    static Html Hint(Visitor v, Shape shape) => shape switch
    {
        Shape.People => Html.Of($" <small>{v.T("（每行一人：姓名,证件号码[,份额]）", "(one a line: name,identity number[,share])")}</small>"),
        Shape.Json => Html.Of($" <small>(JSON)</small>"),
        _ => Html.Empty,
    };

    /// <summary>The details JSON from the posted boxes, or the sentence saying which box cannot be read.</summary>
    public static (JsonObject? Details, string? Problem) Read(Visitor v, ApplicationTypes.Kind kind, IFormCollection form)
    {
        var details = new JsonObject();
        foreach (var field in Fields(kind))
        {
            var text = form[Prefix + field.Path].ToString().Trim();
            if (text.Length == 0) continue;
            JsonNode? value;
            switch (field.Shape)
            {
                case Shape.Number:
                    if (!decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                        return (null, v.T($"{field.Path} 不是数字：{text}", $"{field.Path} is not a number: {text}"));
                    value = JsonValue.Create(number);
                    break;
                case Shape.YesNo:
                    value = JsonValue.Create(text == "true");
                    break;
                case Shape.People:
                    value = People(text);
                    break;
                case Shape.Json:
                    if (!Clerk.TryParse(text, out value)) return (null, v.T($"{field.Path} 不是有效的 JSON。", $"{field.Path} is not valid JSON."));
                    break;
                default:
                    value = JsonValue.Create(text);
                    break;
            }

            Place(details, field.Path, value);
        }

        return (details, null);
    }

    /// <summary>One person a line: <c>name,identity number</c>, and a share after a second comma when shares are held.</summary>
    public static JsonArray People(string lines)
    {
        var people = new JsonArray();
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split([',', '，'], 3, StringSplitOptions.TrimEntries);
            var person = new JsonObject { ["name"] = parts[0], ["idNumber"] = parts.Length > 1 ? parts[1] : "" };
            if (parts.Length > 2 && parts[2].Length > 0) person["share"] = parts[2];
            people.Add(person);
        }
        return people;
    }

    static void Place(JsonObject details, string path, JsonNode? value)
    {
        var dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            details[path] = value;
            return;
        }

        var owner = path[..dot];
        if (details[owner] is not JsonObject inner) details[owner] = inner = new JsonObject();
        inner[path[(dot + 1)..]] = value;
    }
}
