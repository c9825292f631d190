using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_checking_a_certificate(LedgerHost host) : LedgerScenario(host)
{
    Task<Answer> Check(string number, string? token) => Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(number)}", token);

    [Fact]
    public async Task a_transfer_supersedes_the_old_certificate_and_either_parenthesis_form_finds_it()
    {
        var code = await EstablishedParcelAsync();
        var first = (await RecordAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200)
            .Body!["certificateNumber"]!.GetValue<string>();
        var anyone = await Ledger.TokenAsync("prospect", People.WangWu);
        Assert.True((await Check(first, anyone)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());

        var second = (await RecordAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200).Body!["certificateNumber"]!.GetValue<string>();
        var old = (await Check(first.Replace("(", "（", StringComparison.Ordinal).Replace(")", "）", StringComparison.Ordinal), anyone)).ShouldBe(200).Body!;
        Assert.Equal(first, old["number"]!.GetValue<string>());
        Assert.False(old["valid"]!.GetValue<bool>());
        Assert.Equal(second, old["supersededBy"]!.GetValue<string>());
        Assert.True((await Check(second, anyone)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task a_mortgage_proof_is_valid_until_the_mortgage_is_discharged()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var proof = (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200).Body!["proofNumber"]!.GetValue<string>();
        Assert.True((await Check(proof, Clerk)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());
        var mortgageId = (await UnitAsync(code))["mortgages"]![0]!["mortgageId"]!.GetValue<string>();
        (await RecordAsync("mortgage-discharge", code, [People.Bank], new { mortgageId })).ShouldBe(200);
        Assert.False((await Check(proof, Clerk)).ShouldBe(200).Body!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public async Task refuses_unknown_malformed_and_anonymous_checks()
    {
        (await Check("京(2026)朝阳区不动产权第0099999号", Clerk)).ShouldBeRefused(404, "certificate-not-found");
        (await Check("京2026朝阳区不动产权第99号", Clerk)).ShouldBeRefused(400, "invalid-certificate-number");
        (await Check("京(2026)朝阳区不动产权第0000001号", null)).ShouldBeRefused(401, "identity-required");
    }
}
