using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Hosting;

namespace Ledger.Workbench;

/// <summary>The page around every workbench screen: plain, legible, self-contained (no script, no font or style from elsewhere).</summary>
public static class Layout
{
    const string Style = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#1a1a1a;background:#fafaf7;font-size:16px;line-height:1.55}
        header{background:#7a1f1f;color:#fff;padding:.6em 1.2em;display:flex;flex-wrap:wrap;gap:1em;align-items:center}
        header a{color:#fff}header .who{margin-left:auto}header form{display:inline}
        header button{background:none;border:1px solid #fff;color:#fff;padding:.1em .6em;cursor:pointer}
        main{max-width:68em;margin:1em auto;padding:0 1.2em}
        h1{font-size:1.5em;border-bottom:2px solid #7a1f1f;padding-bottom:.2em}h2{font-size:1.2em;margin-top:1.6em}
        table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ccc;padding:.35em .6em;text-align:left;vertical-align:top}
        th{background:#f0ebe1}table:not(:has(thead)) th{white-space:nowrap;width:1%}pre{white-space:pre-wrap;word-break:break-all;margin:0}label{display:block;margin:.6em 0 .2em;font-weight:bold}
        input,select,textarea{font:inherit;padding:.3em;border:1px solid #888;width:100%;box-sizing:border-box}
        textarea{font-family:monospace;font-size:.9em}
        button{font:inherit;padding:.35em 1.2em;margin-top:.8em;background:#7a1f1f;color:#fff;border:0;cursor:pointer}
        .refusal{border:2px solid #b00020;background:#fff0f0;padding:.6em 1em;margin:1em 0}
        .done{border:2px solid #1b5e20;background:#effaef;padding:.6em 1em;margin:1em 0}
        .note{color:#555}.flag{display:inline-block;padding:0 .5em;margin-right:.4em;border:1px solid #7a1f1f;color:#7a1f1f}
        .timeline{list-style:none;padding:0;border-left:3px solid #7a1f1f;margin-left:.6em}
        .timeline li{position:relative;padding:.2em 0 .8em 1.2em}
        .timeline li::before{content:"";position:absolute;left:-.55em;top:.55em;width:.8em;height:.8em;border-radius:50%;background:#7a1f1f}
        .timeline .when{color:#555;font-size:.9em}.timeline .type{font-weight:bold}
        .map{border:1px solid #ccc;background:#fff;max-width:100%}.menu a{display:inline-block;margin:.3em 1em .3em 0}
        code{font-size:.95em}
        """;

    public static IResult Page(HttpContext context, Visitor visitor, string title, Html body, int status = 200)
    {
        Visitor.RememberLanguage(context);
        var lang = visitor.English ? "en" : "zh-CN";
        var switchTo = visitor.English ? Html.Of($"<a href=\"?lang=zh\">中文</a>") : Html.Of($"<a href=\"?lang=en\">English</a>");
        var who = visitor.SignedIn
            ? Html.Of($"<span class=\"who\">{visitor.Name} · {RoleName(visitor, visitor.Role)}{(visitor.Office is null ? "" : " · " + visitor.Office)} <form method=\"post\" action=\"/workbench/sign-out\"><button type=\"submit\">{visitor.T("退出", "Sign out")}</button></form></span>")
            : Html.Of($"<span class=\"who\"><a href=\"/workbench/sign-in\">{visitor.T("登录", "Sign in")}</a></span>");
        var page = Html.Of($"""
            <!DOCTYPE html>
            <html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
            <title>{title} — {visitor.T("不动产登记工作台", "Registry workbench")}</title><style>{new Html(Style)}</style></head>
            <body><header><strong><a href="/workbench">{visitor.T("不动产登记工作台", "Registry workbench")}</a></strong>{Menu(visitor)} <a href="/workbench/statistics">{visitor.T("登记统计", "Statistics")}</a>{who}{switchTo}</header>
            <main><h1>{title}</h1>{body}</main></body></html>
            """);
        return Results.Content(page.Value, "text/html; charset=utf-8", statusCode: status);
    }

    static Html Menu(Visitor v) => v.Role switch
    {
        "clerk" => Html.Of($"<a href=\"/workbench/day-list\">{v.T("当日受理", "Day list")}</a> <a href=\"/workbench/units/new\">{v.T("设立单元", "Establish a unit")}</a> <a href=\"/workbench/applications/new\">{v.T("受理申请", "Take in an application")}</a> <a href=\"/workbench/units\">{v.T("查单元", "Find a unit")}</a> <a href=\"/workbench/certificates\">{v.T("核验证书", "Check a certificate")}</a>"),
        "reviewer" => Html.Of($"<a href=\"/workbench/review-queue\">{v.T("审核队列", "Review queue")}</a> <a href=\"/workbench/units\">{v.T("查单元", "Find a unit")}</a> <a href=\"/workbench/certificates\">{v.T("核验证书", "Check a certificate")}</a>"),
        "holder" => Html.Of($"<a href=\"/workbench/holder\">{v.T("我的不动产", "My units")}</a> <a href=\"/workbench/units\">{v.T("查单元", "Find a unit")}</a> <a href=\"/workbench/certificates\">{v.T("核验证书", "Check a certificate")}</a>"),
        "" => Html.Empty,
        _ => Html.Of($"<a href=\"/workbench/units\">{v.T("查单元", "Find a unit")}</a> <a href=\"/workbench/certificates\">{v.T("核验证书", "Check a certificate")}</a>"),
    };

    public static string RoleName(Visitor v, string role) => role switch
    {
        "clerk" => v.T("受理人员", "clerk"),
        "reviewer" => v.T("审核人员", "reviewer"),
        "holder" => v.T("权利人", "holder"),
        "party" => v.T("利害关系人", "interested party"),
        "prospect" => v.T("意向购买人", "prospective buyer"),
        "agency" => v.T("政府部门", "agency"),
        "tax" => v.T("税务", "tax"),
        "bank" => v.T("银行", "bank"),
        "auditor" => v.T("审计", "auditor"),
        _ => role,
    };

    public static Html Refusal(Answer answer) => Html.Of($"<div class=\"refusal\" role=\"alert\">{answer.Refusal}</div>");

    public static Html Refusal(string sentence) => Html.Of($"<div class=\"refusal\" role=\"alert\">{sentence}</div>");

    /// <summary>An instant as a person in the registry reads it: China Standard Time.</summary>
    public static string When(JsonNode? instant) =>
        instant is not null && DateTimeOffset.TryParse(instant.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToOffset(RegistryTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
            : instant?.ToString() ?? "";

    public static string S(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value => value.ToString(),
        _ => node.ToJsonString(LedgerJson.Options),
    };

    public static IResult SignInFirst(HttpContext context) =>
        Results.Redirect("/workbench/sign-in?then=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
}
