using Ledger.Hosting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Integrity;

/// <summary>
/// <c>GET /api/integrity/checkpoint</c>: the latest signed checkpoint. It says nothing about any unit or person, so any
/// identified caller may hold one, and later ask for a consistency proof from it.
/// </summary>
public static class GetCheckpointEndpoint
{
    public static async Task<(Checkpoint?, ProblemDetails)> LoadAsync(IDocumentStore store, CancellationToken ct)
    {
        var latest = await LatestAsync(store, ct);
        return latest is null
            ? (null, Problems.NotFound("no-checkpoint-yet", "The log has signed no checkpoint yet: nothing has been recorded, or the first one is on its way."))
            : (latest, WolverineContinue.NoProblems);
    }

    [Authorize]
    [WolverineGet("/api/integrity/checkpoint")]
    [Tags("Integrity")]
    [EndpointSummary("The latest signed checkpoint of the log: tree size, root hash, time, key id, signature and public key")]
    public static Checkpoint Get(Checkpoint checkpoint) => checkpoint;

    public static async Task<Checkpoint?> LatestAsync(IDocumentStore store, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return (await Checkpoints.ReadAsync(connection, store.Options.DatabaseSchemaName, latestOnly: true, ct)).SingleOrDefault();
    }

    /// <summary>The number of leaves the log holds now (at least every signed tree size).</summary>
    public static async Task<long> LoggedAsync(NpgsqlConnection connection, string schema, CancellationToken ct)
    {
        var (frontier, _) = await LogTables.ReadTreeAsync(connection, schema, ct);
        return frontier.Size;
    }
}
