using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_reading_a_unit_code
{
    private static readonly UnitCode Flat = UnitCode.Parse("340121261006GB00014F00220045");

    [Fact]
    public void splits_the_code_into_its_gb_t_37346_fields()
    {
        Assert.Equal("340121", Flat.County);
        Assert.Equal("261", Flat.District);
        Assert.Equal("006", Flat.SubDistrict);
        Assert.Equal('G', Flat.Ownership);
        Assert.Equal('B', Flat.RightKind);
        Assert.Equal("00014", Flat.ParcelNumber);
        Assert.Equal("340121261006GB00014", Flat.ParcelCode);
        Assert.Equal('F', Flat.FixtureKind);
        Assert.Equal("00220045", Flat.FixtureNumber);
    }

    [Fact]
    public void knows_its_county_from_the_table()
    {
        Assert.Equal("长丰县", Flat.CountyDivision.Name);
        Assert.Equal("皖", Flat.CountyDivision.ProvinceAbbreviation);
    }

    [Fact]
    public void prints_six_six_seven_nine() => Assert.Equal("340121 261006 GB00014 F00220045", Flat.Printed);

    [Fact]
    public void converts_to_the_bare_28_characters() => Assert.Equal("340121261006GB00014F00220045", Flat.ToString());

    [Theory]
    [InlineData("340121261006GB00014F00220045", UnitKind.Building)]
    [InlineData("110105003002GB00021W00000000", UnitKind.Land)]
    [InlineData("340121261006JD00014L00000001", UnitKind.Land)]
    [InlineData("340121261006JE00014Q00000001", UnitKind.Land)]
    [InlineData("440304001001GH00003W00000000", UnitKind.Sea)]
    [InlineData("440304001001GG00003W00000000", UnitKind.Sea)]
    [InlineData("440304001001GH00003F00010001", UnitKind.Building)]
    [InlineData("440304001001GG00003Q00000001", UnitKind.Land)]
    public void tells_land_sea_and_building_apart(string text, UnitKind kind) =>
        Assert.Equal(kind, UnitCode.Parse(text).Kind);

    [Theory]
    [InlineData("110105000000GB00021W00000000", true)]
    [InlineData("110105000001GB00021W00000000", false)]
    [InlineData("110105001000GB00021W00000000", false)]
    public void is_provisional_only_when_district_and_sub_district_are_zero(string text, bool provisional) =>
        Assert.Equal(provisional, UnitCode.Parse(text).IsProvisional);

    [Fact]
    public void equals_the_same_code_however_it_was_written()
    {
        var printed = UnitCode.Parse("340121 261006 gb00014 f00220045");
        Assert.Equal(Flat, printed);
        Assert.Equal(Flat.GetHashCode(), printed.GetHashCode());
        Assert.NotEqual(Flat, UnitCode.Parse("340121261006GB00014F00220046"));
    }
}
