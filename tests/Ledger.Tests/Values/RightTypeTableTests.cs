using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_reading_the_right_type_table
{
    [Fact]
    public void holds_the_national_qllx_codes_in_order() =>
        Assert.Equal(
            ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18",
             "19", "20", "21", "22", "23", "24", "36", "99"],
            RightType.All.Select(t => t.Code));

    [Theory]
    [InlineData("1", "集体土地所有权")]
    [InlineData("4", "国有建设用地使用权/房屋(构筑物)所有权")]
    [InlineData("6", "宅基地使用权/房屋所有权")]
    [InlineData("15", "海域使用权")]
    [InlineData("18", "无居民海岛使用权/构(建)筑物所有权")]
    [InlineData("19", "地役权")]
    [InlineData("23", "抵押权")]
    [InlineData("36", "林地使用权/森林、林木所有权")]
    [InlineData("99", "其它")]
    [InlineData(" 23 ", "抵押权")]
    public void finds_a_type_by_its_code(string code, string name)
    {
        Assert.True(RightType.TryParse(code, out var type));
        Assert.Equal(name, type.Name);
        Assert.Equal(code.Trim(), type.Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("04")]
    [InlineData("25")]
    [InlineData("35")]
    [InlineData("100")]
    [InlineData("抵押权")]
    public void finds_nothing_for_a_code_not_in_the_table(string? code)
    {
        Assert.False(RightType.TryParse(code, out var type));
        Assert.Null(type);
    }

    [Fact]
    public void issues_a_proof_only_for_easement_and_mortgage() =>
        Assert.Equal(["19", "23"], RightType.All.Where(t => !t.IsOwnershipKind).Select(t => t.Code));

    [Fact]
    public void is_the_same_instance_however_it_was_looked_up()
    {
        Assert.True(RightType.TryParse("4", out var first));
        Assert.True(RightType.TryParse(" 4", out var second));
        Assert.Same(first, second);
        Assert.Equal(new RightType("4", "国有建设用地使用权/房屋(构筑物)所有权"), first);
    }
}
