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

        var standard = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        var configured = builder.Configuration["Ledger:Otlp:Endpoint"];
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
        if (!string.IsNullOrWhiteSpace(standard))
        {
            // The exporter reads OTEL_EXPORTER_OTLP_* itself: the protocol, the headers, and for http/protobuf the path of
            // each signal (/v1/traces, /v1/metrics), which an endpoint set in code would lose.
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }
        else if (!string.IsNullOrWhiteSpace(configured))
        {
            var uri = new Uri(configured);
            otel.WithTracing(t => t.AddOtlpExporter(o => o.Endpoint = ForSignal(o, uri, "v1/traces")))
                .WithMetrics(m => m.AddOtlpExporter(o => o.Endpoint = ForSignal(o, uri, "v1/metrics")));
        }
        return builder;
    }

    /// <summary>An endpoint given in the ledger's own settings: gRPC takes it as is, http/protobuf needs the signal's path on it.</summary>
    static Uri ForSignal(OpenTelemetry.Exporter.OtlpExporterOptions options, Uri endpoint, string path) =>
        options.Protocol == OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.ToString().TrimEnd('/') + "/" + path)
            : endpoint;
}
