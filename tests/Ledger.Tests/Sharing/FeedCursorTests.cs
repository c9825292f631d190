using Ledger.Access;
using Ledger.Sharing;
using Microsoft.Extensions.Options;

namespace Ledger.Tests.Sharing;

/// <summary>A page issues its items' cursors with one HMAC kept for the page: they must be the very cursors a single issue makes.</summary>
public sealed class FeedCursorTests
{
    static readonly FeedCursor Cursors = new(Options.Create(new TokenOptions { SigningKey = "a signing key of at least thirty-two bytes, for tests" }));

    [Theory]
    [InlineData("tax", 0L)]
    [InlineData("tax", 1L)]
    [InlineData("bank:91350100M000100Y43", 987_654_321L)]
    [InlineData("bank:91110000600037341L", long.MaxValue)]
    public void a_pages_cursors_are_the_cursors_issued_one_by_one_and_read_back(string audience, long sequence)
    {
        using var page = Cursors.IssuerFor(audience);
        var issued = page.Issue(sequence);

        Assert.Equal(Cursors.Issue(audience, sequence), issued);
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
        Assert.Equal(Cursors.Issue("tax", 1_000), cursors[^1]);
    }
}
