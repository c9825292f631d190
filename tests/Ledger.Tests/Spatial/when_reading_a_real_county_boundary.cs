using Ledger.Tests.Support;
using NetTopologySuite.Geometries;

namespace Ledger.Tests.Spatial;

/// <summary>The real geography behind the fixtures, decoded as ECharts decodes it.</summary>
public sealed class when_reading_a_real_county_boundary
{
    [Fact]
    public void the_echarts_encoding_decodes_to_the_packages_own_geojson()
    {
        // The first vertices of 市南区 in the package's decoded copy (geojson/shape-with-internal-borders/shan1_dong1_qing1_dao3.geojson).
        double[][] published = [[120.2998046875, 36.052734375], [120.2978515625, 36.052734375], [120.296875, 36.052734375], [120.2958984375, 36.052734375],
            [120.2958984375, 36.0517578125], [120.2958984375, 36.0517578125], [120.2958984375, 36.05078125]];
        var ring = ((Polygon)RealGeography.Shinan.RawBoundary).ExteriorRing.Coordinates;

        Assert.Equal(834, ring.Length);
        Assert.Equal(published, ring.Take(published.Length).Select(c => new[] { c.X, c.Y }));
        Assert.Equal(["370202", "370203", "370213", "370211", "370212", "370214", "370281", "370282", "370283", "370285"],
            RealGeography.Qingdao.Select(d => d.Code));
        // "@@" "CA" "A@" from (1024, 1024): no step, then −2/−1 (zigzag 3 → −2, 1 → −1), then −1/0; over the scale 1024.
        Assert.Equal([(1024, 1024), (1022, 1023), (1021, 1023)], RealGeography.DecodeRing("@@CAA@", 1024, 1024).Select(c => (c.X * 1024, c.Y * 1024)));
    }

    [Fact]
    public void every_district_is_a_valid_surface_of_the_area_it_is_drawn_with()
    {
        Assert.All(RealGeography.Qingdao, d =>
        {
            Assert.True(d.Boundary.IsValid, $"{d.Name} is not valid after fixing");
            var drawn = d.RawBoundary.Coordinates.Select(c => (c.X, c.Y)).ToHashSet();
            Assert.All(d.Boundary.Coordinates, c => Assert.Contains((c.X, c.Y), drawn));
            var (drawnArea, fixedArea) = (Ledger.Units.GeodesicArea.SquareMetres(d.RawBoundary), Ledger.Units.GeodesicArea.SquareMetres(d.Boundary));
            Assert.True(Math.Abs(drawnArea - fixedArea) <= 0.001 * drawnArea, $"{d.Name}: {drawnArea:F0} m² drawn, {fixedArea:F0} m² fixed");
        });
        // 市南区 is about 30 km² of land; drawn on the 1/1024° grid its outline encloses 34.7 km².
        Assert.InRange(Ledger.Units.GeodesicArea.SquareMetres(RealGeography.Shinan.Boundary) / 1e6, 30, 36);
    }
}
