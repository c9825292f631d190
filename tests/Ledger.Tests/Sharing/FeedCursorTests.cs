using Ledger.Access;
using Ledger.Sharing;
using Microsoft.Extensions.Options;

namespace Ledger.Tests.Sharing;

/// <summary>A page issues its items' cursors under one key derived for the page's audience: each must read back, for its feed and caller only.</summary>
public sealed class FeedCursorTests
{
    static readonly FeedCursor Cursors = new(Options.Create(new TokenOptions { SigningKey = "a signing key of at least thirty-two bytes, for tests" }));

    [Theory]
    [InlineData("tax", 0L)]
    [InlineData("tax", 1L)]
    [InlineData("bank:91350100M000100Y43", 987_654_321L)]
    [InlineData("bank:91110000600037341L", long.MaxValue)]
    public void a_pages_cursor_reads_back_for_its_audience_only(string audience, long sequence)
    {
        var page = Cursors.IssuerFor(audience);
        var issued = page.Issue(sequence);

        Assert.True(Cursors.TryRead(audience, issued, out var read));
        Assert.Equal(sequence, read);
        Assert.False(Cursors.TryRead(audience == "tax" ? "bank:91350100M000100Y43" : "tax", issued, out _));
    }

    [Fact]
    public void one_page_issues_each_sequence_its_own_cursor()
    {
        var page = Cursors.IssuerFor("tax");
        var cursors = Enumerable.Range(1, 1_000).Select(i => page.Issue(i)).ToList();

        Assert.Equal(cursors.Count, cursors.Distinct(StringComparer.Ordinal).Count());
        Assert.All(cursors.Select((c, i) => (c, i)), x => Assert.True(Cursors.TryRead("tax", x.c, out var read) && read == x.i + 1));
    }

    [Fact]
    public void a_cursor_issued_before_the_change_of_seal_still_reads_and_a_tampered_one_does_not()
    {
        // An HMAC-sealed cursor as the feeds issued them before: sequence, then 16 bytes of HMAC-SHA256("tax\n4711").
        var key = System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes("a signing key of at least thirty-two bytes, for tests"), "ledger feed cursor"u8);
        var raw = new byte[24];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(raw, 4711);
        System.Security.Cryptography.HMACSHA256.HashData(key, "tax\n4711"u8).AsSpan(0, 16).CopyTo(raw.AsSpan(8));
        var earlier = System.Buffers.Text.Base64Url.EncodeToString(raw);

        Assert.True(Cursors.TryRead("tax", earlier, out var read));
        Assert.Equal(4711, read);
        Assert.False(Cursors.TryRead("bank:91350100M000100Y43", earlier, out _));

        var issued = System.Buffers.Text.Base64Url.DecodeFromChars(Cursors.Issue("tax", 4711));
        Assert.Equal(16, issued.Length);
        issued[^1] ^= 1;
        Assert.False(Cursors.TryRead("tax", System.Buffers.Text.Base64Url.EncodeToString(issued), out _));
        issued[^1] ^= 1;
        issued[7] ^= 1; // another sequence under the same tag
        Assert.False(Cursors.TryRead("tax", System.Buffers.Text.Base64Url.EncodeToString(issued), out _));
    }
}

/// <summary>SipHash-2-4 against the reference vectors of Aumasson and Bernstein (key 00 01 … 0f, message 00 01 … n-1).</summary>
public sealed class SipHashTests
{
    static readonly byte[] Key = [.. Enumerable.Range(0, 16).Select(i => (byte)i)];

    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void gives_the_reference_outputs(int length, ulong expected)
    {
        byte[] message = [.. Enumerable.Range(0, length).Select(i => (byte)i)];
        Assert.Equal(expected, SipHash.Hash24(Key, message));
    }

    [Fact]
    public void every_bit_of_key_and_message_matters()
    {
        byte[] message = [.. Enumerable.Range(0, 8).Select(i => (byte)i)];
        var plain = SipHash.Hash24(Key, message);
        for (var bit = 0; bit < 64; bit++)
        {
            var flipped = (byte[])message.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.NotEqual(plain, SipHash.Hash24(Key, flipped));
        }
        var otherKey = (byte[])Key.Clone();
        otherKey[15] ^= 0x80;
        Assert.NotEqual(plain, SipHash.Hash24(otherKey, message));
        Assert.Throws<ArgumentException>(() => SipHash.Hash24(Key.AsSpan(0, 8), message));
    }
}
