using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_normalizing_a_party_number
{
    [Theory]
    [InlineData("11010519491231002x", "11010519491231002X")]
    [InlineData("110105491231002", "11010519491231002X")]
    [InlineData(" 91350100m000100y43", "91350100M000100Y43")]
    [InlineData("91110000600037341L", "91110000600037341L")]
    public void gives_the_18_character_form(string text, string expected)
    {
        Assert.True(PartyNumber.TryNormalize(text, out var normalized, out var error));
        Assert.Null(error);
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("110105194912310021", "identity number, the check character")]
    [InlineData("110105491331002", "not a real birth date")]
    [InlineData("91350100M000100Y44", "neither a resident identity number nor a unified social credit code")]
    [InlineData("abc", "neither a resident identity number nor a unified social credit code")]
    [InlineData(null, "empty")]
    [InlineData(" ", "empty")]
    public void explains_the_reason_for_the_kind_of_number_it_looks_like(string? text, string reason)
    {
        Assert.False(PartyNumber.TryNormalize(text, out var normalized, out var error));
        Assert.Null(normalized);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void prefers_the_identity_number_when_a_text_is_both()
    {
        // An all-digit 18-character text can pass both checks; identity numbers are tried first.
        const string both = "110105198001010518";
        Assert.True(CreditCode.TryParse(both, out _, out _));
        Assert.True(IdentityNumber.TryParse(both, out _, out _));
        Assert.True(PartyNumber.TryNormalize(" " + both.ToLowerInvariant(), out var normalized, out _));
        Assert.Equal(both, normalized);
    }

    [Theory]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("91350100M000100Y43", "913501********0Y43")]
    public void masks_all_but_the_first_six_and_last_four(string normalized, string masked) =>
        Assert.Equal(masked, PartyNumber.Mask(normalized));

    [Theory]
    [InlineData("1234567890", "**********")]
    [InlineData("123", "***")]
    [InlineData("1234567890123456789", "*******************")]
    public void masks_everything_of_a_number_that_is_not_18_characters(string text, string masked) =>
        Assert.Equal(masked, PartyNumber.Mask(text));

    [Fact]
    public void refuses_to_mask_nothing() => Assert.Throws<ArgumentNullException>(() => PartyNumber.Mask(null!));
}
