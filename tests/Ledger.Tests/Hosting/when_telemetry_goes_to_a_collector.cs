using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Ledger.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Ledger.Tests.Hosting;

/// <summary>
/// With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set (here with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>), the real server
/// sends its traces and metrics to that collector: the request's span, with the trace id the recording keeps as its
/// correlation id, Npgsql's spans of the statements, and ASP.NET Core's and Marten's metrics. The collector here is an
/// HTTP listener that keeps what it is sent, each signal at the path the OTLP/HTTP specification gives it.
/// </summary>
public sealed class when_telemetry_goes_to_a_collector
{
    const string TraceId = "0af7651916cd43dd8448eb211c80319c";

    [Fact]
    public async Task the_recording_s_trace_and_the_metrics_reach_it()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var collectorBuilder = WebApplication.CreateSlimBuilder();
        collectorBuilder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        await using var collector = collectorBuilder.Build();
        collector.MapPost("/{**signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path.Value!, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        await collector.StartAsync();

        await using var scratch = await ScratchDatabase.CreateAsync("telemetry");
        var keyFolder = Directory.CreateTempSubdirectory("ledger-telemetry-key-").FullName;
        try
        {
            var (server, _) = await ServerRun.StartAsync(new Dictionary<string, string>
            {
                ["ConnectionStrings__Ledger"] = scratch.ConnectionString,
                ["Ledger__AsyncDaemon"] = "Disabled",
                ["Ledger__Integrity__SigningKeyFile"] = Path.Combine(keyFolder, "integrity-signing-key.pem"),
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.Single(),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            });
            await using (server)
            {
                var ledger = new LedgerClient(new HttpClient { BaseAddress = server.Address });
                var clerk = await ledger.TokenAsync("clerk", People.ClerkWang, People.Office);
                const string unit = "110105003002GB00041W00000000";
                (await ledger.SendAsync(HttpMethod.Post, "/api/units", new
                {
                    unitCode = unit, location = "北京市朝阳区建国路88号", area = 9495.26, use = "城镇住宅用地",
                    geometry = new { type = "Polygon", coordinates = new[] { new[] { new[] { 116.46, 39.90 }, new[] { 116.461, 39.90 }, new[] { 116.461, 39.901 }, new[] { 116.46, 39.901 }, new[] { 116.46, 39.90 } } } },
                }, clerk, r => r.Headers.Add("traceparent", $"00-{TraceId}-00f067aa0ba902b7-01"))).ShouldBe(201);

                // The trace the recording keeps as its correlation id is the one the collector is sent. Spans come in batches as
                // they end (the statements' before the request's), so the collector is given until everything has arrived.
                byte[] Signal(string path) => [.. received.Where(r => r.Path == path).SelectMany(r => r.Body)];
                (string Signal, string What, byte[] Bytes)[] expected =
                [
                    ("/v1/traces", "the request's trace id", Convert.FromHexString(TraceId)),
                    .. new[] { "ledger", "Microsoft.AspNetCore", "Npgsql", "/api/units", "Ledger.Units.Establishing" }.Select(n => ("/v1/traces", n, Encoding.UTF8.GetBytes(n))),
                    ("/v1/metrics", "ASP.NET Core's request duration", "http.server.request.duration"u8.ToArray()),
                    ("/v1/metrics", "Marten's count of appended events", "marten.event.append"u8.ToArray()),
                ];
                IEnumerable<string> Missing() => expected.Where(e => !Contains(Signal(e.Signal), e.Bytes)).Select(e => $"{e.What} ({e.Signal})");
                var deadline = DateTime.UtcNow.AddSeconds(30);
                while (Missing().Any() && DateTime.UtcNow < deadline) await Task.Delay(200);
                Assert.True(!Missing().Any(), $"within 30 s the collector was sent {string.Join(", ", received.GroupBy(r => r.Path).Select(g => $"{g.Key} ×{g.Count()}"))}, "
                    + $"without: {string.Join("; ", Missing())}");
                Assert.Equal(TraceId, await scratch.ScalarAsync<string>($"select correlation_id from ledger.mt_events where stream_id = '{unit}'"));
                Assert.Equal(0, (await server.StopAsync()).Exit);
            }
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
