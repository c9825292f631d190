using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_fitting_a_right_to_a_unit
{
    private const string StateParcel = "110105003002GB00021W00000000";
    private const string StateFlat = "340121261006GB00014F00220045";
    private const string Homestead = "340121261006JC00003W00000000";
    private const string HomesteadHouse = "340121261006JC00003F00010001";
    private const string CollectiveLand = "340121261006JA00001W00000000";
    private const string CollectiveParcel = "340121261006JB00002W00000000";
    private const string CollectiveFlat = "340121261006JB00002F00010002";
    private const string Farmland = "340121261006JD00004W00000000";
    private const string Forest = "340121261006JE00005L00000001";
    private const string Sea = "440304001001GH00003W00000000";
    private const string SeaPlatform = "440304001001GH00003F00010001";
    private const string Island = "440304001001GG00004W00000000";
    private const string IslandLighthouse = "440304001001GG00004F00010001";

    private static string? Misfit(string code, string unit)
    {
        Assert.True(RightType.TryParse(code, out var type));
        return type.MisfitWith(UnitCode.Parse(unit));
    }

    [Theory]
    [InlineData("1", CollectiveLand)]
    [InlineData("2", StateParcel)]
    [InlineData("3", StateParcel)]
    [InlineData("4", StateFlat)]
    [InlineData("5", Homestead)]
    [InlineData("6", HomesteadHouse)]
    [InlineData("7", CollectiveParcel)]
    [InlineData("8", CollectiveFlat)]
    [InlineData("9", Farmland)]
    [InlineData("10", Forest)]
    [InlineData("15", Sea)]
    [InlineData("16", SeaPlatform)]
    [InlineData("17", Island)]
    [InlineData("18", IslandLighthouse)]
    [InlineData("19", StateParcel)]
    [InlineData("23", StateFlat)]
    [InlineData("23", Sea)]
    [InlineData("99", Forest)]
    public void finds_no_misfit_where_the_right_belongs(string code, string unit) => Assert.Null(Misfit(code, unit));

    [Theory]
    [InlineData("15", StateParcel, "14th code character is H")]
    [InlineData("15", Island, "14th code character is H")]
    [InlineData("16", StateFlat, "14th code character is H")]
    [InlineData("17", Sea, "14th code character is G")]
    [InlineData("18", SeaPlatform, "14th code character is G")]
    [InlineData("5", CollectiveParcel, "'JC'")]
    [InlineData("5", StateParcel, "'JC'")]
    [InlineData("6", CollectiveFlat, "'JC'")]
    [InlineData("1", CollectiveParcel, "'JA'")]
    [InlineData("1", StateParcel, "'JA'")]
    [InlineData("4", StateParcel, "20th code character is F")]
    [InlineData("6", Homestead, "20th code character is F")]
    [InlineData("8", CollectiveParcel, "20th code character is F")]
    [InlineData("16", Sea, "20th code character is F")]
    [InlineData("18", Island, "20th code character is F")]
    [InlineData("3", StateFlat, "cannot be registered on building unit")]
    [InlineData("7", CollectiveFlat, "cannot be registered on building unit")]
    [InlineData("7", StateParcel, "code character 13 'J'")]
    [InlineData("8", StateFlat, "code character 13 'J'")]
    [InlineData("3", CollectiveParcel, "code character 13 'G'")]
    [InlineData("4", CollectiveFlat, "code character 13 'G'")]
    public void names_the_code_character_the_right_needs(string code, string unit, string reason)
    {
        var misfit = Misfit(code, unit);
        Assert.NotNull(misfit);
        Assert.Contains(reason, misfit, StringComparison.Ordinal);
        Assert.Contains(unit, misfit, StringComparison.Ordinal);
    }

    [Fact]
    public void names_the_right_by_its_chinese_name_and_code() =>
        Assert.StartsWith("海域使用权 (15) fits only a sea-area unit", Misfit("15", StateParcel), StringComparison.Ordinal);

    [Fact]
    public void refuses_to_judge_no_unit()
    {
        Assert.True(RightType.TryParse("3", out var type));
        Assert.Throws<ArgumentNullException>(() => type.MisfitWith(null!));
    }
}
