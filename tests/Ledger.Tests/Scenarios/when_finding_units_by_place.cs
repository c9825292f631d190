using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_finding_units_by_place(LedgerHost host) : LedgerScenario(host)
{

    static IEnumerable<string> Codes(Answer answer) => answer.Body!["items"]!.AsArray().Select(i => i!["unitCode"]!.GetValue<string>());

    [Fact]
    public async Task a_point_finds_the_parcel_it_lies_in_and_nothing_where_there_is_none()
    {
        var west = await ParcelAtAsync(118.000, 41.000);
        var east = await ParcelAtAsync(118.001, 41.000);

        Assert.Equal([west], Codes((await Ledger.GetAsync("/api/units?point=118.0005,41.0005", Clerk)).ShouldBe(200)));
        Assert.Equal(new[] { west, east }.Order(StringComparer.Ordinal), Codes((await Ledger.GetAsync("/api/units?point=118.001,41.0005", Clerk)).ShouldBe(200)));
        Assert.Empty(Codes((await Ledger.GetAsync("/api/units?point=118.01,41.01", Clerk)).ShouldBe(200)));
    }

    [Fact]
    public async Task a_box_finds_every_parcel_it_touches_page_by_page()
    {
        string[] codes = [await ParcelAtAsync(118.100, 41.100), await ParcelAtAsync(118.101, 41.100), await ParcelAtAsync(118.102, 41.100), await ParcelAtAsync(118.200, 41.200)];

        var all = (await Ledger.GetAsync("/api/units?bbox=118.0995,41.0995,118.1025,41.1005", Clerk)).ShouldBe(200);
        Assert.Equal(3, all.Body!["total"]!.GetValue<int>());
        var second = (await Ledger.GetAsync("/api/units?bbox=118.0995,41.0995,118.1025,41.1005&page=2&pageSize=2", Clerk)).ShouldBe(200);
        Assert.Equal([codes[..3].Order(StringComparer.Ordinal).Last()], Codes(second));
    }

    [Fact]
    public async Task refuses_a_box_holding_more_units_than_one_answer_may_scan()
    {
        // Seeded through the event store itself: five thousand clerks' POSTs would say nothing more.
        var store = Host.Services.GetRequiredService<Marten.IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            var geometry = new NetTopologySuite.Geometries.GeometryFactory();
            for (var i = 0; i <= global::Ledger.Units.Finding.FindUnitsEndpoint.MaxCandidates; i++)
            {
                var (lon, lat) = (119.0 + i % 100 * 0.0002, 42.0 + i / 100 * 0.0002);
                var square = geometry.ToGeometry(new NetTopologySuite.Geometries.Envelope(lon, lon + 0.0001, lat, lat + 0.0001));
                var code = $"110105{i / 99_999 + 700:D3}001GB{i % 99_999 + 1:D5}W00000000";
                session.Events.StartStream<global::Ledger.Units.Unit>(code, new global::Ledger.Units.UnitEstablished(code, "110105", global::Ledger.Values.UnitKind.Land, "北京市朝阳区", 10m, "住宅用地",
                    square, null, DateTimeOffset.UtcNow, "test-seed"));
            }
            await session.SaveChangesAsync();
        }
        (await Ledger.GetAsync("/api/units?bbox=118.9,41.9,119.1,42.1", Clerk)).ShouldBeRefused(400, "bbox-too-large");
        Assert.Equal(1, (await Ledger.GetAsync("/api/units?point=119.00005,42.00005", Clerk)).ShouldBe(200).Body!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task refuses_bad_places_and_roles_that_may_not_search()
    {
        (await Ledger.GetAsync("/api/units", Clerk)).ShouldBeRefused(400, "point-or-bbox-required");
        (await Ledger.GetAsync("/api/units?point=east,north", Clerk)).ShouldBeRefused(400, "invalid-point");
        (await Ledger.GetAsync("/api/units?bbox=118.2,41.1,118.1,41.2", Clerk)).ShouldBeRefused(400, "invalid-bbox");
        (await Ledger.GetAsync("/api/units?point=118,41&pageSize=0", Clerk)).ShouldBeRefused(400, "invalid-page");
        var holder = await Ledger.TokenAsync("holder", People.ZhangSan);
        (await Ledger.GetAsync("/api/units?point=118,41", holder)).ShouldBeRefused(403, "forbidden");
    }
}
