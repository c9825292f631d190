using Ledger.Hosting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Ledger.Integrity;

/// <summary>An audit path (RFC 6962 §2.1.1) or a consistency proof (§2.1.2): lowercase hex hashes, leaf side first.</summary>
public sealed record Proof(IReadOnlyList<string> Hashes);

/// <summary>
/// <c>GET /api/integrity/proofs/inclusion?index=&amp;treeSize=</c> and <c>…/consistency?from=&amp;to=</c>: hashes only,
/// nothing about a unit or a person, so open to any identified caller. Sizes up to the leaves the log holds.
/// </summary>
public static class GetInclusionProofEndpoint
{
    public static Task<ProblemDetails> ValidateAsync(long? index, long? treeSize, IDocumentStore store, CancellationToken ct) =>
        Proofs.CheckAsync(index is { } m && treeSize is { } n && 0 <= m && m < n, treeSize, "Give index and treeSize with 0 ≤ index < treeSize.", store, ct);

    [Authorize]
    [WolverineGet("/api/integrity/proofs/inclusion")]
    [Tags("Integrity")]
    [EndpointSummary("The audit path of a leaf in the tree of the given size (RFC 6962 §2.1.1)")]
    public static Task<Proof> Get(long? index, long? treeSize, IDocumentStore store, CancellationToken ct) =>
        Proofs.ProveAsync(store, MerkleTree.InclusionRanges(index!.Value, treeSize!.Value), ct);
}

public static class GetConsistencyProofEndpoint
{
    public static Task<ProblemDetails> ValidateAsync(long? from, long? to, IDocumentStore store, CancellationToken ct) =>
        Proofs.CheckAsync(from is { } m && to is { } n && 1 <= m && m <= n, to, "Give from and to with 1 ≤ from ≤ to.", store, ct);

    [Authorize]
    [WolverineGet("/api/integrity/proofs/consistency")]
    [Tags("Integrity")]
    [EndpointSummary("That the tree of size 'from' is a prefix of the tree of size 'to' (RFC 6962 §2.1.2)")]
    public static Task<Proof> Get(long? from, long? to, IDocumentStore store, CancellationToken ct) =>
        Proofs.ProveAsync(store, MerkleTree.ConsistencyRanges(from!.Value, to!.Value), ct);
}

public static class Proofs
{
    /// <summary>The sizes given and in order, and no larger than the log: otherwise 400 <c>proof-out-of-range</c>.</summary>
    public static async Task<ProblemDetails> CheckAsync(bool inOrder, long? treeSize, string detail, IDocumentStore store, CancellationToken ct)
    {
        if (!inOrder) return Problems.Invalid("proof-out-of-range", detail);
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var logged = await GetCheckpointEndpoint.LoggedAsync(connection, schema, ct);
        return treeSize > logged
            ? Problems.Invalid("proof-out-of-range", $"The log holds {logged} leaves, fewer than {treeSize}.")
            : WolverineContinue.NoProblems;
    }

    public static async Task<Proof> ProveAsync(IDocumentStore store, List<(long Start, long End)> ranges, CancellationToken ct)
    {
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);
        var hashes = await LogTables.RangeHashesAsync(connection, store.Options.DatabaseSchemaName, ranges, ct)
                     ?? throw new InvalidOperationException("The log lacks a subtree it should hold.");
        return new Proof([.. hashes.Select(Convert.ToHexStringLower)]);
    }
}
