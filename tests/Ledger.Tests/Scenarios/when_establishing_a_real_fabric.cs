using Ledger.Tests.Support;
using NetTopologySuite.Geometries;
using NetTopologySuite.LinearReferencing;

namespace Ledger.Tests.Scenarios;

/// <summary>
/// A parcel fabric and sea areas cut from the real boundary and coastline of 市南区, Qingdao (370202), established
/// through the register: what tiles is accepted, what overlaps is refused, and a point finds the unit it lies in.
/// </summary>
public sealed class when_establishing_a_real_fabric(LedgerHost host) : LedgerScenario(host)
{
    static readonly RealFabric Fabric = RealFabric.ShinanWaterfront();

    async Task<string> EstablishFabricAsync()
    {
        var clerk = await Ledger.TokenAsync("clerk", People.ClerkWang, Fabric.County.Code);
        foreach (var unit in Fabric.Units)
        {
            var answer = await Ledger.PostAsync("/api/units", unit.Survey, clerk);
            Assert.True(answer.Status == 201, $"{unit.UnitCode} ({unit.Area} m², {unit.Boundary.NumPoints} vertices): {answer.Status} {answer.Body?.ToJsonString()}");
        }
        return clerk;
    }

    static IEnumerable<string> Codes(Answer answer) => answer.Body!["items"]!.AsArray().Select(i => i!["unitCode"]!.GetValue<string>());

    static string Point(Coordinate c) => $"{RealGeography.Text(c.X)},{RealGeography.Text(c.Y)}";

    [Fact]
    public async Task every_parcel_and_sea_area_is_accepted_and_neighbours_meet_on_their_shared_boundary()
    {
        var clerk = await EstablishFabricAsync();

        foreach (var unit in Fabric.Units.Where((_, i) => i % 9 == 0))
        {
            var read = (await Ledger.GetAsync($"/api/units/{unit.UnitCode}", clerk)).ShouldBe(200).Body!;
            Assert.Equal((unit.Location, unit.Area, unit.Use), (read["location"]!.GetValue<string>(), read["area"]!.GetValue<decimal>(), read["use"]!.GetValue<string>()));
        }
        // A corner two neighbours share belongs to both (and to whichever other parcel meets there): they touch, and
        // touching was accepted. The corner is one of their vertices, so the test is exact, not within a tolerance.
        var (a, b, shared) = Fabric.Neighbours().MaxBy(n => n.Shared.Length);
        var corner = shared.Coordinates[0];
        var meeting = Fabric.Parcels.Where(p => p.Boundary.Covers(new GeometryFactory().CreatePoint(corner))).Select(p => p.UnitCode).ToList();
        Assert.Contains(a.UnitCode, meeting);
        Assert.Contains(b.UnitCode, meeting);
        Assert.Equal(meeting.Order(StringComparer.Ordinal), Codes((await Ledger.GetAsync($"/api/units?point={Point(corner)}", clerk)).ShouldBe(200)));
        var everything = (await Ledger.GetAsync($"/api/units?bbox={Text(Fabric.Block.MinX - 0.01)},{Text(Fabric.Block.MinY - 0.01)},{Text(Fabric.Block.MaxX + 0.01)},{Text(Fabric.Block.MaxY + 0.01)}&pageSize=500", clerk)).ShouldBe(200);
        Assert.Equal(Fabric.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal), Codes(everything));
    }

    [Fact]
    public async Task a_parcel_drawn_across_two_neighbours_is_refused_naming_both()
    {
        var clerk = await EstablishFabricAsync();

        // A 15 m square astride the middle of the longest boundary two parcels share.
        var (a, b, shared) = Fabric.Neighbours().MaxBy(n => n.Shared.Length);
        var edge = (LineString)Enumerable.Range(0, shared.NumGeometries).Select(shared.GetGeometryN).OfType<LineString>().MaxBy(l => l.Length)!;
        var middle = new LengthIndexedLine(edge).ExtractPoint(edge.Length / 2);
        var square = new GeometryFactory().ToGeometry(new Envelope(middle.X - 0.00008, middle.X + 0.00008, middle.Y - 0.00007, middle.Y + 0.00007));
        Assert.Equal(new[] { a.UnitCode, b.UnitCode }.Order(StringComparer.Ordinal),
            Fabric.Parcels.Where(p => p.Boundary.Intersection(square).Area > 0).Select(p => p.UnitCode).Order(StringComparer.Ordinal));
        var extra = $"{Fabric.County.Code}001001GB{Fabric.Parcels.Count + 1:D5}W00000000";

        var refused = (await Ledger.PostAsync("/api/units", new
        {
            unitCode = extra, location = "山东省青岛市市南区" + Fake.Address.StreetName() + "1号", area = Math.Round((decimal)global::Ledger.Units.GeodesicArea.SquareMetres(square), 2),
            use = "城镇住宅用地", geometry = square,
        }, clerk)).ShouldBeRefused(409, "geometry-overlap");

        var detail = refused.Body!["detail"]!.GetValue<string>();
        Assert.Contains(a.UnitCode, detail, StringComparison.Ordinal);
        Assert.Contains(b.UnitCode, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Fabric.Parcels.Where(p => p != a && p != b), p => detail.Contains(p.UnitCode, StringComparison.Ordinal));
        (await Ledger.GetAsync($"/api/units/{extra}", clerk)).ShouldBe(404);
    }

    [Fact]
    public async Task a_point_finds_exactly_the_parcel_or_the_sea_area_it_lies_in()
    {
        var clerk = await EstablishFabricAsync();
        var agency = await Ledger.TokenAsync("agency", People.WangWu);

        foreach (var parcel in new[] { Fabric.Parcels[0], Fabric.Parcels[Fabric.Parcels.Count / 2], Fabric.Parcels[^1] })
            Assert.Equal([parcel.UnitCode], Codes((await Ledger.GetAsync($"/api/units?point={Point(parcel.Inside)}", clerk)).ShouldBe(200)));
        foreach (var sea in new[] { Fabric.SeaAreas[0], Fabric.SeaAreas[^1] })
        {
            var found = (await Ledger.GetAsync($"/api/units?point={Point(sea.Inside)}", agency)).ShouldBe(200);
            Assert.Equal([sea.UnitCode], Codes(found));
            Assert.Equal("sea", found.Body!["items"]![0]!["kind"]!.GetValue<string>());
        }
    }

    static string Text(double value) => RealGeography.Text(value);
}
