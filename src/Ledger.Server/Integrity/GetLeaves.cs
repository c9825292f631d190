using System.Security.Claims;
using System.Text;
using Ledger.Access;
using Ledger.Hosting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Integrity;

/// <summary>A leaf of the log: its entry (canonical JSON, recomputed from the stored event) and the hash the log holds.</summary>
public sealed record Leaf(long Index, long Sequence, string? Entry, string LeafHash);

/// <summary>
/// <c>GET /api/integrity/leaves?from=&amp;count=</c>: leaves in log order. An entry is the whole event, identity numbers
/// and all, so the leaves are for auditors only (DOMAIN.md "Who may see what").
/// </summary>
public static class GetLeavesEndpoint
{
    public const int MostPerPage = 1_000;

    public static ProblemDetails Validate(long? from, int? count, ClaimsPrincipal user)
    {
        if (Caller.From(user).Role != Roles.Auditor)
            return Problems.Forbidden("not-allowed-to-view", "The leaves carry every recorded event whole: they are open to auditors only.");
        if (from is < 0 || count is < 1 or > MostPerPage)
            return Problems.Invalid("invalid-leaf-range", $"from is a leaf index ≥ 0 and count is 1 to {MostPerPage}.");
        return WolverineContinue.NoProblems;
    }

    [Authorize]
    [WolverineGet("/api/integrity/leaves")]
    [Tags("Integrity")]
    [EndpointSummary("Leaves of the log in order: index, event sequence, canonical entry and leaf hash (auditors)")]
    public static async Task<IReadOnlyList<Leaf>> Get(long? from, int? count, IDocumentStore store, CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        return await ReadAsync(connection, schema, from ?? 0, count ?? 100, ct);
    }

    /// <summary>Leaves [from, from + count), each entry recomputed from mt_events (null when its event is no longer there).</summary>
    public static async Task<List<Leaf>> ReadAsync(NpgsqlConnection connection, string schema, long from, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
             select l.leaf_index, l.sequence, l.hash, e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text
             from {schema}.{LogTables.Leaves} l left join {schema}.mt_events e on e.seq_id = l.sequence
             where l.leaf_index >= $1 order by l.leaf_index limit $2
             """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        command.Parameters.Add(new NpgsqlParameter { Value = count });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var leaves = new List<Leaf>();
        while (await reader.ReadAsync(ct))
        {
            var entry = reader.IsDBNull(3)
                ? null
                : new LeafEntry(reader.GetInt64(3), reader.GetString(4), reader.GetInt64(5), reader.GetString(6),
                    reader.GetFieldValue<DateTimeOffset>(7), reader.GetString(8));
            leaves.Add(new Leaf(reader.GetInt64(0), reader.GetInt64(1), entry is null ? null : Encoding.UTF8.GetString(entry.Canonical()),
                Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(2))));
        }
        return leaves;
    }
}
