using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_one_mortgage_covers_several_units(LedgerHost host) : LedgerScenario(host)
{
    static object OverSeveral(string[] alsoUnitCodes) => new
    {
        mortgagee = new { name = People.Bank.Name, code = People.Bank.IdNumber }, maximumAmount = 8_000_000m,
        term = new { from = "2026-12-01", to = "2031-11-30" }, restrictsTransfer = false, alsoUnitCodes,
    };

    [Fact]
    public async Task it_is_recorded_on_every_unit_under_one_proof_and_discharged_on_all_of_them()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.ZhangSan);
        var proof = (await RecordAsync("mortgage", house, [People.ZhangSan], OverSeveral([land]))).ShouldBe(200).Body!["proofNumber"]!.GetValue<string>();

        foreach (var code in new[] { house, land })
            Assert.Equal(proof, (await UnitAsync(code))["mortgages"]![0]!["proofNumber"]!.GetValue<string>());

        var mortgageId = (await UnitAsync(house))["mortgages"]![0]!["mortgageId"]!.GetValue<string>();
        (await RecordAsync("mortgage-discharge", house, [People.Bank], new { mortgageId })).ShouldBe(200);
        foreach (var code in new[] { house, land })
            Assert.Empty((await UnitAsync(code))["mortgages"]!.AsArray());
    }

    [Fact]
    public async Task a_seizure_on_any_of_them_refuses_it_on_all_and_writes_on_none()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.ZhangSan);
        var court = new People.Person("北京市朝阳区人民法院", "11110000000021135M");
        (await RecordAsync("seizure", land, [court], new { court = court.Name, caseNumber = "(2026)京0105执9号" })).ShouldBe(200);

        var answer = (await RecordAsync("mortgage", house, [People.ZhangSan], OverSeveral([land]))).ShouldBeRefused(409, "unit-seized");
        Assert.Contains(land, answer.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, (await UnitAsync(house))["version"]!.GetValue<int>());
        Assert.Equal(3, (await UnitAsync(land))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task it_holds_its_place_in_the_queue_of_every_unit_it_covers()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.ZhangSan);
        var mortgage = await AcceptAsync("mortgage", house, [People.ZhangSan], OverSeveral([land]));
        var landSale = await AcceptAsync("transfer", land, [People.ZhangSan], SaleTo(People.LiSi));
        await ApproveAsync(landSale);

        Assert.Equal([mortgage, landSale], (await UnitAsync(land))["pendingApplications"]!.AsArray().Select(a => a!["applicationId"]!.GetValue<string>()));
        (await Ledger.PostAsync($"/api/applications/{landSale}/record", null, Reviewer)).ShouldBeRefused(409, "earlier-application-pending");

        await ApproveAsync(mortgage);
        (await Ledger.PostAsync($"/api/applications/{mortgage}/record", null, Reviewer)).ShouldBe(200);
        (await Ledger.PostAsync($"/api/applications/{landSale}/record", null, Reviewer)).ShouldBe(200);
    }

    [Fact]
    public async Task a_unit_the_register_does_not_hold_refuses_the_whole_mortgage()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var missing = NewParcelCode();
        (await RecordAsync("mortgage", house, [People.ZhangSan], OverSeveral([missing]))).ShouldBeRefused(409, "other-unit-not-found");
        Assert.Empty((await UnitAsync(house))["mortgages"]!.AsArray());
    }
}
