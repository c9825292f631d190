using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_a_house_passes_with_its_land_share(LedgerHost host) : LedgerScenario(host)
{
    static object SaleOf(People.Person buyer, params string[] alsoUnitCodes) => new
    {
        to = new[] { new { name = buyer.Name, idNumber = buyer.IdNumber } }, coOwnership = "sole", reason = "sale", price = 4_200_000m, alsoUnitCodes,
    };

    [Fact]
    public async Task both_units_pass_in_one_transaction_under_one_new_certificate()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.ZhangSan);
        var oldLandCertificate = (await UnitAsync(land))["ownership"]!["certificateNumber"]!.GetValue<string>();

        var certificate = (await RecordAsync("transfer", house, [People.ZhangSan], SaleOf(People.LiSi, land))).ShouldBe(200)
            .Body!["certificateNumber"]!.GetValue<string>();

        foreach (var code in new[] { house, land })
        {
            var unit = await UnitAsync(code);
            Assert.Equal(People.LiSi.IdNumber, unit["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());
            Assert.Equal(certificate, unit["ownership"]!["certificateNumber"]!.GetValue<string>());
        }
        var check = (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(certificate)}", Clerk)).ShouldBe(200).Body!;
        Assert.True(check["valid"]!.GetValue<bool>());
        Assert.Equal(new[] { house, land }.Order(StringComparer.Ordinal), check["unitCodes"]!.AsArray().Select(u => u!.GetValue<string>()));
        Assert.Equal(certificate, (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(oldLandCertificate)}", Clerk)).Body!["supersededBy"]!.GetValue<string>());

        // A check reads every unit its certificate covers, and each of them logs it; the buyer now holds both under the one certificate.
        var buyer = await Ledger.TokenAsync("holder", People.LiSi);
        int Checks(Answer log) => log.ShouldBe(200).Body!.AsArray().Count(q => q!["view"]!.GetValue<string>() == "certificate-check");
        Assert.Equal(1, Checks(await Ledger.GetAsync($"/api/units/{house}/queries", buyer)));
        Assert.Equal(2, Checks(await Ledger.GetAsync($"/api/units/{land}/queries", buyer)));
        var held = (await Ledger.GetAsync($"/api/holders/{People.LiSi.IdNumber}/units", buyer)).ShouldBe(200).Body!.AsArray();
        Assert.Equal(new[] { house, land }.Order(StringComparer.Ordinal), held.Select(u => u!["unitCode"]!.GetValue<string>()));
        Assert.All(held, u => Assert.Equal(certificate, u!["certificateNumber"]!.GetValue<string>()));
        Assert.Empty((await Ledger.GetAsync($"/api/holders/{People.ZhangSan.IdNumber}/units", await Ledger.TokenAsync("holder", People.ZhangSan))).ShouldBe(200).Body!.AsArray());
    }

    [Fact]
    public async Task land_held_by_someone_else_refuses_the_whole_transfer()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.WangWu);
        (await RecordAsync("transfer", house, [People.ZhangSan], SaleOf(People.LiSi, land))).ShouldBeRefused(409, "not-current-holder");
        Assert.Equal(People.ZhangSan.IdNumber, (await UnitAsync(house))["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());
        Assert.Equal(2, (await UnitAsync(land))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task a_restricting_mortgage_on_the_land_refuses_the_whole_transfer_naming_the_land()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", land, [People.ZhangSan], MortgageTo(People.Bank, restrictsTransfer: true))).ShouldBe(200);
        var refused = (await RecordAsync("transfer", house, [People.ZhangSan], SaleOf(People.LiSi, land))).ShouldBeRefused(409, "mortgagee-consent-required");
        Assert.StartsWith($"Unit {land}", refused.Body!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, (await UnitAsync(house))["version"]!.GetValue<int>());
    }
}
