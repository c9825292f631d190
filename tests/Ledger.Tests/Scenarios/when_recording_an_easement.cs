using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_recording_an_easement(LedgerHost host) : LedgerScenario(host)
{
    [Fact]
    public async Task it_is_recorded_on_the_servient_unit_and_noted_on_the_dominant_one_in_one_transaction()
    {
        var servient = await RegisteredToAsync(People.ZhangSan);
        var dominant = await RegisteredToAsync(People.LiSi);
        var answer = (await RecordAsync("easement", servient, [People.ZhangSan],
            new { dominantUnitCode = dominant, purpose = "通行", term = new { from = "2026-12-01", to = "2046-11-30" } })).ShouldBe(200);
        var proof = answer.Body!["proofNumber"]!.GetValue<string>();

        var burdened = await UnitAsync(servient);
        Assert.True(burdened["flags"]!["easement"]!.GetValue<bool>());
        Assert.Equal("servient", burdened["easements"]![0]!["side"]!.GetValue<string>());
        Assert.Equal(dominant, burdened["easements"]![0]!["otherUnitCode"]!.GetValue<string>());
        var benefited = await UnitAsync(dominant);
        Assert.Equal("dominant", benefited["easements"]![0]!["side"]!.GetValue<string>());
        Assert.Equal(servient, benefited["easements"]![0]!["otherUnitCode"]!.GetValue<string>());
        Assert.Equal(3, benefited["version"]!.GetValue<int>());
        Assert.True((await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(proof)}", Clerk)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task refuses_a_dominant_unit_the_register_does_not_hold_and_writes_on_neither()
    {
        var servient = await RegisteredToAsync(People.ZhangSan);
        var missing = NewParcelCode();
        (await RecordAsync("easement", servient, [People.ZhangSan], new { dominantUnitCode = missing, purpose = "采光" }))
            .ShouldBeRefused(409, "dominant-unit-not-found");
        Assert.Equal(2, (await UnitAsync(servient))["version"]!.GetValue<int>());
        (await Ledger.GetAsync($"/api/units/{missing}", Clerk)).ShouldBeRefused(404, "unit-not-found");
    }
}
