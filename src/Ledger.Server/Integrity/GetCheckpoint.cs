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

/// <summary>How far the log has come, for <c>GET /health</c>: the leaves hashed, the last sequence among them, and the latest checkpoint.</summary>
public sealed record IntegrityHealth(long Leaves, long LastSequence, long? SignedTreeSize, DateTimeOffset? SignedAt)
{
    public static async Task<IntegrityHealth> ReadAsync(IDocumentStore store, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
             select t.tree_size, t.last_sequence, c.tree_size, c.issued_at
             from (select 1) one
               left join {schema}.{LogTables.Tree} t on t.id = 1
               left join lateral (select tree_size, issued_at from {schema}.{LogTables.Checkpoints} order by tree_size desc limit 1) c on true
             """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new IntegrityHealth(reader.IsDBNull(0) ? 0 : reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }
}
