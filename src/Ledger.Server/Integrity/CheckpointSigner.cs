using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ledger.Integrity;

/// <summary>A signed statement of the log: its size and root at an instant (API.md "Integrity").</summary>
public sealed record Checkpoint(long TreeSize, string RootHash, string IssuedAt, string KeyId, string Signature, string PublicKey)
{
    /// <summary>
    /// What the signature covers: the RFC 8785 canonical JSON of <c>{issuedAt, keyId, rootHash, treeSize}</c> as UTF-8,
    /// so a checker rebuilds it from the answer's own fields.
    /// </summary>
    public static byte[] SignedBytes(long treeSize, string rootHash, string issuedAt, string keyId)
    {
        var output = new ArrayBufferWriter<byte>(256);
        output.Write("{\"issuedAt\":"u8);
        CanonicalJson.WriteString(issuedAt, output);
        output.Write(",\"keyId\":"u8);
        CanonicalJson.WriteString(keyId, output);
        output.Write(",\"rootHash\":"u8);
        CanonicalJson.WriteString(rootHash, output);
        output.Write(Encoding.UTF8.GetBytes($",\"treeSize\":{treeSize.ToString(CultureInfo.InvariantCulture)}}}"));
        return output.WrittenSpan.ToArray();
    }

    public byte[] SignedBytes() => SignedBytes(TreeSize, RootHash, IssuedAt, KeyId);

    /// <summary>True when <see cref="Signature"/> (base64, DER) is an ECDSA P-256/SHA-256 signature by <paramref name="publicKeyPem"/> over <see cref="SignedBytes()"/>.</summary>
    public bool IsSignedBy(string publicKeyPem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return KeyIdOf(key) == KeyId
                   && key.VerifyData(SignedBytes(), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The key id: lowercase hex SHA-256 of the public key's DER SubjectPublicKeyInfo.</summary>
    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
}

/// <summary>Signs checkpoints with the log's ECDSA P-256 key (specs/integrity.md "The key").</summary>
public sealed class CheckpointSigner : IDisposable
{
    readonly ECDsa _key;

    public CheckpointSigner(string privateKeyPem)
    {
        _key = ECDsa.Create();
        _key.ImportFromPem(privateKeyPem);
        if (_key.KeySize != 256) throw new InvalidOperationException("The integrity signing key must be an ECDSA P-256 key.");
        KeyId = Checkpoint.KeyIdOf(_key);
        PublicKey = _key.ExportSubjectPublicKeyInfoPem();
    }

    public string KeyId { get; }
    public string PublicKey { get; }

    public Checkpoint Sign(long treeSize, byte[] root, DateTimeOffset at)
    {
        var rootHash = Convert.ToHexStringLower(root);
        var issuedAt = LeafEntry.Format(at);
        var signature = _key.SignData(Checkpoint.SignedBytes(treeSize, rootHash, issuedAt, KeyId), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        return new Checkpoint(treeSize, rootHash, issuedAt, KeyId, Convert.ToBase64String(signature), PublicKey);
    }

    /// <summary>A fresh P-256 key as PKCS#8 PEM.</summary>
    public static string NewKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public void Dispose() => _key.Dispose();
}
