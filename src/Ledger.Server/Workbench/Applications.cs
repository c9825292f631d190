using System.Text.Json.Nodes;
using static Ledger.Workbench.Layout;

namespace Ledger.Workbench;

/// <summary>The reviewer's screens and an application's file: review queue, approve or reject with an opinion, record (登簿).</summary>
public static class Applications
{
    public static Html Table(Visitor v, JsonArray applications)
    {
        if (applications.Count == 0) return Html.Of($"<p class=\"note\">{v.T("没有待办申请。", "No pending applications.")}</p>");
        var rows = applications.Select(a => Html.Of($"""
            <tr><td><a href="/workbench/applications/{Uri.EscapeDataString(S(a?["applicationId"]))}">{S(a?["number"])}</a></td>
            <td>{ApplicationTypes.Name(v, S(a?["type"]))}</td><td><a href="/workbench/units/{Uri.EscapeDataString(S(a?["unitCode"]))}">{S(a?["unitCode"])}</a></td>
            <td>{ApplicationTypes.Status(v, S(a?["status"]))}</td><td>{When(a?["acceptedAt"])}</td><td>{S(a?["acceptedBy"])}</td></tr>
            """));
        return Html.Of($"""
            <table><thead><tr><th>{v.T("受理编号", "Number")}</th><th>{v.T("类型", "Type")}</th><th>{v.T("不动产单元", "Unit")}</th>
            <th>{v.T("状态", "Status")}</th><th>{v.T("受理时间", "Accepted")}</th><th>{v.T("受理人", "Accepted by")}</th></tr></thead><tbody>{rows}</tbody></table>
            """);
    }

    public static async Task<IResult> ReviewQueue(HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return SignInFirst(context);
        var answer = await api.GetAsync("/api/applications?status=pending", v.Token, ct);
        var title = v.T("审核队列", "Review queue");
        if (!answer.Ok) return Page(context, v, title, Refusal(answer), answer.Status);
        var all = answer.Body as JsonArray ?? [];
        JsonArray Having(string status) => [.. all.Where(a => S(a?["status"]) == status).Select(a => a?.DeepClone())];
        return Page(context, v, title, Html.Of($"""
            <h2>{v.T("待审核", "To review")}</h2>{Table(v, Having("accepted"))}
            <h2>{v.T("审核通过，待登簿", "Approved, to record")}</h2>{Table(v, Having("approved"))}
            """));
    }

    public static async Task<IResult> File(string id, HttpContext context, LedgerApi api, CancellationToken ct) =>
        await FilePage(id, context, api, null, 200, ct);

    static async Task<IResult> FilePage(string id, HttpContext context, LedgerApi api, Html? outcome, int status, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return SignInFirst(context);
        var answer = await api.GetAsync($"/api/applications/{Uri.EscapeDataString(id)}", v.Token, ct);
        if (!answer.Ok) return Page(context, v, v.T("登记申请", "Application"), Refusal(answer), answer.Status);
        var a = answer.Body!;
        var done = context.Request.Query["done"].ToString() switch
        {
            "accepted" => Html.Of($"<div class=\"done\" role=\"status\">{v.T("已受理。", "Accepted.")}</div>"),
            "reviewed" => Html.Of($"<div class=\"done\" role=\"status\">{v.T("审核意见已记录。", "The review is on file.")}</div>"),
            "recorded" => Html.Of($"<div class=\"done\" role=\"status\">{v.T("已登簿。", "Recorded in the register.")}</div>"),
            "withdrawn" => Html.Of($"<div class=\"done\" role=\"status\">{v.T("申请已撤回。", "The application is withdrawn.")}</div>"),
            _ => Html.Empty,
        };
        var applicants = Html.Join((a["applicants"] as JsonArray ?? []).Select(p => Html.Of($"<li>{S(p?["name"])} ({S(p?["idNumber"])})</li>")));
        var review = a["review"] is JsonObject r
            ? Html.Of($"<tr><th>{v.T("审核意见", "Review")}</th><td>{(S(r["decision"]) == "approve" ? v.T("同意", "approve") : v.T("不同意", "reject"))}：{S(r["opinion"])}（{S(r["reviewedBy"])}，{When(r["reviewedAt"])}）</td></tr>")
            : Html.Empty;
        var number = a["certificateNumber"] ?? a["proofNumber"];
        var recorded = S(a["status"]) == "recorded"
            ? Html.Of($"<tr><th>{v.T("登簿", "Recorded")}</th><td>{When(a["recordedAt"])} · {S(a["recordedBy"])} · <a href=\"/workbench/certificates?number={Uri.EscapeDataString(S(number))}\">{S(number)}</a></td></tr>")
            : Html.Empty;
        return Page(context, v, v.T("登记申请 ", "Application ") + S(a["number"]), Html.Of($"""
            {done}{outcome ?? Html.Empty}
            <table>
            <tr><th>{v.T("类型", "Type")}</th><td>{ApplicationTypes.Name(v, S(a["type"]))}</td></tr>
            <tr><th>{v.T("不动产单元", "Unit")}</th><td><a href="/workbench/units/{Uri.EscapeDataString(S(a["unitCode"]))}">{S(a["unitCode"])}</a></td></tr>
            <tr><th>{v.T("状态", "Status")}</th><td id="status">{ApplicationTypes.Status(v, S(a["status"]))}</td></tr>
            <tr><th>{v.T("申请人", "Applicants")}</th><td><ul>{applicants}</ul></td></tr>
            <tr><th>{v.T("受理", "Accepted")}</th><td>{When(a["acceptedAt"])} · {S(a["acceptedBy"])}</td></tr>
            {review}{recorded}
            <tr><th>{v.T("登记事项", "Details")}</th><td>{Details(a["details"] as JsonObject)}</td></tr>
            </table>
            {Actions(v, id, S(a["status"]))}
            """), status);
    }

