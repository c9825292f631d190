using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Ledger.Access;
using Microsoft.Extensions.Options;

namespace Ledger.Sharing;

/// <summary>
/// A feed cursor: the place in the event log after which a consumer's next page starts, bound to the feed and the
/// audience it was issued for and sealed, so a cursor of another feed, another bank, or one made up is refused
/// (<c>invalid-cursor</c>) instead of silently skipping or repeating recordings.
/// </summary>
/// <remarks>
/// A cursor is <c>base64url(sequence ‖ tag)</c>: the sequence as 8 bytes big-endian, the tag SipHash-2-4 of those 8 bytes
/// under the audience's own 128-bit key (HMAC-SHA256 of the audience under a key derived from the token signing key).
/// A page issues one cursor per item, and an HMAC per item was a quarter of a page's time; the audience's key is
/// derived once per page. Cursors issued before (24 bytes: the sequence and 16 bytes of HMAC-SHA256 of
/// <c>audience \n sequence</c>) are still read, so a consumer's stored cursor survives the change.
/// </remarks>
public sealed class FeedCursor(IOptions<TokenOptions> tokens)
{
    readonly byte[] _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(tokens.Value.SigningKey), "ledger feed cursor"u8);
    const int TagLength = 8, EarlierMacLength = 16;

    public string Issue(string audience, long sequence) => IssuerFor(audience).Issue(sequence);

    public bool TryRead(string audience, string cursor, out long sequence)
    {
        sequence = 0;
        byte[] raw;
        try { raw = Base64Url.DecodeFromChars(cursor); }
        catch (FormatException) { return false; }
        if (raw.Length != 8 + TagLength && raw.Length != 8 + EarlierMacLength) return false;
        var candidate = BinaryPrimitives.ReadInt64BigEndian(raw);
        if (candidate < 0) return false;
        var expected = raw.Length == 8 + TagLength ? IssuerFor(audience).Tag(candidate) : EarlierMac(audience, candidate).AsSpan(0, EarlierMacLength).ToArray();
        if (!CryptographicOperations.FixedTimeEquals(raw.AsSpan(8), expected)) return false;
        sequence = candidate;
        return true;
    }

    byte[] EarlierMac(string audience, long sequence) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{audience}\n{sequence}"));

    /// <summary>Cursors for one page of one audience: the audience's key derived once, then one SipHash per item.</summary>
    public PageCursors IssuerFor(string audience) =>
        new(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes("siphash key\n" + audience)).AsSpan(0, 16).ToArray());

    public sealed class PageCursors(byte[] key)
    {
        public string Issue(long sequence)
        {
            Span<byte> raw = stackalloc byte[8 + TagLength];
            BinaryPrimitives.WriteInt64BigEndian(raw, sequence);
            BinaryPrimitives.WriteUInt64BigEndian(raw[8..], SipHash.Hash24(key, raw[..8]));
            return Base64Url.EncodeToString(raw);
        }

        internal byte[] Tag(long sequence)
        {
            var raw = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(raw, sequence);
            var tag = new byte[TagLength];
            BinaryPrimitives.WriteUInt64BigEndian(tag, SipHash.Hash24(key, raw));
            return tag;
        }
    }
}
