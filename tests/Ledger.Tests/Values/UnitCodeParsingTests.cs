using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_parsing_a_unit_code
{
    private const string Building = "340121261006GB00014F00220045";
    private const string Parcel = "110105003002GB00021W00000000";

    private static string Refusal(string? text)
    {
        Assert.False(UnitCode.TryParse(text, out var code, out var error));
        Assert.Null(code);
        return error;
    }

    [Theory]
    [InlineData(Building)]
    [InlineData(Parcel)]
    [InlineData("340121261006JC00003F00010001")]
    [InlineData("110101000000ZW99999Q00000001")]
    [InlineData("340121261006GB10000F10001000")]
    [InlineData("340121261006GB00014F99999999")]
    public void accepts_a_well_formed_code(string text)
    {
        Assert.True(UnitCode.TryParse(text, out var code, out var error));
        Assert.Null(error);
        Assert.Equal(text, code.Value);
    }

    [Fact]
    public void accepts_the_printed_form_and_lower_case_with_surrounding_spaces()
    {
        Assert.Equal(Building, UnitCode.Parse("  340121 261006 gb00014 f00220045 ").Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void refuses_an_empty_code(string? text) => Assert.Contains("empty", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("340121261006GB00014F0022004", 27)]
    [InlineData("340121261006GB00014F002200451", 29)]
    [InlineData("340121 261006GB00014 F00220045", 30)]
    public void refuses_a_code_that_is_not_28_characters(string text, int length) =>
        Assert.Contains($"has {length} characters", Refusal(text), StringComparison.Ordinal);

    [Fact]
    public void refuses_spaces_that_are_not_the_printed_grouping() =>
        Assert.Contains("Character 7 ", Refusal("340121 61006GB00014F00220045"), StringComparison.Ordinal);

    [Theory]
    [InlineData("34O121261006GB00014F00220045", "Character 3 of the unit code is 'O'")]
    [InlineData("340121A61006GB00014F00220045", "Character 7 of the unit code is 'A'")]
    [InlineData("34012126100xGB00014F00220045", "Character 12 of the unit code is 'X'")]
    [InlineData("340121261006GB0001OF00220045", "Character 19 of the unit code is 'O'")]
    [InlineData("340121261006GB00014F0022004Z", "Character 28 of the unit code is 'Z'")]
    public void names_the_character_that_should_be_a_digit(string text, string expected) =>
        Assert.StartsWith(expected, Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("999999261006GB00014F00220045")]
    [InlineData("110100261006GB00014F00220045")]
    [InlineData("340100261006GB00014F00220045")]
    public void refuses_an_unknown_county(string text) =>
        Assert.Contains($"'{text[..6]}', are not a county-level division", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData('A')]
    [InlineData('X')]
    [InlineData('0')]
    public void refuses_an_unknown_ownership(char ownership) =>
        Assert.StartsWith($"Character 13 of the unit code is '{ownership}'",
            Refusal($"340121261006{ownership}B00014F00220045"), StringComparison.Ordinal);

    [Theory]
    [InlineData('I')]
    [InlineData('Z')]
    [InlineData('1')]
    public void refuses_an_unknown_right_kind(char kind) =>
        Assert.StartsWith($"Character 14 of the unit code is '{kind}'",
            Refusal($"340121261006G{kind}00014F00220045"), StringComparison.Ordinal);

    [Theory]
    [InlineData("GA")]
    [InlineData("ZA")]
    [InlineData("GC")]
    [InlineData("ZC")]
    public void refuses_collective_only_right_kinds_off_collective_land(string ownershipAndKind) =>
        Assert.Contains("collective ownership J", Refusal($"340121261006{ownershipAndKind}00014W00000000"), StringComparison.Ordinal);

    [Theory]
    [InlineData("JA")]
    [InlineData("JC")]
    public void accepts_collective_only_right_kinds_on_collective_land(string ownershipAndKind) =>
        Assert.True(UnitCode.TryParse($"340121261006{ownershipAndKind}00014W00000000", out _, out _));

    [Fact]
    public void refuses_parcel_number_00000() =>
        Assert.Contains("Characters 15-19", Refusal("340121261006GB00000W00000000"), StringComparison.Ordinal);

    [Theory]
    [InlineData('B')]
    [InlineData('0')]
    public void refuses_an_unknown_fixture_kind(char kind) =>
        Assert.StartsWith($"Character 20 of the unit code is '{kind}'",
            Refusal($"340121261006GB00014{kind}00220045"), StringComparison.Ordinal);

    [Fact]
    public void refuses_a_fixture_number_when_there_is_no_fixture() =>
        Assert.Contains("must be 00000000", Refusal("340121261006GB00014W00220045"), StringComparison.Ordinal);

    [Theory]
    [InlineData("340121261006GB00014F00000045", "building number")]
    [InlineData("340121261006GB00014F00220000", "unit number")]
    [InlineData("340121261006JD00014L00000000", "other than 00000000")]
    [InlineData("340121261006GB00014Q00000000", "other than 00000000")]
    public void refuses_a_zero_fixture_number(string text, string rule) =>
        Assert.Contains(rule, Refusal(text), StringComparison.Ordinal);

    [Fact]
    public void parse_throws_the_same_sentence_as_a_format_exception()
    {
        var error = Refusal("340121261006GB00014W00220045");
        Assert.Equal(error, Assert.Throws<FormatException>(() => UnitCode.Parse("340121261006GB00014W00220045")).Message);
    }
}
