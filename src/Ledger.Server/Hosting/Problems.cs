using Microsoft.AspNetCore.Mvc;

namespace Ledger.Hosting;

/// <summary>
/// Refusals as RFC 9457 problem details with the contract's stable <c>code</c> (API.md "Conventions").
/// </summary>
public static class Problems
{
    public static ProblemDetails Of(int status, string code, string detail, IDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = TitleFor(status),
            Detail = detail,
            Type = $"https://ledger.example/problems/{code}",
        };
        problem.Extensions["code"] = code;
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }

    public static ProblemDetails Invalid(string code, string detail, IDictionary<string, string[]>? errors = null) => Of(400, code, detail, errors);
    public static ProblemDetails Forbidden(string code, string detail) => Of(403, code, detail);
    public static ProblemDetails NotFound(string code, string detail) => Of(404, code, detail);
    public static ProblemDetails Refused(string code, string detail) => Of(409, code, detail);

    public static string TitleFor(int status) => status switch
    {
        400 => "The request is not valid",
        401 => "Identity required",
        403 => "Not allowed",
        404 => "Not found",
        405 => "Method not allowed",
        406 => "Not acceptable",
        409 => "Refused by the register",
        415 => "Unsupported media type",
        _ => "The ledger could not answer",
    };

    /// <summary>The code given to a problem raised by the framework rather than by a registry rule.</summary>
    public static string DefaultCode(int status) => status switch
    {
        400 => "malformed-request",
        401 => "identity-required",
        403 => "forbidden",
        404 => "not-found",
        405 => "method-not-allowed",
        406 => "not-acceptable",
        409 => "conflict",
        415 => "unsupported-media-type",
        _ => "internal-error",
    };
}
