using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_establishing_a_unit(LedgerHost host) : LedgerScenario(host)
{
    async Task ShouldNotExist(string code) =>
        (await Ledger.GetAsync($"/api/units/{code}", Clerk)).ShouldBeRefused(404, "unit-not-found");

    [Fact]
    public async Task answers_201_with_the_location_and_version_one()
    {
        var code = NewParcelCode();
        var answer = (await Ledger.PostAsync("/api/units", Survey(code), Clerk)).ShouldBe(201);
        Assert.Equal(code, answer.Body!["unitCode"]!.GetValue<string>());
        Assert.Equal(1, answer.Body!["version"]!.GetValue<int>());
        Assert.Equal("established", (await UnitAsync(code))["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("110105003002GB00021W0000000")]   // 27 characters
    [InlineData("999999003002GB00021W00000000")]  // no such county
    [InlineData("110105003002GA00021W00000000")]  // collective land ownership on state land
    [InlineData("110105003002GB00000W00000000")]  // parcel sequence 00000
    public async Task refuses_a_malformed_unit_code_and_records_nothing(string code)
    {
        (await Ledger.PostAsync("/api/units", Survey(code), Clerk)).ShouldBeRefused(400, "invalid-unit-code");
        var stats = await Host.Services.GetService<Marten.IDocumentStore>()!.Advanced.FetchEventStoreStatistics();
        Assert.Equal(0, stats.EventCount);
    }

    [Fact]
    public async Task refuses_a_clerk_of_another_office()
    {
        var otherClerk = await Ledger.TokenAsync("clerk", People.ClerkWang, People.OtherOffice);
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", Survey(code), otherClerk)).ShouldBeRefused(403, "office-mismatch");
        await ShouldNotExist(code);
    }

    [Fact]
    public async Task refuses_a_second_unit_with_the_same_code()
    {
        var code = await EstablishedParcelAsync();
        (await Ledger.PostAsync("/api/units", Survey(code), Clerk)).ShouldBeRefused(409, "unit-exists");
        Assert.Equal(1, (await UnitAsync(code))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task refuses_a_self_intersecting_boundary_naming_where()
    {
        var code = NewParcelCode();
        var bowTie = new { type = "Polygon", coordinates = new[] { new[] { new[] { 116.40, 39.90 }, new[] { 116.41, 39.91 }, new[] { 116.41, 39.90 }, new[] { 116.40, 39.91 }, new[] { 116.40, 39.90 } } } };
        var survey = new { unitCode = code, location = "北京市朝阳区", area = 100m, use = "住宅用地", geometry = bowTie };
        var answer = (await Ledger.PostAsync("/api/units", survey, Clerk)).ShouldBeRefused(400, "invalid-geometry");
        Assert.Contains("it crosses itself at (116.405, 39.905) (the outer ring)", answer.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ShouldNotExist(code);
    }

    [Fact]
    public async Task refuses_a_parcel_overlapping_another_and_names_it_but_accepts_one_that_only_touches()
    {
        var first = await ParcelAtAsync(117.00, 40.00);

        var overlapping = NewParcelCode();
        var refused = (await Ledger.PostAsync("/api/units", new { unitCode = overlapping, location = "北京市朝阳区", area = AreaOf(117.0005, 40.0005, 0.001), use = "住宅用地", geometry = Square(117.0005, 40.0005, 0.001) }, Clerk))
            .ShouldBeRefused(409, "geometry-overlap");
        Assert.Contains(first, refused.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ShouldNotExist(overlapping);

        await ParcelAtAsync(117.001, 40.00); // shares an edge: touching is fine
    }

    [Fact]
    public async Task clerks_establishing_overlapping_parcels_at_the_same_moment_get_one_unit_and_the_rest_refused()
    {
        // Eight clerks, eight overlapping squares (each shifted 10 m from the last), all sent at once.
        var codes = Enumerable.Range(0, 8).Select(_ => NewParcelCode()).ToList();
        var answers = await Task.WhenAll(codes.Select((code, i) => Task.Run(() => Ledger.PostAsync("/api/units",
            new { unitCode = code, location = "北京市朝阳区", area = AreaOf(117.20 + i * 0.0001, 40.20), use = "住宅用地", geometry = Square(117.20 + i * 0.0001, 40.20) }, Clerk))));

        Assert.Single(answers, a => a.Status == 201);
        Assert.All(answers.Where(a => a.Status != 201), a => a.ShouldBeRefused(409, "geometry-overlap"));
        var found = (await Ledger.GetAsync("/api/units?bbox=117.19,40.19,117.22,40.22", Clerk)).ShouldBe(200).Body!;
        Assert.Equal(1, found["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task the_ground_of_a_cancelled_parcel_can_be_surveyed_again()
    {
        // The overlap check looks only at open units: a cancelled parcel (land taken back, say) no longer holds its ground.
        var old = await ParcelAtAsync(117.70, 40.70);
        (await RecordAsync("first-registration", old, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200);
        var successor = NewParcelCode();
        object Survey() => new { unitCode = successor, location = "北京市朝阳区", area = AreaOf(117.7002, 40.7002), use = "住宅用地", geometry = Square(117.7002, 40.7002) };
        (await Ledger.PostAsync("/api/units", Survey(), Clerk)).ShouldBeRefused(409, "geometry-overlap");

        (await RecordAsync("cancellation", old, [People.ZhangSan], new { reason = "destroyed" })).ShouldBe(200);

        (await Ledger.PostAsync("/api/units", Survey(), Clerk)).ShouldBe(201);
    }

    [Fact]
    public async Task a_building_footprint_lies_within_its_parcel()
    {
        var parcel = await ParcelAtAsync(117.50, 40.50);
        var inside = parcel[..19] + "F00010001";
        (await Ledger.PostAsync("/api/units", new { unitCode = inside, location = "1号楼", area = 90m, use = "住宅", parentUnitCode = parcel, geometry = Square(117.5002, 40.5002, 0.0005) }, Clerk)).ShouldBe(201);
        var outside = parcel[..19] + "F00020001";
        (await Ledger.PostAsync("/api/units", new { unitCode = outside, location = "2号楼", area = 90m, use = "住宅", parentUnitCode = parcel, geometry = Square(117.5008, 40.5002, 0.0005) }, Clerk))
            .ShouldBeRefused(400, "footprint-outside-parcel");
        await ShouldNotExist(outside);
    }

    [Fact]
    public async Task refuses_a_declared_area_the_boundary_does_not_enclose()
    {
        var code = NewParcelCode();
        var surveyed = AreaOf(117.60, 40.60);
        var refused = (await Ledger.PostAsync("/api/units", new { unitCode = code, location = "北京市朝阳区", area = surveyed * 1.05m, use = "住宅用地", geometry = Square(117.60, 40.60) }, Clerk))
            .ShouldBeRefused(400, "area-mismatch");
        Assert.Contains($"{surveyed:F2}", refused.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ShouldNotExist(code);
        (await Ledger.PostAsync("/api/units", new { unitCode = code, location = "北京市朝阳区", area = surveyed * 1.009m, use = "住宅用地", geometry = Square(117.60, 40.60) }, Clerk)).ShouldBe(201);
    }

    [Fact]
    public async Task refuses_an_unclosed_ring_saying_so()
    {
        var code = NewParcelCode();
        var open = new { type = "Polygon", coordinates = new[] { new[] { new[] { 116.40, 39.90 }, new[] { 116.41, 39.90 }, new[] { 116.41, 39.91 }, new[] { 116.40, 39.91 } } } };
        var refused = (await Ledger.PostAsync("/api/units", new { unitCode = code, location = "北京市朝阳区", area = 100m, use = "住宅用地", geometry = open }, Clerk))
            .ShouldBeRefused(400, "invalid-geometry");
        Assert.Contains("closed", refused.Body!["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        await ShouldNotExist(code);
    }

    [Fact]
    public async Task refuses_a_land_unit_without_a_boundary()
    {
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", new { unitCode = code, location = "北京市朝阳区", area = 100m, use = "住宅用地" }, Clerk))
            .ShouldBeRefused(400, "invalid-geometry");
        await ShouldNotExist(code);
    }

    [Fact]
    public async Task refuses_a_caller_without_identity_as_problem_json()
    {
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", Survey(code), token: null)).ShouldBeRefused(401, "identity-required");
        (await Ledger.PostAsync("/api/units", Survey(code), token: "not.a.token")).ShouldBeRefused(401, "identity-required");
        await ShouldNotExist(code);
    }

    [Fact]
    public async Task refuses_a_role_that_does_not_establish_units()
    {
        var holder = await Ledger.TokenAsync("holder", People.ZhangSan);
        var code = NewParcelCode();
        (await Ledger.PostAsync("/api/units", Survey(code), holder)).ShouldBeRefused(403, "forbidden");
        await ShouldNotExist(code);
    }

    [Fact]
    public async Task a_building_unit_stands_on_an_established_parcel()
    {
        var parcel = await EstablishedParcelAsync();
        var building = parcel[..19] + "F00010001";
        var survey = new { unitCode = building, location = "1号楼1单元101", area = 89.5m, use = "住宅", parentUnitCode = parcel };
        (await Ledger.PostAsync("/api/units", survey, Clerk)).ShouldBe(201);
        var unit = await UnitAsync(building);
        Assert.Equal("building", unit["kind"]!.GetValue<string>());
        Assert.Equal(parcel, unit["parentUnitCode"]!.GetValue<string>());
    }
}
