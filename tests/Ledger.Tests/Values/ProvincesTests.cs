using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_naming_a_province
{
    [Theory]
    [InlineData("110105", "京")]
    [InlineData("12", "津")]
    [InlineData("340121", "皖")]
    [InlineData("460400", "琼")]
    [InlineData("500230", "渝")]
    [InlineData("540102", "藏")]
    [InlineData("650102", "新")]
    [InlineData("710000", "台")]
    [InlineData("810001", "港")]
    [InlineData("820001", "澳")]
    public void gives_the_abbreviation_of_the_first_two_digits(string code, string abbreviation) =>
        Assert.Equal(abbreviation, Provinces.AbbreviationFor(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("10")]
    [InlineData("160000")]
    [InlineData("660000")]
    [InlineData("830000")]
    public void gives_none_for_a_code_of_no_province(string? code) => Assert.Null(Provinces.AbbreviationFor(code));

    [Fact]
    public void knows_the_34_province_level_divisions()
    {
        var codes = Enumerable.Range(10, 90).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Where(Provinces.IsProvinceCode).ToList();
        Assert.Equal(
            ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
             "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82"],
            codes);
    }

    [Theory]
    [InlineData("京", true)]
    [InlineData("澳", true)]
    [InlineData("中", false)]
    [InlineData("京津", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void recognises_an_abbreviation(string? text, bool known) => Assert.Equal(known, Provinces.IsAbbreviation(text));
}
