using Ledger.Units;
using NetTopologySuite.Geometries;

namespace Ledger.Tests.Spatial;

public sealed class when_measuring_a_boundary
{
    static readonly GeometryFactory Factory = new();

    static Geometry Cell(double lon, double lat, double side) => Factory.ToGeometry(new Envelope(lon, lon + side, lat, lat + side));

    [Fact]
    public void a_one_degree_cell_at_the_equator_has_the_ellipsoids_area()
    {
        // 12,308.8 km² on the GRS80/CGCS2000 ellipsoid; a plain sphere would say 12,364.
        Assert.InRange(GeodesicArea.SquareMetres(Cell(0, 0, 1)) / 1e6, 12_300, 12_318);
    }

    [Fact]
    public void cells_shrink_towards_the_pole_as_the_cosine_of_latitude()
    {
        var equator = GeodesicArea.SquareMetres(Cell(116, 0, 0.001));
        var beijing = GeodesicArea.SquareMetres(Cell(116, 39.9, 0.001));
        Assert.InRange(beijing / equator, Math.Cos(39.9 * Math.PI / 180) * 0.99, Math.Cos(39.9 * Math.PI / 180) * 1.01);
    }

    [Fact]
    public void a_hole_is_not_part_of_the_area()
    {
        var outer = Factory.CreateLinearRing([new(116, 40), new(116.002, 40), new(116.002, 40.002), new(116, 40.002), new(116, 40)]);
        var hole = Factory.CreateLinearRing([new(116.0005, 40.0005), new(116.0015, 40.0005), new(116.0015, 40.0015), new(116.0005, 40.0015), new(116.0005, 40.0005)]);
        var withHole = GeodesicArea.SquareMetres(Factory.CreatePolygon(outer, [hole]));
        Assert.Equal(GeodesicArea.SquareMetres(Factory.CreatePolygon(outer)) * 0.75, withHole, 0.5);
    }

    [Theory]
    [InlineData(1000, 1009.9, true)]
    [InlineData(1000, 1010.1, false)]
    [InlineData(50, 50.9, true)]
    [InlineData(50, 51.1, false)]
    public void a_declared_area_agrees_within_one_percent_and_never_less_than_one_square_metre(double surveyed, double declared, bool agrees) =>
        Assert.Equal(agrees, GeodesicArea.Agrees((decimal)declared, surveyed));
}
