using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_changing_or_cancelling_a_unit(LedgerHost host) : LedgerScenario(host)
{
    [Fact]
    public async Task a_change_renames_the_holder_and_moves_the_address_and_history_keeps_both()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var old = (await UnitAsync(code))["ownership"]!["certificateNumber"]!.GetValue<string>();
        var renewed = (await RecordAsync("change", code, [People.ZhangSan],
            new { location = "北京市朝阳区建国路88号院1号", holderRename = new { idNumber = People.ZhangSan.IdNumber, newName = "张叁" } })).ShouldBe(200)
            .Body!["certificateNumber"]!.GetValue<string>();
        Assert.NotEqual(old, renewed);
        Assert.Equal(renewed, (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(old)}", Clerk)).ShouldBe(200).Body!["supersededBy"]!.GetValue<string>());

        var unit = await UnitAsync(code);
        Assert.Equal("北京市朝阳区建国路88号院1号", unit["location"]!.GetValue<string>());
        Assert.Equal("张叁", unit["ownership"]!["holders"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(renewed, unit["ownership"]!["certificateNumber"]!.GetValue<string>());
        var history = (await Ledger.GetAsync($"/api/units/{code}/history", Clerk)).ShouldBe(200).Body!["events"]!.AsArray();
        Assert.Equal("张三", history[1]!["data"]!["holders"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("change-recorded", history[2]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task refuses_to_rename_someone_who_holds_nothing_in_the_unit()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("change", code, [People.ZhangSan], new { holderRename = new { idNumber = People.WangWu.IdNumber, newName = "王伍" } }))
            .ShouldBeRefused(409, "not-current-holder");
    }

    [Fact]
    public async Task a_cancelled_unit_takes_no_further_registration_and_its_certificate_is_no_longer_valid()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var certificate = (await UnitAsync(code))["ownership"]!["certificateNumber"]!.GetValue<string>();
        (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200);

        (await RecordAsync("cancellation", code, [People.ZhangSan], new { reason = "destroyed" })).ShouldBeRefused(409, "mortgagee-consent-required");
        (await Ledger.PostAsync($"/api/applications/{(await Ledger.GetAsync($"/api/applications?unitCode={code}", Clerk)).Body![0]!["applicationId"]}/withdraw",
            new { reason = "补充抵押权人同意书后重新申请" }, Clerk)).ShouldBe(200);
        (await RecordAsync("cancellation", code, [People.ZhangSan], new { reason = "destroyed", consents = new[] { "mortgagee" } })).ShouldBe(200);

        Assert.Equal("cancelled", (await UnitAsync(code))["status"]!.GetValue<string>());
        (await Ledger.PostAsync("/api/applications", new
        {
            type = "transfer", unitCode = code, applicants = new[] { new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber } },
            details = SaleTo(People.LiSi),
        }, Clerk)).ShouldBeRefused(409, "unit-cancelled");
        Assert.False((await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(certificate)}", Clerk)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());
    }
}
