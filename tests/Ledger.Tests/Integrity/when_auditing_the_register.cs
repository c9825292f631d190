using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Hosting;
using Ledger.Integrity;
using Ledger.Tests.Support;
using Ledger.Units;
using Microsoft.AspNetCore.Builder;
using Marten;

namespace Ledger.Tests.Integrity;

public sealed class when_auditing_the_register(LedgerHost fixture) : IntegrityScenario(fixture)
{
    [Fact]
    public async Task nothing_is_signed_before_anything_is_recorded()
    {
        (await Ledger.GetAsync("/api/integrity/checkpoint", await AuditorAsync())).ShouldBeRefused(404, "no-checkpoint-yet");
    }

    [Fact]
    public async Task every_event_is_a_leaf_an_auditor_recomputes_with_sha256_under_a_signed_root()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("transfer", unit, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200);
        var auditor = await AuditorAsync();
        var checkpoint = await CheckpointCoveringAllAsync(auditor);
        var size = checkpoint["treeSize"]!.GetValue<long>();

        Assert.True(SignatureHolds(checkpoint), "the checkpoint's signature verifies with its public key");
        var leaves = await LeavesAsync(auditor, size);
        Assert.Equal(Enumerable.Range(0, (int)size).Select(i => (long)i), leaves.Select(l => l["index"]!.GetValue<long>()));
        foreach (var leaf in leaves)
        {
            var entry = leaf["entry"]!.GetValue<string>();
            Assert.Equal(leaf["leafHash"]!.GetValue<string>(), Convert.ToHexStringLower(Sha256LeafHash(entry)));
            var fields = JsonNode.Parse(entry)!.AsObject();
            Assert.Equal(["data", "recordedAt", "sequence", "streamKey", "type", "version"], fields.Select(f => f.Key));
            Assert.Equal(leaf["sequence"]!.GetValue<long>(), fields["sequence"]!.GetValue<long>());
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", fields["recordedAt"]!.GetValue<string>());
        }
        Assert.Contains(leaves, l => l["entry"]!.GetValue<string>().Contains($"\"streamKey\":\"{unit}\"", StringComparison.Ordinal));
        Assert.Equal(checkpoint["rootHash"]!.GetValue<string>(), RootOf(leaves, size));

