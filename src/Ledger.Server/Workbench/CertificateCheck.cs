using static Ledger.Workbench.Layout;

namespace Ledger.Workbench;

/// <summary>The certificate check anyone identified may use: is this certificate or proof number valid, or superseded?</summary>
public static class CertificateCheck
{
    public static async Task<IResult> Show(HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return SignInFirst(context);
        var number = context.Request.Query["number"].ToString().Trim();
        var title = v.T("证书核验", "Certificate check");
        var form = Html.Of($"""
            <form method="get" action="/workbench/certificates"><label for="number">{v.T("不动产权证书号或登记证明号", "Certificate or proof number")}</label>
            <input id="number" name="number" value="{number}" required><button type="submit">{v.T("核验", "Check")}</button></form>
            """);
        if (number.Length == 0) return Page(context, v, title, form);
        var answer = await api.GetAsync($"/api/certificates/{Uri.EscapeDataString(number)}", v.Token, ct);
        if (!answer.Ok) return Page(context, v, title, Html.Of($"{form}{Refusal(answer)}"), answer.Status);
        var c = answer.Body!;
        var valid = c["valid"]?.GetValue<bool>() == true;
        var verdict = valid
            ? Html.Of($"<div class=\"done\" role=\"status\" id=\"verdict\">{v.T("有效：本证书为该单元现行有效的登记。", "Valid: this is the unit's registration in force.")}</div>")
            : Html.Of($"<div class=\"refusal\" role=\"status\" id=\"verdict\">{v.T("已失效：已被后续登记取代。", "No longer valid: superseded by a later registration.")} {S(c["supersededBy"])}</div>");
        return Page(context, v, title, Html.Of($"""
            {form}{verdict}
            <table><tr><th>{v.T("证号", "Number")}</th><td>{S(c["number"])}</td></tr>
            <tr><th>{v.T("不动产单元", "Unit")}</th><td>{S(c["unitCode"])}</td></tr>
            <tr><th>{v.T("发证时间", "Issued")}</th><td>{When(c["issuedAt"])}</td></tr>
            <tr><th>{v.T("登记日志叶序号", "Integrity log leaf")}</th><td id="leaf-index">{(c["leafIndex"] is null ? v.T("尚未入日志，请稍后再查", "not yet in the log; ask again in a second") : S(c["leafIndex"]))}</td></tr></table>
            <p class="note">{v.T("凭叶序号可向任一后续签名检查点请求包含证明（/api/integrity/proofs/inclusion）。", "With the leaf index, any later signed checkpoint proves this registration (/api/integrity/proofs/inclusion).")}</p>
            """));
    }
}
