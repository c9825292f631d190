using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

/// <summary>What a GIS client (QGIS's OAPIF provider) relies on, per OGC API – Features Part 1 core and GeoJSON.</summary>
public sealed class when_a_gis_client_reads_the_register(LedgerHost host) : LedgerScenario(host)
{
    async Task<(int Status, string? MediaType, JsonNode? Body)> Get(string url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Host.Server.CreateClient().SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    static IEnumerable<string> Rels(JsonNode? body) => body!["links"]!.AsArray().Select(l => l!["rel"]!.GetValue<string>());

    [Fact]
    public async Task the_landing_page_conformance_and_collections_lead_to_the_items()
    {
        var agency = await Ledger.TokenAsync("agency", People.WangWu);
        var landing = await Get("/ogc", agency);
        Assert.Equal(200, landing.Status);
        Assert.Superset(new HashSet<string> { "self", "service-desc", "conformance", "data" }, Rels(landing.Body).ToHashSet());

        var conformance = (await Get("/ogc/conformance", agency)).Body!["conformsTo"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", conformance);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson", conformance);

        var collections = (await Get("/ogc/collections", agency)).Body!["collections"]!.AsArray();
        Assert.Equal(["parcels", "sea-areas"], collections.Select(c => c!["id"]!.GetValue<string>()));
        Assert.All(collections, c => Assert.Contains("items", Rels(c)));
        Assert.Equal(4, collections[0]!["extent"]!["spatial"]!["bbox"]![0]!.AsArray().Count);

        // Links are absolute: GDAL's OAPIF driver (QGIS) appends a root-relative href to the service URL it was given.
        var hrefs = landing.Body!["links"]!.AsArray().Concat(collections.SelectMany(c => c!["links"]!.AsArray())).ToList();
        Assert.All(hrefs, l => Assert.StartsWith("http://localhost/", l!["href"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains(hrefs, l => l!["href"]!.GetValue<string>() == "http://localhost/ogc/collections/parcels/items");
    }

    [Fact]
    public async Task items_are_geojson_features_filtered_by_bbox_and_paged_with_next_links()
    {
        var agency = await Ledger.TokenAsync("agency", People.WangWu);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++) codes.Add(await ParcelAtAsync(118.300 + i * 0.001, 41.300));
        await ParcelAtAsync(118.900, 41.900);

        var first = await Get("/ogc/collections/parcels/items?bbox=118.2995,41.2995,118.3025,41.3005&limit=2", agency);
        Assert.Equal((200, "application/geo+json"), (first.Status, first.MediaType));
        Assert.Equal("FeatureCollection", first.Body!["type"]!.GetValue<string>());
        Assert.Equal(3, first.Body["numberMatched"]!.GetValue<int>());
        Assert.Equal(2, first.Body["numberReturned"]!.GetValue<int>());
        var feature = first.Body["features"]![0]!;
        Assert.Equal("Feature", feature["type"]!.GetValue<string>());
        Assert.Equal("Polygon", feature["geometry"]!["type"]!.GetValue<string>());
        Assert.Null(feature["properties"]!["holders"]);

        var next = first.Body["links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "next")!["href"]!.GetValue<string>();
        var second = await Get(next, agency);
        Assert.Equal(1, second.Body!["numberReturned"]!.GetValue<int>());
        Assert.DoesNotContain("next", Rels(second.Body));
        var seen = first.Body["features"]!.AsArray().Concat(second.Body["features"]!.AsArray()).Select(f => f!["id"]!.GetValue<string>());
        Assert.Equal(codes.Order(StringComparer.Ordinal), seen);

        var one = await Get($"/ogc/collections/parcels/items/{codes[0]}", agency);
        Assert.Equal((200, "application/geo+json"), (one.Status, one.MediaType));
        Assert.Empty((await Get("/ogc/collections/sea-areas/items?bbox=118.2995,41.2995,118.3025,41.3005", agency)).Body!["features"]!.AsArray());
    }

    [Fact]
    public async Task unknown_collections_bad_queries_and_anonymous_clients_are_refused()
    {
        var agency = await Ledger.TokenAsync("agency", People.WangWu);
        var unknown = await Get("/ogc/collections/buildings/items", agency);
        Assert.Equal((404, "collection-not-found"), (unknown.Status, unknown.Body!["code"]!.GetValue<string>()));
        Assert.Equal("invalid-bbox", (await Get("/ogc/collections/parcels/items?bbox=1,2,3", agency)).Body!["code"]!.GetValue<string>());
        Assert.Equal("invalid-limit", (await Get("/ogc/collections/parcels/items?limit=0", agency)).Body!["code"]!.GetValue<string>());
        Assert.Equal("feature-not-found", (await Get($"/ogc/collections/parcels/items/{NewParcelCode()}", agency)).Body!["code"]!.GetValue<string>());
        Assert.Equal(401, (await Get("/ogc", null)).Status);
    }
}