        for (var index = 0; index < size; index++)
        {
            var proof = (await Ledger.GetAsync($"/api/integrity/proofs/inclusion?index={index}&treeSize={size}", Clerk)).ShouldBe(200).Body!;
            Assert.True(MerkleTree.VerifyInclusion(index, size, Convert.FromHexString(leaves[index]["leafHash"]!.GetValue<string>()), HashesOf(proof),
                Convert.FromHexString(checkpoint["rootHash"]!.GetValue<string>())), $"leaf {index}");
        }
    }

    [Fact]
    public async Task the_leaves_are_for_auditors_and_a_proof_asks_for_what_the_log_holds()
    {
        await RegisteredToAsync(People.ZhangSan);
        var auditor = await AuditorAsync();
        var size = (await CheckpointCoveringAllAsync(auditor))["treeSize"]!.GetValue<long>();

        (await Ledger.GetAsync("/api/integrity/leaves?from=0&count=10", Clerk)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync("/api/integrity/leaves?from=0&count=0", auditor)).ShouldBeRefused(400, "invalid-leaf-range");
        (await Ledger.GetAsync("/api/integrity/leaves?from=-1", auditor)).ShouldBeRefused(400, "invalid-leaf-range");
        (await Ledger.GetAsync($"/api/integrity/proofs/inclusion?index={size}&treeSize={size}", auditor)).ShouldBeRefused(400, "proof-out-of-range");
        (await Ledger.GetAsync($"/api/integrity/proofs/inclusion?index=0&treeSize={size + 1000}", auditor)).ShouldBeRefused(400, "proof-out-of-range");
        (await Ledger.GetAsync("/api/integrity/proofs/consistency?from=0&to=1", auditor)).ShouldBeRefused(400, "proof-out-of-range");
        (await Ledger.GetAsync($"/api/integrity/proofs/consistency?from=1&to={size + 1000}", auditor)).ShouldBeRefused(400, "proof-out-of-range");
        (await Ledger.GetAsync("/api/integrity/checkpoint", null)).ShouldBe(401);
    }

    [Fact]
    public async Task an_auditor_holding_an_old_checkpoint_sees_every_later_one_extend_it()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        var auditor = await AuditorAsync();
        var old = await CheckpointCoveringAllAsync(auditor);
        (await RecordAsync("mortgage", unit, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200);
        await RegisteredToAsync(People.LiSi);
        var later = await CheckpointCoveringAllAsync(auditor);

        var (m, n) = (old["treeSize"]!.GetValue<long>(), later["treeSize"]!.GetValue<long>());
        Assert.True(n > m);
        var proof = (await Ledger.GetAsync($"/api/integrity/proofs/consistency?from={m}&to={n}", Clerk)).ShouldBe(200).Body!;
        Assert.True(MerkleTree.VerifyConsistency(m, n, Convert.FromHexString(old["rootHash"]!.GetValue<string>()),
            Convert.FromHexString(later["rootHash"]!.GetValue<string>()), HashesOf(proof)));
    }

    [Fact]
    public async Task a_holder_proves_each_registration_of_their_unit_is_in_the_log_and_sees_no_one_elses_number()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", unit, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200);
        var auditor = await AuditorAsync();
        await CheckpointCoveringAllAsync(auditor);

        var holder = await Ledger.TokenAsync("holder", People.ZhangSan);
        var proof = (await Ledger.GetAsync($"/api/units/{unit}/proof", holder)).ShouldBe(200).Body!;
        var checkpoint = proof["checkpoint"]!;
        Assert.True(SignatureHolds(checkpoint));
        var events = proof["events"]!.AsArray();
        Assert.Equal([1L, 2L, 3L], events.Select(e => e!["version"]!.GetValue<long>()));
        foreach (var e in events)
        {
            Assert.Null(e!["entry"]);
            Assert.True(MerkleTree.VerifyInclusion(e["index"]!.GetValue<long>(), checkpoint["treeSize"]!.GetValue<long>(),
                Convert.FromHexString(e["leafHash"]!.GetValue<string>()), HashesOf(e), Convert.FromHexString(checkpoint["rootHash"]!.GetValue<string>())));
        }

        var asClerk = (await Ledger.GetAsync($"/api/units/{unit}/proof", Clerk)).ShouldBe(200).Body!["events"]!.AsArray();
        Assert.All(asClerk, e => Assert.Equal(e!["leafHash"]!.GetValue<string>(), Convert.ToHexStringLower(Sha256LeafHash(e["entry"]!.GetValue<string>()))));
        (await Ledger.GetAsync($"/api/units/{unit}/proof", await Ledger.TokenAsync("holder", People.LiSi))).ShouldBeRefused(403, "not-allowed-to-view");
    }

    [Fact]
    public async Task the_state_of_a_unit_at_a_checkpoint_replays_from_the_verified_leaves_alone()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("transfer", unit, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200);
        (await RecordAsync("mortgage", unit, [People.LiSi], MortgageTo(People.Bank))).ShouldBe(200);
        var auditor = await AuditorAsync();
        var checkpoint = await CheckpointCoveringAllAsync(auditor);
        var size = checkpoint["treeSize"]!.GetValue<long>();
        var leaves = await LeavesAsync(auditor, size);
        Assert.Equal(checkpoint["rootHash"]!.GetValue<string>(), RootOf(leaves, size));

        // Only verified leaves: each entry hashes to its leaf, and the leaves make the signed root (above).
        // The sentences a unit is folded from (specs/events.md), by the type name the log carries.
        var eventTypes = typeof(Unit).GetMethods().Where(m => m.Name is nameof(Unit.Create) or "Apply" && m.GetParameters().Length == 1)
            .Select(m => m.GetParameters()[0].ParameterType).Distinct()
            .ToDictionary(t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name), t => t, StringComparer.Ordinal);
        Unit? replayed = null;
        foreach (var leaf in leaves)
        {
            var entry = leaf["entry"]!.GetValue<string>();
            Assert.Equal(leaf["leafHash"]!.GetValue<string>(), Convert.ToHexStringLower(Sha256LeafHash(entry)));
            var fields = JsonNode.Parse(entry)!;
            if (fields["streamKey"]!.GetValue<string>() != unit) continue;
            var e = fields["data"].Deserialize(eventTypes[fields["type"]!.GetValue<string>()], LedgerJson.Options)!;
            replayed = replayed is null
                ? (Unit)typeof(Unit).GetMethod(nameof(Unit.Create), [e.GetType()])!.Invoke(null, [e])!
                : (Unit)typeof(Unit).GetMethod("Apply", [e.GetType()])!.Invoke(replayed, [e])!;
            replayed = replayed with { Version = fields["version"]!.GetValue<int>() };
        }

        var stored = await Host.Services.GetRequiredService<IDocumentStore>().QuerySession().LoadAsync<Unit>(unit);
        Assert.Equal(JsonSerializer.Serialize(stored, LedgerJson.Options), JsonSerializer.Serialize(replayed, LedgerJson.Options));
        Assert.Equal(People.LiSi.IdNumber, replayed!.Ownership!.Holders.Single().IdNumber);
        Assert.Single(replayed.Mortgages);
    }

    [Fact]
    public void outside_local_mode_the_checkpoint_key_must_be_configured_and_be_p256()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Ledger:LocalMode"] = "false";
        Assert.Throws<Ledger.Hosting.LedgerStartupException>(() => builder.AddIntegrity());

        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        Assert.Throws<InvalidOperationException>(() => new CheckpointSigner(p384.ExportPkcs8PrivateKeyPem()));
        using var signer = new CheckpointSigner(CheckpointSigner.NewKeyPem());
        var checkpoint = signer.Sign(3, MerkleTree.EmptyRoot, DateTimeOffset.UnixEpoch);
        Assert.True(checkpoint.IsSignedBy(signer.PublicKey));
        Assert.False((checkpoint with { TreeSize = 4 }).IsSignedBy(signer.PublicKey));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("Disabled", false)]
    public void only_a_server_whose_daemon_grows_the_log_signs_it(string? daemon, bool signs)
    {
        // A bulk loader or a read-only server beside the one that runs the daemon would otherwise sign the same log with a key of its own.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Ledger:AsyncDaemon"] = daemon;
        builder.Configuration["Ledger:Integrity:SigningKey"] = CheckpointSigner.NewKeyPem();
        builder.AddIntegrity();
        Assert.Equal(signs, builder.Services.Any(s => s.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)));
    }

    [Fact]
    public async Task a_certificate_checked_after_recording_carries_the_leaf_of_the_recording_that_issued_it()
    {
        var unit = await EstablishedParcelAsync();
        var certificate = (await RecordAsync("first-registration", unit, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200).Body!["certificateNumber"]!.GetValue<string>();
        var proofNumber = (await RecordAsync("mortgage", unit, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200).Body!["proofNumber"]!.GetValue<string>();
        var auditor = await AuditorAsync();
        var checkpoint = await CheckpointCoveringAllAsync(auditor);
        var (size, root) = (checkpoint["treeSize"]!.GetValue<long>(), Convert.FromHexString(checkpoint["rootHash"]!.GetValue<string>()));

        var events = (await Ledger.GetAsync($"/api/units/{unit}/proof", Clerk)).ShouldBe(200).Body!["events"]!.AsArray();
        foreach (var (number, version) in new[] { (certificate, 2L), (proofNumber, 3L) })
        {
            var leafIndex = (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(number)}", Clerk)).ShouldBe(200).Body!["leafIndex"]!.GetValue<long>();
            var issuing = events.Single(e => e!["version"]!.GetValue<long>() == version)!;
            Assert.Equal(issuing["index"]!.GetValue<long>(), leafIndex);
            Assert.Contains(number, issuing["entry"]!.GetValue<string>(), StringComparison.Ordinal);
            var path = (await Ledger.GetAsync($"/api/integrity/proofs/inclusion?index={leafIndex}&treeSize={size}", Clerk)).ShouldBe(200).Body!;
            Assert.True(MerkleTree.VerifyInclusion(leafIndex, size, Sha256LeafHash(issuing["entry"]!.GetValue<string>()), HashesOf(path), root));
        }
    }

    [Fact]
    public async Task health_shows_how_far_the_log_and_its_checkpoints_have_come()
    {
        await RegisteredToAsync(People.ZhangSan);
        var checkpoint = await CheckpointCoveringAllAsync(await AuditorAsync());
        var health = (await Ledger.GetAsync("/health", null)).ShouldBe(200).Body!;
        var integrity = health["integrity"]!;
        Assert.Equal(checkpoint["treeSize"]!.GetValue<long>(), integrity["leaves"]!.GetValue<long>());
        Assert.Equal(checkpoint["treeSize"]!.GetValue<long>(), integrity["signedTreeSize"]!.GetValue<long>());
        Assert.Equal(health["database"]!["eventSequence"]!.GetValue<long>(), integrity["lastSequence"]!.GetValue<long>());
    }
}
