using JasperFx;
using Marten.Exceptions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Ledger.Hosting;

/// <summary>
/// A rule found broken only once the write took its lock (a concurrent writer got there first): refused like any
/// other 409, and the transaction rolls back with it.
/// </summary>
public sealed class RefusedUnderLockException(string code, string detail) : Exception(detail)
{
    public string Code { get; } = code;
}

/// <summary>
/// Turns what escapes an endpoint into problem+json: a concurrent change to the same stream is a 409
/// the caller can retry; anything else is a 500 that names its trace, never a stack trace.
/// </summary>
public sealed class ExceptionProblems(IProblemDetailsService problems, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            RefusedUnderLockException r => Problems.Refused(r.Code, r.Message),
            ExistingStreamIdCollisionException e => Problems.Refused("unit-exists", $"The register already holds {e.Id}."),
            ConcurrencyException => Problems.Refused("concurrency-conflict",
                "Someone else changed this record at the same moment; nothing was recorded. Read it again and retry."),
            BadHttpRequestException bad => Problems.Of(bad.StatusCode, Problems.DefaultCode(bad.StatusCode), bad.Message),
            _ => null,
        };

        if (problem is null)
        {
            logger.LogError(exception, "Unhandled failure answering {Path}", httpContext.Request.Path);
            problem = Problems.Of(500, "internal-error", "The ledger could not answer this request. Nothing was recorded by it.");
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>Every problem, the framework's too, carries a code and the request's trace id.</summary>
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Status = status;
        // Wolverine's refusal of a query value that does not parse (RejectUnparseableQueryValues) names the parameter.
        if (status == 400 && problem.Extensions.ContainsKey("parameter")) problem.Extensions.TryAdd("code", "invalid-query-value");
        problem.Extensions.TryAdd("code", Problems.DefaultCode(status));
        problem.Title ??= Problems.TitleFor(status);
        problem.Detail ??= status switch
        {
            401 => "Sign in: this request needs a bearer token.",
            403 => "Your role or office does not allow this.",
            404 => "There is nothing at this address.",
            _ => null,
        };
        var traceId = context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity?.TraceId.ToString()
                      ?? context.HttpContext.TraceIdentifier;
        problem.Extensions.TryAdd("traceId", traceId);
    }
}
