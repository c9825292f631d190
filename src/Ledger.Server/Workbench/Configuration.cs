namespace Ledger.Workbench;

/// <summary>
/// The web workbench at <c>/workbench</c>: server-rendered pages for clerks, reviewers, holders and anyone checking a
/// certificate. Plain HTML from the server (no script, nothing fetched from elsewhere), Chinese first, English on request.
/// The pages act through the ledger's own HTTP API with the visitor's token, so they enforce exactly the contract's rules.
/// </summary>
public static class Configuration
{
    public static IServiceCollection AddWorkbench(this IServiceCollection services)
    {
        services.AddHttpClient(LedgerApi.Client);
        services.AddScoped<LedgerApi>();
        return services;
    }

    public static WebApplication MapWorkbench(this WebApplication app)
    {
        var pages = app.MapGroup("/workbench").ExcludeFromDescription().AddEndpointFilter(ShowFailuresPlainly);
        pages.MapGet("", Home);
        pages.MapGet("/sign-in", SignIn.Form);
        pages.MapPost("/sign-in", SignIn.Submit);
        pages.MapPost("/sign-out", SignIn.SignOut);
        pages.MapGet("/units/new", Clerk.EstablishForm);
        pages.MapPost("/units/new", Clerk.Establish);
        pages.MapGet("/applications/new", Clerk.TakeInForm);
        pages.MapPost("/applications/new", Clerk.TakeIn);
        pages.MapGet("/day-list", Clerk.DayList);
        pages.MapGet("/review-queue", Applications.ReviewQueue);
        pages.MapGet("/applications/{id}", Applications.File);
        pages.MapPost("/applications/{id}/{action:regex(^(review|record|withdraw)$)}", Applications.Act);
        pages.MapGet("/units", UnitPage.Find);
        pages.MapGet("/units/{unitCode}", UnitPage.Show);
        pages.MapGet("/units/{unitCode}/map.svg", UnitPage.Map);
        pages.MapGet("/holder", HolderPage.Show);
        pages.MapGet("/certificates", CertificateCheck.Show);
        pages.MapGet("/statistics", StatisticsPage.Show);
        return app;
    }

    static IResult Home(HttpContext context)
    {
        var v = Visitor.Of(context);
        if (!v.SignedIn) return Results.Redirect("/workbench/sign-in");
        return v.Role switch
        {
            "clerk" => Results.Redirect("/workbench/day-list"),
            "reviewer" => Results.Redirect("/workbench/review-queue"),
            "holder" => Results.Redirect("/workbench/holder"),
            _ => Results.Redirect("/workbench/units"),
        };
    }

    /// <summary>A failure inside the workbench is a sentence on a page, never a stack trace; the trace goes to the log.</summary>
    static async ValueTask<object?> ShowFailuresPlainly(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        // A form posted from another site is refused (the sign-in cookie is also SameSite=Strict): OWASP's origin check.
        var request = invocation.HttpContext.Request;
        if (HttpMethods.IsPost(request.Method) && request.Headers.Origin.ToString() is { Length: > 0 } origin
            && !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            var visitor = Visitor.Of(invocation.HttpContext);
            return Layout.Page(invocation.HttpContext, visitor, visitor.T("拒绝", "Refused"),
                Layout.Refusal(visitor.T("此表单来自其他网站，未予处理。", "This form came from another site and was not acted on.")), 403);
        }
        try
        {
            return await next(invocation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var context = invocation.HttpContext;
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ledger.Workbench").LogError(e, "Workbench page {Path} failed", context.Request.Path);
            var v = Visitor.Of(context);
            return Layout.Page(context, v, v.T("出错了", "Something went wrong"),
                Layout.Refusal(v.T("工作台暂时无法完成此操作，请稍后再试；如持续出现，请联系系统管理员。", "The workbench could not do this just now. Try again; if it persists, tell the system administrator.")), 500);
        }
    }
}
