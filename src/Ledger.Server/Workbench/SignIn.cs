using System.Text.Json.Nodes;
using Ledger.Access;

namespace Ledger.Workbench;

/// <summary>
/// Signing in. In local mode a person picks role, name, identity number and office and gets a development token
/// (<c>POST /dev/tokens</c>), kept in an HttpOnly cookie; outside local mode sign-in belongs to the identity provider.
/// </summary>
public static class SignIn
{
    public static IResult Form(HttpContext context, IConfiguration configuration, IHostEnvironment environment)
    {
        var v = Visitor.Of(context);
        return Layout.Page(context, v, v.T("登录", "Sign in"), Body(v, configuration.LocalMode(environment), context.Request.Query["then"], null));
    }

    static Html Body(Visitor v, bool local, string? then, Answer? refused, IFormCollection? form = null)
    {
        if (!local)
            return Html.Of($"<p>{v.T("本系统通过统一身份认证平台登录。请从单位门户进入，持有效令牌访问。", "Sign-in is by the identity provider: come in through your organisation's portal with a valid token.")}</p>");
        string Value(string name, string fallback) => form?[name].ToString() is { Length: > 0 } given ? given : fallback;
        var roles = Html.Join(Roles.All.Order(StringComparer.Ordinal).Select(r =>
            Html.Of($"<option value=\"{r}\"{(Value("role", "clerk") == r ? new Html(" selected") : Html.Empty)}>{Layout.RoleName(v, r)} ({r})</option>")));
        return Html.Of($"""
            <p class="note">{v.T("本地模式：选择身份即可取得开发令牌（仅本地与测试环境可用）。", "Local mode: choose who you are to get a development token (local runs and tests only).")}</p>
            {(refused is null ? Html.Empty : Layout.Refusal(refused))}
            <form method="post" action="/workbench/sign-in">
            <input type="hidden" name="then" value="{then ?? ""}">
            <label for="role">{v.T("角色", "Role")}</label><select id="role" name="role">{roles}</select>
            <label for="name">{v.T("姓名", "Name")}</label><input id="name" name="name" value="{Value("name", "")}" required>
            <label for="sub">{v.T("身份证号码 / 统一社会信用代码", "Identity number / credit code")}</label><input id="sub" name="sub" value="{Value("sub", "")}" required>
            <label for="office">{v.T("登记机构（6 位行政区划代码，受理与审核人员必填）", "Office (6-digit county code; clerks and reviewers)")}</label><input id="office" name="office" value="{Value("office", "")}">
            <button type="submit">{v.T("登录", "Sign in")}</button>
            </form>
            """);
    }

    public static async Task<IResult> Submit(HttpContext context, LedgerApi api, IConfiguration configuration, IHostEnvironment environment, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        var form = await context.Request.ReadFormAsync(ct);
        var office = form["office"].ToString().Trim();
        var answer = await api.PostAsync("/dev/tokens", new JsonObject
        {
            ["role"] = form["role"].ToString(), ["sub"] = form["sub"].ToString().Trim(), ["name"] = form["name"].ToString().Trim(),
            ["office"] = office.Length == 0 ? null : office,
        }, null, ct);
        if (!answer.Ok || answer.Body?["token"]?.GetValue<string>() is not { } token)
            return Layout.Page(context, v, v.T("登录", "Sign in"), Body(v, configuration.LocalMode(environment), form["then"], answer, form), answer.Status is >= 400 and < 500 ? answer.Status : 400);

        context.Response.Cookies.Append(Visitor.TokenCookie, token, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/workbench", IsEssential = true, Secure = context.Request.IsHttps,
        });
        var then = form["then"].ToString();
        return Results.Redirect(then.StartsWith("/workbench", StringComparison.Ordinal) && !then.StartsWith("//", StringComparison.Ordinal) ? then : "/workbench");
    }

    public static IResult SignOut(HttpContext context)
    {
        context.Response.Cookies.Delete(Visitor.TokenCookie, new CookieOptions { Path = "/workbench" });
        return Results.Redirect("/workbench/sign-in");
    }
}
