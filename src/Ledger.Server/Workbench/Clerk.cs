using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ledger.Workbench;

/// <summary>The clerk's screens: establish a unit from its survey, take in an application of any type, the office's day list.</summary>
public static class Clerk
{
    public static IResult EstablishForm(HttpContext context)
    {
        var v = Visitor.Of(context);
        return v.SignedIn ? Layout.Page(context, v, v.T("设立不动产单元", "Establish a unit"), EstablishBody(v, null, null)) : Layout.SignInFirst(context);
    }

    static Html EstablishBody(Visitor v, IFormCollection? form, Html? refusal)
    {
        string F(string name) => form?[name].ToString() ?? "";
        return Html.Of($"""
            {refusal ?? Html.Empty}
            <form method="post" action="/workbench/units/new">
            <label for="unitCode">{v.T("不动产单元代码（28 位）", "Unit code (28 characters)")}</label><input id="unitCode" name="unitCode" value="{F("unitCode")}" required>
            <label for="location">{v.T("坐落", "Location")}</label><input id="location" name="location" value="{F("location")}" required>
            <label for="area">{v.T("面积（平方米）", "Area (m²)")}</label><input id="area" name="area" value="{F("area")}" required>
            <label for="use">{v.T("用途", "Use")}</label><input id="use" name="use" value="{F("use")}" required>
            <label for="parentUnitCode">{v.T("所在宗地/宗海代码（房屋单元填写）", "Land or sea unit it stands on (buildings)")}</label><input id="parentUnitCode" name="parentUnitCode" value="{F("parentUnitCode")}">
            <label for="geometry">{v.T("界址（GeoJSON，经纬度，CGCS2000）", "Boundary (GeoJSON, lon/lat, CGCS2000)")}</label>
            <textarea id="geometry" name="geometry" rows="6">{F("geometry")}</textarea>
            <button type="submit">{v.T("设立", "Establish")}</button>
            </form>
            """);
    }

    public static async Task<IResult> Establish(HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return Layout.SignInFirst(context);
        var form = await context.Request.ReadFormAsync(ct);
        var body = new JsonObject { ["unitCode"] = form["unitCode"].ToString().Trim(), ["location"] = form["location"].ToString(), ["use"] = form["use"].ToString() };
        if (decimal.TryParse(form["area"], System.Globalization.CultureInfo.InvariantCulture, out var area)) body["area"] = area;
        else body["area"] = form["area"].ToString();
        if (form["parentUnitCode"].ToString().Trim() is { Length: > 0 } parent) body["parentUnitCode"] = parent;
        if (form["geometry"].ToString().Trim() is { Length: > 0 } geometry)
        {
            if (!TryParse(geometry, out var node))
                return Layout.Page(context, v, v.T("设立不动产单元", "Establish a unit"), EstablishBody(v, form, Layout.Refusal(v.T("界址不是有效的 GeoJSON。", "The boundary is not valid GeoJSON."))), 400);
            body["geometry"] = node;
        }
        var answer = await api.PostAsync("/api/units", body, v.Token, ct);
        return answer.Ok
            ? Results.Redirect($"/workbench/units/{Uri.EscapeDataString(body["unitCode"]!.GetValue<string>())}?done=established")
            : Layout.Page(context, v, v.T("设立不动产单元", "Establish a unit"), EstablishBody(v, form, Layout.Refusal(answer)), answer.Status);
    }

    public static IResult TakeInForm(HttpContext context)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return Layout.SignInFirst(context);
        var kind = ApplicationTypes.Find(context.Request.Query["type"]) ?? ApplicationTypes.All[0];
        return Layout.Page(context, v, v.T("受理登记申请", "Take in an application"), TakeInBody(v, kind, context.Request.Query["unitCode"], null, null));
    }

    static Html TakeInBody(Visitor v, ApplicationTypes.Kind kind, string? unitCode, IFormCollection? form, Html? refusal)
    {
        var options = Html.Join(ApplicationTypes.All.Select(k =>
            Html.Of($"<option value=\"{k.Type}\"{(k == kind ? new Html(" selected") : Html.Empty)}>{v.T(k.Zh, k.En)} ({k.Type})</option>")));
        var applicants = form?["applicants"].ToString() ?? "";
        return Html.Of($"""
            <form method="get" action="/workbench/applications/new">
            <label for="pick-type">{v.T("登记类型", "Registration type")}</label><select id="pick-type" name="type">{options}</select>
            <input type="hidden" name="unitCode" value="{unitCode ?? ""}"><button type="submit">{v.T("选择类型", "Choose type")}</button>
            </form>
            {refusal ?? Html.Empty}
            <h2>{v.T(kind.Zh, kind.En)}</h2>
            <form method="post" action="/workbench/applications/new">
            <input type="hidden" name="type" value="{kind.Type}">
            <label for="unitCode">{v.T("不动产单元代码", "Unit code")}</label><input id="unitCode" name="unitCode" value="{unitCode ?? ""}" required>
            <label for="applicants">{v.T("申请人（每行一人：姓名,证件号码）", "Applicants (one a line: name,identity number)")}</label>
            <textarea id="applicants" name="applicants" rows="3">{applicants}</textarea>
            <fieldset><legend>{v.T("登记事项", "Details")}</legend>
            {ApplicationForm.Boxes(v, kind, form)}
            </fieldset>
            <button type="submit">{v.T("受理", "Accept")}</button>
            </form>
            """);
    }

    public static async Task<IResult> TakeIn(HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return Layout.SignInFirst(context);
        var form = await context.Request.ReadFormAsync(ct);
        var kind = ApplicationTypes.Find(form["type"]) ?? ApplicationTypes.All[0];
        var unitCode = form["unitCode"].ToString().Trim();
        IResult Again(Html refusal, int status) =>
            Layout.Page(context, v, v.T("受理登记申请", "Take in an application"), TakeInBody(v, kind, unitCode, form, refusal), status);

        var (details, problem) = ApplicationForm.Read(v, kind, form);
        if (details is null) return Again(Layout.Refusal(problem!), 400);
        var applicants = ApplicationForm.People(form["applicants"].ToString());
        var answer = await api.PostAsync("/api/applications", new JsonObject
        {
            ["type"] = kind.Type, ["unitCode"] = unitCode, ["applicants"] = applicants, ["details"] = details,
        }, v.Token, ct);
        return answer.Ok && answer.Body?["applicationId"]?.GetValue<string>() is { } id
            ? Results.Redirect($"/workbench/applications/{Uri.EscapeDataString(id)}?done=accepted")
            : Again(Layout.Refusal(answer), answer.Status);
    }

    public static async Task<IResult> DayList(HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return Layout.SignInFirst(context);
        var answer = await api.GetAsync("/api/applications?status=pending", v.Token, ct);
        var title = v.T("当日受理（待办申请，按受理顺序）", "Day list (pending applications in priority order)");
        return answer.Ok
            ? Layout.Page(context, v, title, Applications.Table(v, answer.Body as JsonArray ?? []))
            : Layout.Page(context, v, title, Layout.Refusal(answer), answer.Status);
    }

    internal static bool TryParse(string text, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(text);
            return node is not null;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }
}
