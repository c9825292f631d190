using Ledger.Access;
using Ledger.Sharing;
using Microsoft.Extensions.Options;

namespace Ledger.Tests.Sharing;

/// <summary>A page issues its items' cursors with one HMAC kept for the page: each must read back, for its feed and caller only.</summary>
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
        using var page = Cursors.IssuerFor(audience);
        var issued = page.Issue(sequence);

        Assert.True(Cursors.TryRead(audience, issued, out var read));
        Assert.Equal(sequence, read);
        Assert.False(Cursors.TryRead(audience == "tax" ? "bank:91350100M000100Y43" : "tax", issued, out _));
    }

    [Fact]
    public void one_page_issues_each_sequence_its_own_cursor()
    {
        using var page = Cursors.IssuerFor("tax");
        var cursors = Enumerable.Range(1, 1_000).Select(i => page.Issue(i)).ToList();

        Assert.Equal(cursors.Count, cursors.Distinct(StringComparer.Ordinal).Count());
        Assert.All(cursors.Select((c, i) => (c, i)), x => Assert.True(Cursors.TryRead("tax", x.c, out var read) && read == x.i + 1));
    }
}
