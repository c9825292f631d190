using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.Events;
using Ledger.Access;
using Ledger.Applications;
using Ledger.Certificates;
using Ledger.Hosting;
using Ledger.Legacy;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Workbench;
using Ledger.Units.Queries;
using Marten;
using Weasel.Core;
using Scalar.AspNetCore;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");

var connectionString = await LedgerDatabase.ResolveAsync(builder);

builder.AddTelemetry().AddAccess().AddQueryLog();
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

builder.Services.AddMarten(options =>
    {
        options.Connection(LedgerDatabase.Tuned(connectionString));
        options.DatabaseSchemaName = "ledger";
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase, LedgerJson.Configure);
        options.Events.StreamIdentity = StreamIdentity.AsString;
        // One connection per session: a recording reads and writes on it instead of renting one per statement.
        options.UseStickyConnectionLifetimes = true;
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Storage.ExtendedSchemaObjects.Add(NumberSeries.Table("ledger"));
        options.AddUnits().AddApplications().AddCertificates().AddLegacy();
    })
    .UseLightweightSessions()
    .ApplyAllDatabaseChangesOnStartup()
    // Feeds, statistics and the integrity log follow the event log behind its high-water mark, in order; with
    // several servers on one database, one of them (advisory lock) runs them and the others stand by.
    .AddAsyncDaemon(JasperFx.Events.Daemon.DaemonMode.HotCold)
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

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi();
app.MapScalarApiReference("/docs", o => o.WithTitle("Ledger — real-estate register API"));
app.MapWolverineEndpoints(o => o.AddPolicy<RecorderStamp.Policy>());
app.MapWorkbench();

return await app.RunJasperFxCommands(args);

/// <summary>The server's entry point, visible to the HTTP tests that host it.</summary>
public partial class Program;
