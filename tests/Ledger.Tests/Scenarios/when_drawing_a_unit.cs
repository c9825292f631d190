using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_drawing_a_unit(LedgerHost host) : LedgerScenario(host)
{

    async Task<(int Status, string? MediaType, string Body)> Svg(string code, string token)
    {
        var client = Host.Server.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/units/{code}/map.svg");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task the_map_shows_the_unit_filled_and_its_neighbours_outlined()
    {
        var unit = await ParcelAtAsync(118.500, 41.500);
        var neighbour = await ParcelAtAsync(118.501, 41.500);
        var faraway = await ParcelAtAsync(118.600, 41.600);

        var (status, mediaType, svg) = await Svg(unit, Clerk);
        Assert.Equal(200, status);
        Assert.Equal("image/svg+xml", mediaType);
        var document = System.Xml.Linq.XDocument.Parse(svg);
        var paths = document.Descendants().Where(e => e.Name.LocalName == "path").ToList();
        Assert.Equal(unit, Assert.Single(paths, p => (string?)p.Attribute("class") == "unit").Attribute("data-unit")!.Value);
        Assert.Contains(paths, p => (string?)p.Attribute("class") == "neighbour" && p.Attribute("data-unit")!.Value == neighbour);
        Assert.DoesNotContain(paths, p => p.Attribute("data-unit")!.Value == faraway);
    }

    [Fact]
    public async Task a_unit_without_a_surveyed_boundary_has_no_map()
    {
        // Only the event store can hold such a unit today (as a legacy import will): seed it there.
        var code = NewParcelCode();
        await using (var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession())
        {
            session.Events.StartStream<global::Ledger.Units.Unit>(code, new global::Ledger.Units.UnitEstablished(
                code, "110105", global::Ledger.Values.UnitKind.Land, "北京市朝阳区", 10m, "住宅用地", null, null, DateTimeOffset.UtcNow, "legacy-import"));
            await session.SaveChangesAsync();
        }
        var (status, mediaType, body) = await Svg(code, Clerk);
        Assert.Equal((404, "application/problem+json"), (status, mediaType));
        Assert.Equal("no-boundary", System.Text.Json.Nodes.JsonNode.Parse(body)!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_building_is_drawn_on_its_parcel_and_strangers_are_refused()
    {
        var parcel = await ParcelAtAsync(118.700, 41.700);
        var flat = parcel[..19] + "F00010101";
        (await Ledger.PostAsync("/api/units", new { unitCode = flat, location = "1号楼101", area = 90m, use = "住宅", parentUnitCode = parcel }, Clerk)).ShouldBe(201);
        Assert.Equal(200, (await Svg(flat, Clerk)).Status);

        var stranger = await Ledger.TokenAsync("holder", People.WangWu);
        var (status, mediaType, _) = await Svg(parcel, stranger);
        Assert.Equal((403, "application/problem+json"), (status, mediaType));
    }
}