    /// <summary>The details as the application states them, field by field; fields left empty are not shown.</summary>
    static Html Details(JsonObject? details)
    {
        if (details is null) return Html.Empty;
        var rows = details.Where(d => d.Key != "type" && d.Value is not null && d.Value is not JsonArray { Count: 0 }
                                      && !(d.Value is JsonValue value && value.ToString() is "false" or ""))
            .Select(d => Html.Of($"<tr><th>{d.Key}</th><td><pre>{Describe(d.Value)}</pre></td></tr>"));
        return Html.Of($"<table class=\"details\">{Html.Join(rows)}</table>");
    }

    static string Describe(JsonNode? node) => node switch
    {
        JsonArray items => string.Join("\n", items.Select(Describe)),
        JsonObject fields => string.Join("，", fields.Where(f => f.Value is not null).Select(f => $"{f.Key}: {Describe(f.Value)}")),
        _ => S(node),
    };

    static Html Actions(Visitor v, string id, string status)
    {
        var path = $"/workbench/applications/{Uri.EscapeDataString(id)}";
        var actions = new List<Html>();
        if (v.Role == "reviewer" && status == "accepted")
            actions.Add(Html.Of($"""
                <h2>{v.T("审核", "Review")}</h2>
                <form method="post" action="{path}/review">
                <label><input type="radio" name="decision" value="approve" checked style="width:auto"> {v.T("同意登记", "Approve")}</label>
                <label><input type="radio" name="decision" value="reject" style="width:auto"> {v.T("不予登记", "Reject")}</label>
                <label for="opinion">{v.T("审核意见", "Opinion")}</label><textarea id="opinion" name="opinion" rows="3"></textarea>
                <button type="submit">{v.T("提交审核意见", "Submit the review")}</button>
                </form>
                """));
        if (v.Role == "reviewer" && status == "approved")
            actions.Add(Html.Of($"<form method=\"post\" action=\"{path}/record\"><button type=\"submit\">{v.T("登簿", "Record in the register")}</button></form>"));
        if (v.Role == "clerk" && status is "accepted" or "approved")
            actions.Add(Html.Of($"<form method=\"post\" action=\"{path}/withdraw\"><button type=\"submit\">{v.T("撤回申请", "Withdraw")}</button></form>"));
        return Html.Join(actions);
    }

    public static async Task<IResult> Act(string id, string action, HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return SignInFirst(context);
        JsonObject? body = null;
        if (action == "review")
        {
            var form = await context.Request.ReadFormAsync(ct);
            body = new JsonObject { ["decision"] = form["decision"].ToString(), ["opinion"] = form["opinion"].ToString() };
        }
        var answer = await api.PostAsync($"/api/applications/{Uri.EscapeDataString(id)}/{action}", body, v.Token, ct);
        var done = action switch { "review" => "reviewed", "record" => "recorded", _ => "withdrawn" };
        return answer.Ok
            ? Results.Redirect($"/workbench/applications/{Uri.EscapeDataString(id)}?done={done}")
            : await FilePage(id, context, api, Refusal(answer), answer.Status, ct);
    }
}
