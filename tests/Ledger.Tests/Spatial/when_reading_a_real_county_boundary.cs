using Ledger.Tests.Support;
using Ledger.Values;
using NetTopologySuite.Geometries;

namespace Ledger.Tests.Spatial;

/// <summary>The real geography behind the fixtures: decoded as ECharts decodes it, and a fabric that tiles it.</summary>
public sealed class when_reading_a_real_county_boundary
{
    static readonly RealFabric Fabric = RealFabric.ShinanWaterfront();

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

    [Fact]
    public void the_fabric_tiles_the_county_without_overlap_and_its_sea_areas_lie_off_the_coast()
    {
        Assert.InRange(Fabric.Parcels.Count, 30, 50);
        Assert.Equal(6, Fabric.SeaAreas.Count);
        Assert.All(Fabric.Units, u =>
        {
            Assert.True(UnitCode.TryParse(u.UnitCode, out var code, out var error), error);
            Assert.Equal("370202", code.County);
            Assert.True(u.Boundary.IsValid);
            Assert.InRange(u.Boundary.NumPoints, 4, global::Ledger.Units.Boundary.MaxVertices);
            Assert.InRange(u.Area, (decimal)RealFabric.SmallestParcel, 300_000m);
        });
        Assert.All(Fabric.Parcels, p => Assert.Equal(UnitKind.Land, UnitCode.Parse(p.UnitCode).Kind));
        Assert.All(Fabric.SeaAreas, s => Assert.Equal(UnitKind.Sea, UnitCode.Parse(s.UnitCode).Kind));

        // Parcels lie in the county and fill the block's land there (slivers left out); no two share any interior.
        var county = RealGeography.Shinan.Boundary;
        Assert.All(Fabric.Parcels, p => Assert.True(p.Boundary.Difference(county).Area < 1e-12, $"{p.UnitCode} reaches outside 市南区"));
        var land = county.Intersection(new GeometryFactory().ToGeometry(Fabric.Block));
        Assert.InRange(Fabric.Parcels.Sum(p => p.Boundary.Area) / land.Area, 0.98, 1.0 + 1e-9);
        foreach (var (a, i) in Fabric.Units.Select((u, i) => (u, i)))
            foreach (var b in Fabric.Units.Skip(i + 1).Where(b => UnitCode.Parse(b.UnitCode).Kind == UnitCode.Parse(a.UnitCode).Kind))
                Assert.True(a.Boundary.Intersection(b.Boundary).Area < 1e-14, $"{a.UnitCode} overlaps {b.UnitCode}");

        // Every parcel shares a stretch of boundary with a neighbour; sea areas touch no district's land.
        var neighbours = Fabric.Neighbours().ToList();
        Assert.All(Fabric.Parcels, p => Assert.Contains(neighbours, n => n.A == p || n.B == p));
        Assert.All(Fabric.SeaAreas, s => Assert.All(RealGeography.Qingdao, d => Assert.True(s.Boundary.Intersection(d.Boundary).Area < 1e-12)));
        // …and lie along the coast: each reaches within 50 m of the fabric's parcels.
        Assert.All(Fabric.SeaAreas, s => Assert.Contains(Fabric.Parcels, p => p.Boundary.Distance(s.Boundary) < 0.0005));
    }
}
