using JasperFx.CommandLine;
using Ledger.Hosting;
using Marten;

namespace Ledger.Integrity.Verifying;

/// <summary>
/// <c>dotnet run --project src/Ledger.Server -- verify-integrity</c>: recomputes the whole log from the events table and
/// holds it against the stored leaves and every signed checkpoint; exits non-zero, naming the first bad sequence, when
/// anything was altered, removed, slipped in or reordered.
/// </summary>
[Description("Recompute every leaf and checkpoint of the integrity log from mt_events; non-zero exit on any tampering", Name = "verify-integrity")]
public sealed class VerifyIntegrityCommand : JasperFxAsyncCommand<NetCoreInput>
{
    public override async Task<bool> Execute(NetCoreInput input)
    {
        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var signer = host.Services.GetRequiredService<CheckpointSigner>();
        // The host is built, not started: bring the schema to what the server would (a fresh database has no log yet).
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var trusted = host.Services.GetRequiredService<IntegrityOptions>().TrustedPublicKeys(signer);
        // A register of years takes minutes to verify: every two seconds, how far it has come.
        var last = await IntegrityVerifier.LastSequenceAsync(store, CancellationToken.None);
        Verification verification;
        await using (var progress = new SequenceProgress("verify-integrity", last, TimeSpan.FromSeconds(2), Console.Out, "reading the log"))
            verification = await IntegrityVerifier.VerifyAsync(store, trusted, CancellationToken.None, progress);

        Console.WriteLine($"verify-integrity: {verification.Events} events, {verification.Leaves} leaves, {verification.CheckpointsChecked} checkpoints");
        if (verification.Intact)
        {
            Console.WriteLine("verify-integrity: intact — every leaf and every checkpoint recomputes from the events as they stand.");
            return true;
        }
        foreach (var finding in verification.Findings) Console.Error.WriteLine($"verify-integrity: {finding}");
        Console.Error.WriteLine(verification.FirstBadSequence is { } s
            ? $"verify-integrity: TAMPERED — the first bad sequence is {s}."
            : "verify-integrity: TAMPERED — see the findings above.");
        return false;
    }
}
