using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Ledger.Access;
using Microsoft.Extensions.Options;

namespace Ledger.Sharing;

/// <summary>
/// A feed cursor: the place in the event log after which a consumer's next page starts, bound to the feed and the
/// audience it was issued for and sealed with an HMAC, so a cursor of another feed, another bank, or one made up
/// is refused (<c>invalid-cursor</c>) instead of silently skipping or repeating recordings.
/// </summary>
public sealed class FeedCursor(IOptions<TokenOptions> tokens)
{
    readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(tokens.Value.SigningKey), "ledger feed cursor"u8);
    const int MacLength = 16;

    public string Issue(string audience, long sequence)
    {
        using var page = IssuerFor(audience);
        return page.Issue(sequence);
    }

    public bool TryRead(string audience, string cursor, out long sequence)
    {
        sequence = 0;
        byte[] raw;
        try { raw = Base64Url.DecodeFromChars(cursor); }
        catch (FormatException) { return false; }
        if (raw.Length != 8 + MacLength) return false;
        var candidate = BinaryPrimitives.ReadInt64BigEndian(raw);
        if (candidate < 0 || !CryptographicOperations.FixedTimeEquals(raw.AsSpan(8), Mac(audience, candidate).AsSpan(0, MacLength))) return false;
        sequence = candidate;
        return true;
    }

    byte[] Mac(string audience, long sequence) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{audience}\n{sequence}"));

    /// <summary>Cursors for one page of one audience, with one HMAC kept for the page (a page issues one per item).</summary>
    public PageCursors IssuerFor(string audience) => new(IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key), Encoding.UTF8.GetBytes(audience + "\n"));

    public sealed class PageCursors(IncrementalHash hmac, byte[] audience) : IDisposable
    {
        public string Issue(long sequence)
        {
            Span<byte> digits = stackalloc byte[20];
            sequence.TryFormat(digits, out var length, default, System.Globalization.CultureInfo.InvariantCulture);
            hmac.AppendData(audience);
            hmac.AppendData(digits[..length]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            hmac.GetHashAndReset(mac);
            Span<byte> raw = stackalloc byte[8 + MacLength];
            BinaryPrimitives.WriteInt64BigEndian(raw, sequence);
            mac[..MacLength].CopyTo(raw[8..]);
            return Base64Url.EncodeToString(raw);
        }

        public void Dispose() => hmac.Dispose();
    }
}
