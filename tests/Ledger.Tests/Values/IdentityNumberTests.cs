using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_parsing_an_identity_number
{
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static string Refusal(string? text)
    {
        Assert.False(IdentityNumber.TryParse(text, Today, out var id, out var error));
        Assert.Null(id);
        return error;
    }

    [Theory]
    [InlineData("11010519491231002X", "1949-12-31")]
    [InlineData("340121198001011230", "1980-01-01")]
    [InlineData("440304200002293012", "2000-02-29")]
    [InlineData("810000199001010019", "1990-01-01")]
    public void accepts_a_number_whose_check_character_matches(string text, string birth)
    {
        Assert.True(IdentityNumber.TryParse(text, Today, out var id, out var error));
        Assert.Null(error);
        Assert.Equal(text, id.Value);
        Assert.Equal(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture), id.BirthDate);
    }

    [Theory]
    [InlineData(" 11010519491231002x ")]
    [InlineData("11010519491231002x")]
    [InlineData("１１０１０５１９４９１２３１００２Ｘ")]
    public void normalizes_lower_case_x_spaces_and_full_width_digits(string text) =>
        Assert.Equal("11010519491231002X", IdentityNumber.Parse(text).Value);

    [Fact]
    public void converts_an_old_15_digit_number_to_18()
    {
        var id = IdentityNumber.Parse("110105491231002");
        Assert.Equal("11010519491231002X", id.Value);
        Assert.Equal(new DateOnly(1949, 12, 31), id.BirthDate);
    }

    [Theory]
    [InlineData("110105194912310021")]
    [InlineData("110105194912310020")]
    [InlineData("11010519491231003X")]
    [InlineData("11010519491213002X")]
    [InlineData("11015019491231002X")]
    [InlineData("11010519491231020X")]
    public void refuses_a_mistyped_number_by_its_check_character(string text) =>
        Assert.Contains("does not match the first 17 digits", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void refuses_an_empty_number(string? text) => Assert.Equal("The identity number is empty.", Refusal(text));

    [Theory]
    [InlineData("1101051949123100", 16)]
    [InlineData("1101051949123100211", 19)]
    [InlineData("11010549123100", 14)]
    public void refuses_a_number_of_the_wrong_length(string text, int length) =>
        Assert.Contains($"has {length} characters", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("1101051949123A002X", "Character 14 ")]
    [InlineData("X10105194912310021", "Character 1 ")]
    [InlineData("11010549123100X", "Character 15 of the old 15-digit")]
    [InlineData("11010519491231002Y", "The 18th character of the identity number is 'Y'")]
    public void names_the_character_that_is_not_a_digit(string text, string expected) =>
        Assert.StartsWith(expected, Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("16")]
    [InlineData("20")]
    [InlineData("38")]
    [InlineData("47")]
    [InlineData("55")]
    [InlineData("66")]
    [InlineData("70")]
    [InlineData("80")]
    [InlineData("83")]
    [InlineData("91")]
    public void refuses_an_area_code_of_no_province(string province)
    {
        var body = province + "0105194912310021"[..15];
        var error = Refusal(body + IdentityNumber.CheckCharacter(body));
        Assert.Contains($"starts with '{province}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("19490230")]
    [InlineData("19491301")]
    [InlineData("19490000")]
    [InlineData("19000229")]
    [InlineData("18491231")]
    public void refuses_a_birth_date_that_is_not_real(string date)
    {
        var body = "110105" + date + "002";
        Assert.Contains($"'{date}', are not a real birth date", Refusal(body + IdentityNumber.CheckCharacter(body)), StringComparison.Ordinal);
    }

    [Fact]
    public void refuses_a_birth_date_after_today_but_accepts_today()
    {
        var tomorrow = "11010520260302001";
        Assert.Contains("in the future", Refusal(tomorrow + IdentityNumber.CheckCharacter(tomorrow)), StringComparison.Ordinal);
        var today = "11010520260301001";
        Assert.True(IdentityNumber.TryParse(today + IdentityNumber.CheckCharacter(today), Today, out _, out _));
    }

    [Fact]
    public void judges_the_future_by_the_clock_when_not_told_the_day() =>
        Assert.False(IdentityNumber.TryParse(Future(), out _, out _));

    [Fact]
    public void masks_all_but_the_area_code_and_the_last_four() =>
        Assert.Equal("110105********002X", IdentityNumber.Parse("11010519491231002X").Masked);

    [Fact]
    public void parse_throws_a_format_exception_with_the_sentence() =>
        Assert.Equal(Refusal("110105194912310021"),
            Assert.Throws<FormatException>(() => IdentityNumber.Parse("110105194912310021")).Message);

    private static string Future()
    {
        var body = "110105" + DateTime.UtcNow.AddDays(3).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "001";
        return body + IdentityNumber.CheckCharacter(body);
    }
}
