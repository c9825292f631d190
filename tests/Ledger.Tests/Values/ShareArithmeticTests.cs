using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_adding_and_comparing_shares
{
    private static Share S(string text) => Share.Parse(text);

    private static IEnumerable<Share> List(string shares) =>
        shares.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(S);

    [Theory]
    [InlineData("1/3", "1/6", "1/2")]
    [InlineData("1/3", "2/3", "1/1")]
    [InlineData("1/4", "1/4", "1/2")]
    [InlineData("1/7", "1/11", "18/77")]
    public void adds_exactly(string a, string b, string sum) => Assert.Equal(S(sum), S(a) + S(b));

    [Fact]
    public void refuses_a_sum_beyond_the_whole() =>
        Assert.Contains("more than the whole",
            Assert.Throws<InvalidOperationException>(() => S("2/3") + S("1/2")).Message, StringComparison.Ordinal);

    [Fact]
    public void refuses_a_sum_whose_denominator_does_not_fit_a_long() =>
        Assert.Throws<OverflowException>(() => S("1/4294967311") + S("1/4294967357"));

    [Fact]
    public void adds_large_denominators_without_overflowing_in_between() =>
        Assert.Equal(Share.Whole, S("1/9223372036854775807") + S("9223372036854775806/9223372036854775807"));

    [Theory]
    [InlineData("1")]
    [InlineData("1/2 1/2")]
    [InlineData("1/3 1/3 1/3")]
    [InlineData("1/2 1/3 1/6")]
    [InlineData("1/7 2/7 4/7")]
    [InlineData("1/4294967311 4294967310/4294967311")]
    public void knows_shares_that_sum_to_exactly_one(string shares) => Assert.True(Share.SumsToOne(List(shares)));

    [Theory]
    [InlineData("")]
    [InlineData("1/2")]
    [InlineData("1/3 1/3 1/3 1/3")]
    [InlineData("1 1")]
    [InlineData("333333/1000000 333333/1000000 333333/1000000")]
    [InlineData("1/4294967311 1/4294967357 1/2")]
    public void knows_shares_that_do_not(string shares) => Assert.False(Share.SumsToOne(List(shares)));

    [Fact]
    public void refuses_to_sum_no_list() => Assert.Throws<ArgumentNullException>(() => Share.SumsToOne(null!));

    [Fact]
    public void orders_shares_by_size()
    {
        Assert.True(S("1/3") < S("1/2"));
        Assert.True(S("1/2") > S("1/3"));
        Assert.True(S("2/4") <= S("1/2"));
        Assert.True(S("2/4") >= S("1/2"));
        Assert.False(S("1/2") < S("1/3"));
        Assert.Equal(0, S("1/2").CompareTo(S("3/6")));
        Assert.Equal(1, S("1/2").CompareTo(null));
        Assert.Equal(["1/7", "1/3", "1/2", "1/1"], new[] { S("1/2"), Share.Whole, S("1/7"), S("1/3") }.Order().Select(s => s.ToString()));
    }

    [Fact]
    public void compares_large_fractions_exactly() =>
        Assert.True(S("9223372036854775805/9223372036854775806") < S("9223372036854775806/9223372036854775807"));
}
