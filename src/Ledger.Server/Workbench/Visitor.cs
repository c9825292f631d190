using Microsoft.IdentityModel.JsonWebTokens;

namespace Ledger.Workbench;

/// <summary>
/// Who is at the workbench: the bearer token kept in an HttpOnly cookie and the language they read.
/// The claims are read only to greet the person and choose their menu; every decision is the API's, which verifies the token.
/// </summary>
public sealed record Visitor(string? Token, string Role, string Name, string Sub, string? Office, bool English)
{
    public const string TokenCookie = "ledger-workbench-token";
    public const string LanguageCookie = "ledger-workbench-lang";

    public bool SignedIn => Token is not null;

    /// <summary>The sentence in the visitor's language: Chinese first, English on request.</summary>
    public string T(string zh, string en) => English ? en : zh;

    public static Visitor Of(HttpContext context)
    {
        var english = context.Request.Query["lang"].ToString() switch
        {
            "en" => true,
            "zh" or "zh-CN" => false,
            _ => context.Request.Cookies[LanguageCookie] == "en",
        };
        var token = context.Request.Cookies[TokenCookie];
        if (string.IsNullOrEmpty(token)) return new Visitor(null, "", "", "", null, english);
        try
        {
            var jwt = new JsonWebTokenHandler().ReadJsonWebToken(token);
            string? Claim(string type) => jwt.TryGetPayloadValue<string>(type, out var value) ? value : null;
            if (jwt.ValidTo < context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime) return new Visitor(null, "", "", "", null, english);
            return new Visitor(token, Claim("role") ?? "", Claim("name") ?? "", Claim("sub") ?? "", Claim("office"), english);
        }
        catch (ArgumentException)
        {
            return new Visitor(null, "", "", "", null, english);
        }
    }

    /// <summary>Remembers a language chosen with <c>?lang=</c>.</summary>
    public static void RememberLanguage(HttpContext context)
    {
        var lang = context.Request.Query["lang"].ToString();
        if (lang is "en" or "zh")
            context.Response.Cookies.Append(LanguageCookie, lang, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/workbench" });
    }
}
