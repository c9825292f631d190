using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Applications;
using Ledger.Certificates;
using Ledger.Hosting;
using Ledger.Integrity;
using Ledger.Legacy;
using Ledger.Numbers;
using Ledger.Sharing;
using Ledger.Units;
using Ledger.Workbench;
using Ledger.Units.Queries;
using Marten;
using Weasel.Core;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

// A configuration the ledger cannot start with is told in one sentence (what to set or install), not a stack trace.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");

    var connectionString = await LedgerDatabase.ResolveAsync(builder);
    builder.Services.AddSingleton(new LedgerConnection(connectionString));

    builder.AddTelemetry().AddAccess().AddQueryLog().AddSharing().AddIntegrity();
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ExceptionProblems.Customize);
    builder.Services.AddExceptionHandler<ExceptionProblems>();
    builder.Services.ConfigureHttpJsonOptions(o => LedgerJson.Configure(o.SerializerOptions));
    builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
    {
        document.Info.Title = "Ledger — unified real-estate register";
        document.Info.Description = "The HTTP contract of the register (shared/API.md, extended). Errors are application/problem+json with a stable code.";
        document.Servers?.Clear();
        return Task.CompletedTask;
    }));

    builder.Services.AddMarten(options => LedgerStore.Configure(options, connectionString))
        .UseLightweightSessions()
        .ApplyAllDatabaseChangesOnStartup()
        // Feeds, statistics and the integrity log follow the event log behind its high-water mark, in order; with
        // several servers on one database, one of them (advisory lock) runs them and the others stand by.
        // Ledger:AsyncDaemon=Disabled runs none of them here (a bulk loader, a read-only server; another node runs them).
        .AddAsyncDaemon(LedgerStore.DaemonDisabled(builder.Configuration)
            ? JasperFx.Events.Daemon.DaemonMode.Disabled
            : JasperFx.Events.Daemon.DaemonMode.HotCold)
        .IntegrateWithWolverine();

    builder.Host.UseWolverine(options =>
    {
        options.Policies.AutoApplyTransactions();
        options.Durability.Mode = builder.Environment.IsProduction() ? DurabilityMode.Balanced : DurabilityMode.Solo;
        options.CodeGeneration.TypeLoadMode = TypeLoadMode.Auto;
        // Lapse reminders are scheduled local messages; durable queues keep them in PostgreSQL across restarts.
        options.Policies.UseDurableLocalQueues();
    });
    builder.Services.AddWolverineHttp();
    builder.Services.AddWorkbench();
    builder.Services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
    {
        // Behind a reverse proxy the scheme, host and client address are the proxy's to tell (OGC links are absolute).
        // Trusted: a proxy on this machine (loopback, ASP.NET Core's default) and the addresses in Ledger:ForwardedHeaders:KnownProxies.
        options.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor
            | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedHost;
        foreach (var proxy in builder.Configuration.GetSection("Ledger:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    });

    var app = builder.Build();

    app.UseForwardedHeaders();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseAuthentication();
    app.UseAuthorization();

    app.MapOpenApi();
    app.MapScalarApiReference("/docs", o => o.WithTitle("Ledger — real-estate register API"));
    app.MapWolverineEndpoints(o =>
    {
        o.AddPolicy<RecorderStamp.Policy>();
        // ?limit=abc is refused (400 invalid-query-value), never read as "no limit given".
        o.RejectUnparseableQueryValues = true;
    });
    app.MapWorkbench();

    return await app.RunJasperFxCommands(args);
}
catch (LedgerStartupException e)
{
    Console.Error.WriteLine($"Ledger cannot start: {e.Message}");
    return LedgerStartupException.ExitCode;
}

/// <summary>The server's entry point, visible to the HTTP tests that host it.</summary>
public partial class Program;
