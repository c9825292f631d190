using System.Text.Json.Nodes;
using static Ledger.Workbench.Layout;

namespace Ledger.Workbench;

/// <summary>A holder's page: the units they hold now, and for each, who looked at it (API.md: holders and queries).</summary>
public static class HolderPage
{
    public static async Task<IResult> Show(HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return SignInFirst(context);
        var title = v.T("我的不动产", "My units");
        var answer = await api.GetAsync($"/api/holders/{Uri.EscapeDataString(v.Sub)}/units", v.Token, ct);
        if (!answer.Ok) return Page(context, v, title, Html.Of($"<section id=\"my-units\">{Refusal(answer)}</section>{LookUp(v)}"));

        var units = answer.Body as JsonArray ?? [];
        if (units.Count == 0) return Page(context, v, title, Html.Of($"<section id=\"my-units\"><p class=\"note\">{v.T("名下没有登记的不动产。", "No units are registered to you.")}</p></section>"));
        var sections = new List<Html>();
        foreach (var unit in units)
        {
            var code = S(unit?["unitCode"]);
            var looks = await api.GetAsync($"/api/units/{Uri.EscapeDataString(code)}/queries", v.Token, ct);
            sections.Add(Html.Of($"""
                <section class="unit" data-unit="{code}">
                <h2><a href="/workbench/units/{Uri.EscapeDataString(code)}">{code}</a> {S(unit?["location"])}</h2>
                <p>{v.T("权利类型", "Right type")} {S(unit?["rightTypeName"] ?? unit?["rightType"])} · {v.T("份额", "Share")} {S(unit?["share"])} · {v.T("证书号", "Certificate")} {S(unit?["certificateNumber"])}</p>
                <h3>{v.T("谁查询过", "Who looked")}</h3>{(looks.Ok ? Looks(v, looks.Body as JsonArray ?? []) : Refusal(looks))}
                </section>
                """));
        }
        return Page(context, v, title, Html.Of($"<div id=\"my-units\">{Html.Join(sections)}</div>"));
    }

    static Html Looks(Visitor v, JsonArray queries)
    {
        if (queries.Count == 0) return Html.Of($"<p class=\"note\">{v.T("尚无查询记录。", "Nobody has looked yet.")}</p>");
        var rows = Html.Join(queries.Select(q => Html.Of($"<tr><td>{When(q?["at"])}</td><td>{RoleName(v, S(q?["role"]))}</td><td>{S(q?["name"])}</td><td>{S(q?["sub"])}</td><td>{S(q?["purpose"])}</td><td>{S(q?["view"])}</td></tr>")));
        return Html.Of($"""
            <table class="looks"><thead><tr><th>{v.T("时间", "When")}</th><th>{v.T("角色", "Role")}</th><th>{v.T("姓名/名称", "Name")}</th><th>{v.T("证件号码", "Identity")}</th><th>{v.T("目的", "Purpose")}</th><th>{v.T("可见范围", "View")}</th></tr></thead>
            <tbody>{rows}</tbody></table>
            """);
    }

    static Html LookUp(Visitor v) => Html.Of($"""
        <form method="get" action="/workbench/units"><label for="unitCode">{v.T("按单元代码查看", "Look at a unit by its code")}</label>
        <input id="unitCode" name="unitCode"><button type="submit">{v.T("查看", "Look")}</button></form>
        """);
}
