using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_parsing_a_credit_code
{
    private static string Refusal(string? text)
    {
        Assert.False(CreditCode.TryParse(text, out var code, out var error));
        Assert.Null(code);
        return error;
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("12100000400000798N")]
    [InlineData("91340100MA2MT8XJ1G")]
    public void accepts_a_code_whose_check_character_matches(string text)
    {
        Assert.True(CreditCode.TryParse(text, out var code, out var error));
        Assert.Null(error);
        Assert.Equal(text, code.Value);
        Assert.Equal(text, code.ToString());
    }

    [Theory]
    [InlineData(" 91350100m000100y43 ")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３")]
    public void normalizes_case_spaces_and_full_width_characters(string text) =>
        Assert.Equal("91350100M000100Y43", CreditCode.Parse(text).Value);

    [Theory]
    [InlineData("91350100M000100Y44")]
    [InlineData("91350100M000100Y4A")]
    [InlineData("91350100M000010Y43")]
    [InlineData("91350100N000100Y43")]
    [InlineData("91350100M000100Y40")]
    public void refuses_a_mistyped_code_by_its_check_character(string text) =>
        Assert.Contains("check character", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void refuses_an_empty_code(string? text) => Assert.Equal("The unified social credit code is empty.", Refusal(text));

    [Theory]
    [InlineData("91350100M000100Y4", 17)]
    [InlineData("91350100M000100Y433", 19)]
    public void refuses_a_code_of_the_wrong_length(string text, int length) =>
        Assert.Contains($"has {length} characters", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("91350100I000100Y43", 9, 'I')]
    [InlineData("91350100O000100Y43", 9, 'O')]
    [InlineData("9135010SM000100Y43", 8, 'S')]
    [InlineData("91350100M000100V43", 16, 'V')]
    [InlineData("Z1350100M000100Y43", 1, 'Z')]
    [InlineData("91350100M000100Y4-", 18, '-')]
    public void refuses_a_character_outside_the_charset(string text, int position, char character) =>
        Assert.StartsWith($"Character {position} of the unified social credit code is '{character}'; only digits",
            Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("913501A0M000100Y43", 7)]
    [InlineData("91A50100M000100Y43", 3)]
    [InlineData("9135010AM000100Y43", 8)]
    public void refuses_an_area_code_that_is_not_digits(string text, int position) =>
        Assert.Contains($"Character {position} of the unified social credit code is 'A'; characters 3-8",
            Refusal(text), StringComparison.Ordinal);

    [Fact]
    public void masks_like_an_identity_number() =>
        Assert.Equal("913501********0Y43", CreditCode.Parse("91350100M000100Y43").Masked);

    [Fact]
    public void computes_the_check_character_of_gb_32100()
    {
        Assert.Equal('3', CreditCode.CheckCharacter("91350100M000100Y4"));
        Assert.Equal('L', CreditCode.CheckCharacter("91110000600037341"));
        Assert.Equal('0', CreditCode.CheckCharacter("00000000000000000"));
    }

    [Fact]
    public void parse_throws_a_format_exception_with_the_sentence() =>
        Assert.Contains("check character",
            Assert.Throws<FormatException>(() => CreditCode.Parse("91350100M000100Y44")).Message, StringComparison.Ordinal);
}
