using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Ledger.Hosting;

public static class Telemetry
{
    /// <summary>
    /// Traces and metrics of ASP.NET Core, Wolverine, Marten and Npgsql; exported over OTLP when
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or <c>Ledger:Otlp:Endpoint</c>) is set. Logs are JSON with
    /// the trace id, which is also the correlation id recorded on every event.
    /// </summary>
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o => o.IncludeScopes = true);
        else
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        var endpoint = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] ?? builder.Configuration["Ledger:Otlp:Endpoint"];
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("ledger"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddSource("Wolverine", "Marten")
                .AddNpgsql())
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("Wolverine", "Marten", "Npgsql"));
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var uri = new Uri(endpoint);
            otel.WithTracing(t => t.AddOtlpExporter(o => o.Endpoint = uri))
                .WithMetrics(m => m.AddOtlpExporter(o => o.Endpoint = uri));
        }
        return builder;
    }
}
