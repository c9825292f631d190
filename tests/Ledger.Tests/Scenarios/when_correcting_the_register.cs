using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_correcting_the_register(LedgerHost host) : LedgerScenario(host)
{
    [Fact]
    public async Task the_view_shows_the_corrected_value_and_the_history_keeps_the_original_and_the_pointer()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var details = new
        {
            correctsVersion = 2, basis = "ex-officio",
            corrected = new { holders = new[] { new { name = "张三丰", idNumber = People.ZhangSan.IdNumber } }, area = 1234.56m },
        };
        var certificate = (await RecordAsync("correction", code, [People.ZhangSan], details)).ShouldBe(200).Body!["certificateNumber"]!.GetValue<string>();
        Assert.True((await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(certificate)}", Clerk)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());

        var unit = await UnitAsync(code);
        Assert.Equal("张三丰", unit["ownership"]!["holders"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(1234.56m, unit["area"]!.GetValue<decimal>());
        var history = (await Ledger.GetAsync($"/api/units/{code}/history", Clerk)).ShouldBe(200).Body!["events"]!.AsArray();
        Assert.Equal("张三", history[1]!["data"]!["holders"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("correction-recorded", history[2]!["type"]!.GetValue<string>());
        Assert.Equal(2, history[2]!["data"]!["correctsVersion"]!.GetValue<int>());
    }

    [Fact]
    public async Task refuses_to_correct_a_version_the_unit_never_had()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("correction", code, [People.ZhangSan], new { correctsVersion = 9, basis = "court", corrected = new { use = "商业用地" } }))
            .ShouldBeRefused(409, "correction-target-not-found");
        Assert.Equal("城镇住宅用地", (await UnitAsync(code))["use"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_cancelled_unit_still_takes_a_correction()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("cancellation", code, [People.ZhangSan], new { reason = "destroyed" })).ShouldBe(200);
        Assert.Null((await RecordAsync("correction", code, [People.ZhangSan], new { correctsVersion = 1, basis = "ex-officio", corrected = new { location = "北京市朝阳区建国路甲88号" } }))
            .ShouldBe(200).Body!["certificateNumber"]);
        var unit = await UnitAsync(code);
        Assert.Equal("cancelled", unit["status"]!.GetValue<string>());
        Assert.Equal("北京市朝阳区建国路甲88号", unit["location"]!.GetValue<string>());
    }
}
