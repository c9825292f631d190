using Ledger.Hosting;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_registering_every_kind_of_unit(LedgerHost host) : LedgerScenario(host)
{
    [Fact]
    public async Task a_building_unit_takes_building_ownership_in_joint_names()
    {
        var parcel = await EstablishedParcelAsync();
        var flat = parcel[..19] + "F00020101";
        (await Ledger.PostAsync("/api/units", new { unitCode = flat, location = "2号楼101室", area = 89.5m, use = "住宅", parentUnitCode = parcel }, Clerk)).ShouldBe(201);
        var details = new
        {
            rightType = "4", coOwnership = "joint",
            holders = new[] { new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber }, new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber } },
        };
        (await RecordAsync("first-registration", flat, [People.LiSi, People.WangWu], details)).ShouldBe(200);
        var unit = await UnitAsync(flat);
        Assert.Equal("4", unit["ownership"]!["rightType"]!.GetValue<string>());
        Assert.Contains("房屋", unit["ownership"]!["rightTypeName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("joint", unit["ownership"]!["coOwnership"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_sea_area_takes_a_sea_area_use_right_in_shares_and_a_land_unit_refuses_it()
    {
        var seaClerk = await Ledger.TokenAsync("clerk", People.ClerkWang, "370214");
        var seaReviewer = await Ledger.TokenAsync("reviewer", People.ReviewerLi, "370214");
        const string sea = "370214001001GH00003W00000000";
        (await Ledger.PostAsync("/api/units", new { unitCode = sea, location = "青岛市城阳区红岛以北海域", area = AreaOf(120.25, 36.30, 0.01), use = "开放式养殖用海", geometry = Square(120.25, 36.30, 0.01) }, seaClerk))
            .ShouldBe(201);
        var details = new
        {
            rightType = "15", coOwnership = "shares",
            holders = new[] { new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber, share = "2/3" }, new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber, share = "1/3" } },
        };
        var accepted = (await Ledger.PostAsync("/api/applications", new
        {
            type = "first-registration", unitCode = sea,
            applicants = new[] { new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber }, new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber } },
            details,
        }, seaClerk)).ShouldBe(201).Body!["applicationId"]!.GetValue<string>();
        (await Ledger.PostAsync($"/api/applications/{accepted}/review", new { decision = "approve", opinion = "海域使用金已缴清" }, seaReviewer)).ShouldBe(200);
        var recorded = (await Ledger.PostAsync($"/api/applications/{accepted}/record", null, seaReviewer)).ShouldBe(200).Body!;
        Assert.StartsWith($"鲁({RegistryTime.Year(DateTimeOffset.UtcNow)})城阳区不动产权第", recorded["certificateNumber"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("sea", (await Ledger.GetAsync($"/api/units/{sea}", seaClerk)).ShouldBe(200).Body!["kind"]!.GetValue<string>());

        var land = await EstablishedParcelAsync();
        var refused = (await Ledger.PostAsync("/api/applications", new
        {
            type = "first-registration", unitCode = land, applicants = new[] { new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber } },
            details = SoleOwnership(People.LiSi, rightType: "15"),
        }, Clerk)).ShouldBeRefused(400, "invalid-application");
        Assert.NotNull(refused.Body!["errors"]!["details.rightType"]);
    }
}
