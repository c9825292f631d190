using System.Text.Json.Nodes;
using static Ledger.Workbench.Layout;

namespace Ledger.Workbench;

/// <summary>
/// A unit's page: its current state with every encumbrance, the boundary drawn, and its history as a timeline —
/// each shown only as far as the API shows it to the visitor.
/// </summary>
public static class UnitPage
{
    sealed record Column(string Field, string Zh, string En);

    public static IResult Find(HttpContext context)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return SignInFirst(context);
        var code = context.Request.Query["unitCode"].ToString().Trim();
        if (code.Length > 0) return Results.Redirect($"/workbench/units/{Uri.EscapeDataString(code)}");
        return Page(context, v, v.T("查询不动产单元", "Find a unit"), Html.Of($"""
            <form method="get" action="/workbench/units">
            <label for="unitCode">{v.T("不动产单元代码", "Unit code")}</label><input id="unitCode" name="unitCode" required>
            <button type="submit">{v.T("查询", "Look up")}</button></form>
            """));
    }

    public static async Task<IResult> Show(string unitCode, HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return SignInFirst(context);
        var code = Uri.EscapeDataString(unitCode);
        var purpose = context.Request.Query["purpose"].ToString();
        var asOf = context.Request.Query["asOf"].ToString();
        var query = string.Join("&", new[] { ("purpose", purpose), ("asOf", asOf) }.Where(p => p.Item2.Length > 0).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}"));
        var answer = await api.GetAsync($"/api/units/{code}" + (query.Length > 0 ? "?" + query : ""), v.Token, ct);
        var title = v.T("不动产单元 ", "Unit ") + unitCode;
        var purposeForm = Html.Of($"""
            <form method="get" action="/workbench/units/{code}"><label for="purpose">{v.T("查询目的（利害关系人查询时必填）", "Purpose (required of an interested party)")}</label>
            <input id="purpose" name="purpose" value="{purpose}">
            <label for="asOf">{v.T("查询某一时点的登记状态（可选，如 2026-01-01T00:00:00+08:00）", "As the register read at (optional, e.g. 2026-01-01T00:00:00+08:00)")}</label>
            <input id="asOf" name="asOf" value="{asOf}"><button type="submit">{v.T("查询", "Look up")}</button></form>
            """);
        if (!answer.Ok) return Page(context, v, title, Html.Of($"{Refusal(answer)}{purposeForm}"), answer.Status);

        var u = answer.Body!;
        var view = S(u["view"]);
        var done = context.Request.Query["done"] == "established" ? Html.Of($"<div class=\"done\" role=\"status\">{v.T("单元已设立。", "The unit is established.")}</div>") : Html.Empty;
        var flags = u["flags"] as JsonObject;
        var flagMarks = Html.Join(new[] { ("seized", "查封", "seized"), ("mortgaged", "抵押", "mortgaged"), ("objection", "异议", "objection"), ("advanceNotice", "预告", "advance notice"), ("easement", "地役权", "easement") }
            .Where(f => flags?[f.Item1]?.GetValue<bool>() == true).Select(f => Html.Of($"<span class=\"flag\">{v.T(f.Item2, f.Item3)}</span>")));
        var history = view is "full" or "holder" ? await History(v, code, api, ct) : Html.Empty;
        var map = view is "full" or "holder"
            ? Html.Of($"<h2>{v.T("界址图", "Boundary")}</h2><img class=\"map\" src=\"/workbench/units/{code}/map.svg\" alt=\"{v.T("单元界址及相邻单元", "The unit's boundary and its neighbours")}\" width=\"560\">")
            : Html.Empty;
        var clerkLink = v.Role == "clerk"
            ? Html.Of($"<p class=\"menu\"><a href=\"/workbench/applications/new?type=transfer&amp;unitCode={code}\">{v.T("就本单元受理申请", "Take in an application on this unit")}</a></p>")
            : Html.Empty;
        return Page(context, v, title, Html.Of($"""
            {done}{clerkLink}
            <table>
            <tr><th>{v.T("坐落", "Location")}</th><td>{S(u["location"])}</td></tr>
            <tr><th>{v.T("类别 / 状态", "Kind / status")}</th><td>{Terms.Of(v, S(u["kind"]))} / {Terms.Of(v, S(u["status"]))}</td></tr>
            <tr><th>{v.T("面积（平方米）", "Area (m²)")}</th><td>{S(u["area"])}</td></tr>
            <tr><th>{v.T("用途", "Use")}</th><td>{S(u["use"])}</td></tr>
            <tr><th>{v.T("可见范围", "View")}</th><td id="view" data-view="{view}">{Terms.Of(v, view)}</td></tr>
            <tr><th>{v.T("权利限制提示", "Flags")}</th><td>{flagMarks}</td></tr>
            </table>
            {Ownership(v, u["ownership"] as JsonObject)}
            {List(v, "抵押权", "Mortgages", u["mortgages"], [new("rank", "顺位", "Rank"), new("mortgagee", "抵押权人", "Mortgagee"), new("amount", "金额", "Amount"), new("term", "期限", "Term"), new("proofNumber", "证明号", "Proof"), new("recordedAt", "登簿", "Recorded")])}
            {List(v, "查封", "Seizures", u["seizures"], [new("court", "法院", "Court"), new("caseNumber", "案号", "Case"), new("state", "状态", "State"), new("term", "期限", "Term"), new("recordedAt", "登簿", "Recorded")])}
            {List(v, "异议", "Objections", u["objections"], [new("objector", "异议人", "Objector"), new("reason", "理由", "Reason"), new("lawsuit", "诉讼", "Lawsuit"), new("lapsesAt", "失效时间", "Lapses"), new("recordedAt", "登簿", "Recorded")])}
            {List(v, "预告登记", "Advance notices", u["advanceNotices"], [new("kind", "种类", "Kind"), new("beneficiary", "权利人", "Beneficiary"), new("proofNumber", "证明号", "Proof"), new("lapsesAt", "失效时间", "Lapses"), new("recordedAt", "登簿", "Recorded")])}
            {List(v, "地役权", "Easements", u["easements"], [new("side", "供役/需役", "Side"), new("otherUnitCode", "对方单元", "Other unit"), new("purpose", "目的", "Purpose"), new("term", "期限", "Term"), new("recordedAt", "登簿", "Recorded")])}
            {List(v, "办理中的申请", "Pending applications", u["pendingApplications"], [new("number", "受理编号", "Number"), new("type", "类型", "Type"), new("acceptedAt", "受理时间", "Accepted")])}
            {Lineage(v, u["lineage"] as JsonObject)}
            {map}{history}{purposeForm}
            """));
    }

    static Html Ownership(Visitor v, JsonObject? o)
    {
        if (o is null) return Html.Of($"<h2>{v.T("所有权", "Ownership")}</h2><p class=\"note\">{v.T("尚未登记。", "Not yet registered.")}</p>");
        var holders = Html.Join((o["holders"] as JsonArray ?? []).Select(h => Html.Of($"<tr><td>{S(h?["name"])}</td><td>{S(h?["idNumber"])}</td><td>{S(h?["share"])}</td></tr>")));
        return Html.Of($"""
            <h2>{v.T("权利", "Ownership")}</h2>
            <p>{S(o["rightTypeName"] ?? o["rightType"])} · {Terms.Of(v, S(o["coOwnership"]))} · {v.T("证书号", "Certificate")} <strong id="certificate">{S(o["certificateNumber"])}</strong> · {When(o["recordedAt"])}</p>
            <table id="holders"><thead><tr><th>{v.T("权利人", "Holder")}</th><th>{v.T("证件号码", "Identity number")}</th><th>{v.T("份额", "Share")}</th></tr></thead><tbody>{holders}</tbody></table>
            """);
    }

    static Html List(Visitor v, string zh, string en, JsonNode? items, Column[] columns)
    {
        if (items is not JsonArray { Count: > 0 } rows) return Html.Empty;
        string Cell(JsonNode? value) => value switch
        {
            JsonObject { } o when o["name"] is { } name => S(name),
            JsonObject { } o when o["from"] is { } from => $"{S(from)} — {S(o["to"])}",
            JsonObject { } o when o["caseNumber"] is { } caseNumber => $"{S(o["court"])} {S(caseNumber)}",
            JsonValue when value.ToString() is { Length: >= 20 } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out _) => When(value),
            JsonValue => Terms.Of(v, S(value)),
            _ => S(value),
        };
        var head = Html.Join(columns.Select(c => Html.Of($"<th>{v.T(c.Zh, c.En)}</th>")));
        var body = Html.Join(rows.Select(r => Html.Of($"<tr>{Html.Join(columns.Select(c => Html.Of($"<td>{(c.Field == "type" ? ApplicationTypes.Name(v, S(r?[c.Field])) : Cell(r?[c.Field]))}</td>")))}</tr>")));
        return Html.Of($"<h2>{v.T(zh, en)}</h2><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>");
    }

    static Html Lineage(Visitor v, JsonObject? lineage)
    {
        var parents = lineage?["parents"] as JsonArray ?? [];
        var children = lineage?["children"] as JsonArray ?? [];
        if (parents.Count + children.Count == 0) return Html.Empty;
        Html Links(JsonArray codes) => Html.Join(codes.Select(c => Html.Of($"<a href=\"/workbench/units/{Uri.EscapeDataString(S(c))}\">{S(c)}</a> ")));
        return Html.Of($"<h2>{v.T("沿革", "Lineage")}</h2><p>{v.T("来自：", "From: ")}{Links(parents)}</p><p>{v.T("分出：", "Into: ")}{Links(children)}</p>");
    }

    /// <summary>The unit's history as a timeline: one mark per entry, with what it was and when it was recorded.</summary>
    static async Task<Html> History(Visitor v, string code, LedgerApi api, CancellationToken ct)
    {
        var answer = await api.GetAsync($"/api/units/{code}/history", v.Token, ct);
        if (!answer.Ok) return Html.Of($"<h2>{v.T("登记历史", "History")}</h2>{Refusal(answer)}");
        var marks = Html.Join((answer.Body?["events"] as JsonArray ?? []).Select(e => Html.Of($"""
            <li><span class="when">{When(e?["recordedAt"])} · {v.T("第", "version ")}{S(e?["version"])}{v.T("版", "")}</span><br>
            <span class="type">{ApplicationTypes.EventName(v, S(e?["type"]))}</span> <code>{S(e?["type"])}</code>
            {(e?["data"]?["certificateNumber"] is { } number ? Html.Of($" · {S(number)}") : Html.Empty)}<br><span class="note">{S(e?["recordedBy"])}</span></li>
            """)));
        return Html.Of($"<h2>{v.T("登记历史", "History")}</h2><ol class=\"timeline\" id=\"timeline\">{marks}</ol>");
    }

    /// <summary>The map, fetched with the visitor's token so that an &lt;img&gt; on the page can show it.</summary>
    public static async Task<IResult> Map(string unitCode, HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        var (status, contentType, content) = await api.GetRawAsync($"/api/units/{Uri.EscapeDataString(unitCode)}/map.svg", v.Token, ct);
        return Results.Content(System.Text.Encoding.UTF8.GetString(content), contentType, System.Text.Encoding.UTF8, status);
    }
}
