using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Tests.Support;
using NetTopologySuite.Algorithm.Distance;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Xunit.Abstractions;

namespace Ledger.Tests.Scenarios;

/// <summary>
/// A real GIS client against the real server: GDAL's ogrinfo (the OAPIF driver QGIS's "OGC API – Features" connection
/// uses) over TCP, with a bearer token, reading the fabric of 市南区 as the layers parcels and sea-areas.
/// </summary>
public sealed partial class when_gdal_reads_the_register_as_a_layer(LedgerHost host, LiveLedger live, ITestOutputHelper log)
    : LedgerScenario(host), IClassFixture<LiveLedger>
{
    static readonly RealFabric Fabric = RealFabric.ShinanWaterfront();

    string Service => $"OAPIF:{new Uri(live.Address, "/ogc")}";

    /// <summary>The fabric established over TCP on the Kestrel server; an agency's token to read it with.</summary>
    async Task<string> RegisterWithFabricAsync()
    {
        OgrInfo.Require();
        var ledger = new LedgerClient(live.CreateClient());
        var clerk = await ledger.TokenAsync("clerk", People.ClerkWang, Fabric.County.Code);
        foreach (var unit in Fabric.Units)
        {
            var answer = await ledger.PostAsync("/api/units", unit.Survey, clerk);
            Assert.True(answer.Status == 201, $"{unit.UnitCode}: {answer.Status} {answer.Body?.ToJsonString()}");
        }
        return await ledger.TokenAsync("agency", People.WangWu);
    }

    OgrInfo.Run Succeeded(OgrInfo.Run run)
    {
        log.WriteLine($"$ {run.CommandLine}\n{string.Join('\n', ItemsRequests(run).Select(url => "  GET " + url))}\n{run.Output}");
        Assert.True(run.ExitCode == 0 && !run.Errors.Contains("ERROR", StringComparison.Ordinal), run.ToString());
        return run;
    }

    [GeneratedRegex(@"HTTP: Fetch\((?<url>[^)]*/items[^)]*)\)")]
    private static partial Regex ItemsFetch();

    static List<string> ItemsRequests(OgrInfo.Run run) => [.. ItemsFetch().Matches(run.Errors).Select(m => m.Groups["url"].Value)];

    [Fact]
    public async Task ogrinfo_lists_the_parcels_and_sea_areas_layers_and_counts_their_features()
    {
        var agency = await RegisterWithFabricAsync();

        var layers = Succeeded(await OgrInfo.RunAsync(agency, "-ro", "-q", Service));
        Assert.Equal(["parcels", "sea-areas"], OgrInfo.Layers(layers.Output).Keys.Order(StringComparer.Ordinal));

        var summary = Succeeded(await OgrInfo.RunAsync(agency, "-ro", "-al", "-so", Service));
        var counts = OgrInfo.FeatureCounts(summary.Output);
        Assert.True(counts.Count == 2, summary.ToString());
        Assert.Equal(Fabric.Parcels.Count, counts["parcels"]);
        Assert.Equal(Fabric.SeaAreas.Count, counts["sea-areas"]);
    }

    [Fact]
    public async Task a_spatial_filter_yields_only_the_parcels_in_the_box_asked_of_the_server()
    {
        var agency = await RegisterWithFabricAsync();
        // The middle third of the surveyed block.
        var b = Fabric.Block;
        var (w, h) = (b.Width / 3, b.Height / 3);
        var box = new Envelope(b.MinX + w, b.MaxX - w, b.MinY + h, b.MaxY - h);
        var expected = Fabric.Parcels.Where(p => p.Boundary.Intersects(new GeometryFactory().ToGeometry(box))).Select(p => p.UnitCode).Order(StringComparer.Ordinal).ToList();
        Assert.InRange(expected.Count, 3, Fabric.Parcels.Count / 2);

        string[] spat = ["-spat", .. new[] { box.MinX, box.MinY, box.MaxX, box.MaxY }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))];
        var run = Succeeded(await OgrInfo.RunAsync(agency, ["-ro", .. spat, Service, "parcels"]));

        Assert.Equal(expected, OgrInfo.Features(run.Output).Select(f => f.Fields["unitCode"]).Order(StringComparer.Ordinal));
        // GDAL asks the server for the box (its first, unfiltered request reads the layer's fields when it opens it).
        Assert.True(ItemsRequests(run).Any(url => url.Contains("bbox=", StringComparison.Ordinal)), run.Errors);
        var counted = Succeeded(await OgrInfo.RunAsync(agency, ["-ro", "-so", .. spat, Service, "parcels"]));
        Assert.Equal(expected.Count, OgrInfo.FeatureCounts(counted.Output)["parcels"]);
    }

    [Fact]
    public async Task small_pages_are_followed_by_their_next_links_to_every_feature_with_its_geometry_and_attributes()
    {
        var agency = await RegisterWithFabricAsync();

        var parcels = Succeeded(await OgrInfo.RunAsync(agency, "-ro", "-oo", "PAGE_SIZE=7", Service, "parcels"));
        var read = OgrInfo.Features(parcels.Output);
        Assert.Equal(Fabric.Parcels.Select(p => p.UnitCode).Order(StringComparer.Ordinal), read.Select(f => f.Fields["unitCode"]).Order(StringComparer.Ordinal));
        // ⌈40 / 7⌉ pages, each after the first asked for by the previous page's next link (limit and offset are the server's).
        var pages = ItemsRequests(parcels);
        Assert.True(pages.Count(url => url.Contains("offset=", StringComparison.Ordinal)) >= (Fabric.Parcels.Count + 6) / 7 - 1, parcels.Errors);
        Assert.All(pages, url => Assert.Contains("limit=7", url, StringComparison.Ordinal));

        var wkt = new WKTReader();
        foreach (var feature in read)
        {
            var parcel = Fabric.Parcels.Single(p => p.UnitCode == feature.Fields["unitCode"]);
            Assert.Equal(parcel.Location, feature.Fields["location"]);
            Assert.Equal(parcel.Use, feature.Fields["use"]);
            Assert.Equal(parcel.Area, decimal.Parse(feature.Fields["area"], CultureInfo.InvariantCulture));
            Assert.Equal(("established", "370202"), (feature.Fields["status"], feature.Fields["office"]));
            Assert.NotNull(feature.Wkt);
            Assert.True(DiscreteHausdorffDistance.Distance(parcel.Boundary, wkt.Read(feature.Wkt)) < 1e-9, $"{parcel.UnitCode} reads as {feature.Wkt}");
        }

        var sea = Succeeded(await OgrInfo.RunAsync(agency, "-ro", "-oo", "PAGE_SIZE=4", Service, "sea-areas"));
        var seaAreas = OgrInfo.Features(sea.Output);
        Assert.Equal(Fabric.SeaAreas.Select(s => s.UnitCode), seaAreas.Select(f => f.Fields["unitCode"]).Order(StringComparer.Ordinal));
        Assert.All(seaAreas, f => Assert.True(DiscreteHausdorffDistance.Distance(
            Fabric.SeaAreas.Single(s => s.UnitCode == f.Fields["unitCode"]).Boundary, wkt.Read(f.Wkt)) < 1e-9, f.Wkt));
    }
}
