using System.Security.Claims;
using System.Text;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Units;
using Ledger.Units.Queries;
using Ledger.Units.Reading;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Integrity;

/// <summary>
/// One event of the unit in the log: its leaf and audit path against the checkpoint (null while not yet logged or not
/// yet signed). <c>Entry</c> only to those who see every identity number in it: the office's staff and auditors.
/// </summary>
public sealed record UnitEventProof(long Version, long Sequence, string Type, long? Index, string? LeafHash, string? Entry, IReadOnlyList<string>? Hashes);

public sealed record UnitProof(string UnitCode, Checkpoint? Checkpoint, IReadOnlyList<UnitEventProof> Events);

/// <summary>
/// <c>GET /api/units/{unitCode}/proof</c>: each event of the unit with its leaf index and inclusion proof against the
/// latest checkpoint, for whoever may read the unit's history (its holders, its office, auditors).
/// </summary>
public static class GetUnitProofEndpoint
{
    public static async Task<(Unit?, ProblemDetails)> LoadAsync(string unitCode, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        var (unit, problem) = await UnitPages.FindAsync(unitCode, session, ct);
        if (unit is null) return (null, problem);
        var caller = Caller.From(user);
        return caller.Role == Roles.Auditor || caller.IsStaffOf(unit.Office) || caller.IsHolderOf(unit)
            ? (unit, WolverineContinue.NoProblems)
            : (null, Problems.Forbidden("not-allowed-to-view", "A unit's proof is open to its holders, its office and auditors."));
    }

    [Authorize]
    [WolverineGet("/api/units/{unitCode}/proof")]
    [Tags("Integrity")]
    [EndpointSummary("Each event of the unit with its leaf index and inclusion proof against the latest checkpoint")]
    public static async Task<UnitProof> Get(Unit unit, ClaimsPrincipal user, IDocumentStore store, IQuerySession session, QueryLog log, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var showEntries = caller.Role == Roles.Auditor || caller.IsStaffOf(unit.Office);
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var checkpoint = (await Checkpoints.ReadAsync(connection, schema, latestOnly: true, ct)).SingleOrDefault();

        var rows = new List<(LeafEntry Entry, long? Index, byte[]? Hash)>();
        await using (var command = new NpgsqlCommand(
                         $"""
                          select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.data::text, l.leaf_index, l.hash
                          from {schema}.mt_events e left join {schema}.{LogTables.Leaves} l on l.sequence = e.seq_id
                          where e.stream_id = $1 order by e.version
                          """, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = unit.Id });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                rows.Add((LeafEntry.Read(reader), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.IsDBNull(7) ? null : reader.GetFieldValue<byte[]>(7)));
        }

        var events = new List<UnitEventProof>(rows.Count);
        foreach (var (entry, index, hash) in rows)
        {
            IReadOnlyList<string>? path = null;
            if (index is { } m && checkpoint is not null && m < checkpoint.TreeSize)
                path = (await LogTables.RangeHashesAsync(connection, schema, MerkleTree.InclusionRanges(m, checkpoint.TreeSize), ct))?
                    .Select(Convert.ToHexStringLower).ToList();
            events.Add(new UnitEventProof(entry.Version, entry.Sequence, entry.Type, index, hash is null ? null : Convert.ToHexStringLower(hash),
                showEntries ? Encoding.UTF8.GetString(entry.Canonical()) : null, path));
        }
        await log.RecordAsync(session, QueryLog.Entry(unit, caller, "proof", null, null, clock.GetUtcNow()), ct);
        return new UnitProof(unit.Id, checkpoint, events);
    }
}
