using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Hosting;

public sealed record DatabaseHealth(string Status, double LatencyMs, long EventSequence, string? Error);

public sealed record ProjectionHealth(string Name, string Lifecycle, string Status);

public sealed record HealthReport(
    string Status, DatabaseHealth Database, IReadOnlyList<ProjectionHealth> Projections, Integrity.IntegrityHealth? Integrity = null);

/// <summary><c>GET /health</c>: can the ledger reach its database, and are its views current.</summary>
public static class HealthEndpoint
{
    [WolverineGet("/health")]
    [Tags("Operations")]
    [EndpointSummary("Database reachability and the state of the views")]
    [ProducesResponseType<HealthReport>(200)]
    [ProducesResponseType<HealthReport>(503)]
    public static async Task<IResult> Get(IDocumentStore store, CancellationToken ct)
    {
        DatabaseHealth database;
        Integrity.IntegrityHealth? integrity = null;
        var watch = Stopwatch.StartNew();
        try
        {
            var statistics = await store.Advanced.FetchEventStoreStatistics(token: ct);
            database = new DatabaseHealth("up", watch.Elapsed.TotalMilliseconds, statistics.EventSequenceNumber, null);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            database = new DatabaseHealth("down", watch.Elapsed.TotalMilliseconds, 0, e.Message);
        }

        // The integrity log follows the events by a second or so: its last sequence against the event sequence shows the lag.
        if (database.Status == "up")
        {
            try { integrity = await Integrity.IntegrityHealth.ReadAsync(store, ct); }
            catch (Npgsql.NpgsqlException) { integrity = null; }
        }

        // Inline projections commit with the events they fold, so they are never behind the register.
        var projections = store.Options.Events.Projections()
            .Select(p => new ProjectionHealth(p.Name, p.Lifecycle.ToString().ToLowerInvariant(), database.Status == "up" ? "current" : "unknown"))
            .ToList();
        var report = new HealthReport(database.Status == "up" ? "healthy" : "unhealthy", database, projections, integrity);
        return Results.Json(report, LedgerJson.Options, statusCode: database.Status == "up" ? 200 : 503);
    }
}
