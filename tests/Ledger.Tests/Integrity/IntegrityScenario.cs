using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Integrity;
using Ledger.Tests.Support;
using Marten;

namespace Ledger.Tests.Integrity;

/// <summary>What an auditor does with nothing but the public endpoints and SHA-256 (specs/integrity.md).</summary>
public abstract class IntegrityScenario(LedgerHost fixture) : LedgerScenario(fixture)
{
    protected static readonly People.Person AuditorChen = new("审计员陈", "110105197001010019");

    protected Task<string> AuditorAsync() => Ledger.TokenAsync("auditor", AuditorChen);

    protected async Task<long> EventCountAsync() =>
        (await Host.Services.GetRequiredService<IDocumentStore>().Advanced.FetchEventStoreStatistics()).EventCount;

    /// <summary>Waits until a checkpoint covers every event recorded so far (the log follows the events asynchronously).</summary>
    protected async Task<JsonNode> CheckpointCoveringAllAsync(string token)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var events = await EventCountAsync();
            var answer = await Ledger.GetAsync("/api/integrity/checkpoint", token);
            if (answer.Status == 200 && answer.Body!["treeSize"]!.GetValue<long>() == events) return answer.Body!;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No checkpoint covers the {events} events after 60 s; the latest answer: {answer.Status} {answer.Body?.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    protected static byte[] Sha256LeafHash(string entry) => SHA256.HashData([0, .. Encoding.UTF8.GetBytes(entry)]);

    protected static IReadOnlyList<byte[]> HashesOf(JsonNode proof) => [.. proof["hashes"]!.AsArray().Select(h => Convert.FromHexString(h!.GetValue<string>()))];

    /// <summary>The checkpoint's signature, checked as an outsider would: rebuild the signed JSON from its fields, verify with its key.</summary>
    protected static bool SignatureHolds(JsonNode checkpoint)
    {
        var signed = $"{{\"issuedAt\":\"{checkpoint["issuedAt"]}\",\"keyId\":\"{checkpoint["keyId"]}\",\"rootHash\":\"{checkpoint["rootHash"]}\",\"treeSize\":{checkpoint["treeSize"]}}}";
        using var key = ECDsa.Create();
        key.ImportFromPem(checkpoint["publicKey"]!.GetValue<string>());
        return Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo())) == checkpoint["keyId"]!.GetValue<string>()
               && key.VerifyData(Encoding.UTF8.GetBytes(signed), Convert.FromBase64String(checkpoint["signature"]!.GetValue<string>()),
                   HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    /// <summary>All leaves, as an auditor pages through them.</summary>
    protected async Task<List<JsonNode>> LeavesAsync(string auditor, long treeSize)
    {
        var leaves = new List<JsonNode>();
        while (leaves.Count < treeSize)
        {
            var page = (await Ledger.GetAsync($"/api/integrity/leaves?from={leaves.Count}&count=1000", auditor)).ShouldBe(200).Body!.AsArray();
            Assert.NotEmpty(page);
            leaves.AddRange(page.Select(l => l!));
        }
        return leaves;
    }

    protected static string RootOf(IEnumerable<JsonNode> leaves, long treeSize) =>
        Convert.ToHexStringLower(MerkleTree.Root([.. leaves.Take((int)treeSize).Select(l => Convert.FromHexString(l["leafHash"]!.GetValue<string>()))]));
}
