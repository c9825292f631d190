using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_parsing_a_share
{
    private static string Refusal(string? text)
    {
        Assert.False(Share.TryParse(text, out var share, out var error));
        Assert.Null(share);
        return error;
    }

    [Theory]
    [InlineData("1/3", 1, 3)]
    [InlineData("2/4", 1, 2)]
    [InlineData("6/9", 2, 3)]
    [InlineData("3/3", 1, 1)]
    [InlineData("1", 1, 1)]
    [InlineData(" 1 / 3 ", 1, 3)]
    [InlineData("9223372036854775806/9223372036854775807", 9223372036854775806, 9223372036854775807)]
    public void stores_the_fraction_reduced(string text, long numerator, long denominator)
    {
        Assert.True(Share.TryParse(text, out var share, out var error));
        Assert.Null(error);
        Assert.Equal(numerator, share.Numerator);
        Assert.Equal(denominator, share.Denominator);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void refuses_an_empty_share(string? text) => Assert.Contains("empty", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("0/3", "numerator")]
    [InlineData("0", "numerator")]
    [InlineData("1/0", "denominator")]
    [InlineData("4/3", "more than the whole")]
    [InlineData("2", "more than the whole")]
    public void refuses_a_share_outside_zero_to_one(string text, string reason) =>
        Assert.Contains(reason, Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("-1/3")]
    [InlineData("+1/3")]
    [InlineData("1/-3")]
    [InlineData("0.5")]
    [InlineData("1/3/4")]
    [InlineData("/3")]
    [InlineData("1/")]
    [InlineData("1 1/3")]
    [InlineData("one third")]
    [InlineData("1/99999999999999999999")]
    public void refuses_what_is_not_a_fraction_of_whole_numbers(string text) =>
        Assert.Contains("not a fraction of whole numbers", Refusal(text), StringComparison.Ordinal);

    [Fact]
    public void parse_throws_a_format_exception_with_the_sentence() =>
        Assert.Contains("more than the whole", Assert.Throws<FormatException>(() => Share.Parse("5/4")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("1/3", "1/3")]
    [InlineData("1", "1/1")]
    [InlineData("10/20", "1/2")]
    public void prints_numerator_slash_denominator(string text, string printed) =>
        Assert.Equal(printed, Share.Parse(text).ToString());

    [Fact]
    public void equals_another_spelling_of_the_same_fraction()
    {
        Assert.Equal(Share.Parse("1/2"), Share.Parse("50/100"));
        Assert.Equal(Share.Whole, Share.Parse("1"));
        Assert.NotEqual(Share.Parse("1/2"), Share.Parse("1/3"));
    }

    [Fact]
    public void makes_a_share_from_numbers_or_refuses_them()
    {
        Assert.Equal(Share.Parse("1/4"), Share.Of(25, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => Share.Of(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Share.Of(1, -2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Share.Of(3, 2));
    }
}
