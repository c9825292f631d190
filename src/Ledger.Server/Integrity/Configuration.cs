using Ledger.Access;
using Ledger.Hosting;
using Marten;

namespace Ledger.Integrity;

/// <summary>Settings of the integrity log, from configuration section <c>Ledger:Integrity</c>.</summary>
public sealed class IntegrityOptions
{
    public const string Section = "Ledger:Integrity";

    /// <summary>The ECDSA P-256 private key (PKCS#8 or SEC1 PEM) that signs checkpoints. Required outside local mode.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Local mode only: where the key generated on first run is kept (default <c>.data/integrity-signing-key.pem</c>).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>Public keys (PEM) that signed earlier checkpoints before the key was changed: verify-integrity trusts them too.</summary>
    public string[] PreviousPublicKeys { get; set; } = [];

    /// <summary>The keys whose checkpoints verify: the signing key's and the previous ones.</summary>
    public IReadOnlyList<string> TrustedPublicKeys(CheckpointSigner signer) => [signer.PublicKey, .. PreviousPublicKeys];

    /// <summary>How often the tree is signed when it has grown.</summary>
    public TimeSpan CheckpointEvery { get; set; } = TimeSpan.FromSeconds(1);
}

public static class Configuration
{
    /// <summary>The log's tables beside Marten's, and the subscription that fills them in event order.</summary>
    public static StoreOptions AddIntegrity(this StoreOptions options)
    {
        foreach (var table in LogTables.All(options.DatabaseSchemaName)) options.Storage.ExtendedSchemaObjects.Add(table);
        options.Storage.Add(new AppendOnly(options));
        options.Events.Subscribe(new IntegrityLog());
        return options;
    }

    public static WebApplicationBuilder AddIntegrity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(IntegrityOptions.Section).Get<IntegrityOptions>() ?? new IntegrityOptions();
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (!builder.Configuration.LocalMode(builder.Environment))
                throw new Ledger.Hosting.LedgerStartupException($"{IntegrityOptions.Section}:SigningKey (an ECDSA P-256 private key, PEM) must be configured outside local mode.");
            options.SigningKey = LocalKey(options.SigningKeyFile ?? Path.Combine(builder.Environment.ContentRootPath, ".data", "integrity-signing-key.pem"));
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new CheckpointSigner(options.SigningKey));
        builder.Services.AddSingleton<Checkpoints>();
        // The node whose daemon grows the log signs it. One that runs no daemon (Ledger:AsyncDaemon=Disabled: a bulk
        // loader, a read-only server) signs nothing, so that no key of its own lands among the log's checkpoints.
        if (!LedgerStore.DaemonDisabled(builder.Configuration)) builder.Services.AddHostedService(s => s.GetRequiredService<Checkpoints>());
        return builder;
    }

    /// <summary>
    /// Local mode keeps its key in a file beside the embedded database, never in the database: whoever can write the
    /// tables cannot also sign. Created once, atomically, so two hosts starting together agree on one key.
    /// </summary>
    static string LocalKey(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var draft = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(draft, CheckpointSigner.NewKeyPem());
        try
        {
            File.Move(draft, path, overwrite: false);
        }
        catch (IOException)
        {
            File.Delete(draft);
        }
        return File.ReadAllText(path);
    }
}
