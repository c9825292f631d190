using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_looking_up_a_county
{
    [Theory]
    [InlineData("110105", "朝阳区", "北京市", "北京市", "京")]
    [InlineData("110101", "东城区", "北京市", "北京市", "京")]
    [InlineData("340121", "长丰县", "合肥市", "安徽省", "皖")]
    [InlineData("429004", "仙桃市", "省直辖县级行政区划", "湖北省", "鄂")]
    [InlineData("659001", "石河子市", "自治区直辖县级行政区划", "新疆维吾尔自治区", "新")]
    [InlineData("441900", "东莞市", "东莞市", "广东省", "粤")]
    [InlineData("500230", "丰都县", "重庆市", "重庆市", "渝")]
    [InlineData("810001", "中西区", "香港特别行政区", "香港特别行政区", "港")]
    [InlineData("820001", "花地玛堂区", "澳门特别行政区", "澳门特别行政区", "澳")]
    public void finds_it_with_its_city_province_and_abbreviation(
        string code, string name, string city, string province, string abbreviation)
    {
        Assert.True(Counties.TryGet(code, out var county));
        Assert.Equal(new County(code, name, city, province, abbreviation), county);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("110000")]
    [InlineData("110100")]
    [InlineData("340100")]
    [InlineData("999999")]
    [InlineData("11010")]
    [InlineData(" 110105")]
    public void does_not_find_what_is_not_a_county_level_code(string? code)
    {
        Assert.False(Counties.TryGet(code, out var county));
        Assert.Null(county);
    }

    [Fact]
    public void holds_every_county_level_division_of_the_shipped_table()
    {
        Assert.Equal(2876, Counties.Count);
        Assert.Equal(Counties.Count, Counties.All.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void gives_every_division_a_known_province()
    {
        Assert.All(Counties.All, c =>
        {
            Assert.Matches("^[0-9]{6}$", c.Code);
            Assert.Equal(Provinces.AbbreviationFor(c.Code), c.ProvinceAbbreviation);
        });
        Assert.Equal(33, Counties.All.Select(c => c.Code[..2]).Distinct().Count());
    }

    [Fact]
    public void lists_them_in_code_order()
    {
        var codes = Counties.All.Select(c => c.Code).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Equal("110101", codes[0]);
    }
}

public class when_reading_the_county_table
{
    private static List<County> Read(string text) => Counties.Read(new StringReader(text)).ToList();

    [Fact]
    public void reads_rows_under_the_expected_header() =>
        Assert.Equal(
            [new County("110105", "朝阳区", "北京市", "北京市", "京")],
            Read("code,name,city,province\n110105,朝阳区,北京市,北京市\n"));

    [Fact]
    public void refuses_an_unexpected_header() =>
        Assert.Throws<InvalidDataException>(() => Read("code,name\n110105,朝阳区\n"));

    [Theory]
    [InlineData("11010,朝阳区,北京市,北京市")]
    [InlineData("990105,朝阳区,北京市,北京市")]
    [InlineData("110105,朝阳区,北京市")]
    [InlineData("110105,,北京市,北京市")]
    [InlineData("11010x,朝阳区,北京市,北京市")]
    public void refuses_a_malformed_row_naming_its_line(string row) =>
        Assert.Contains("line 3", Assert.Throws<InvalidDataException>(
            () => Read($"code,name,city,province\n110101,东城区,北京市,北京市\n{row}\n")).Message, StringComparison.Ordinal);
}
