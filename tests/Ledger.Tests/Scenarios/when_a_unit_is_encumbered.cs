using System.Text.Json.Nodes;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_a_unit_is_encumbered(LedgerHost host) : LedgerScenario(host)
{
    static readonly People.Person ChaoyangCourt = new("北京市朝阳区人民法院", "11110000000021135M");
    static readonly People.Person HaidianCourt = new("北京市海淀区人民法院", "11110000000021135M");

    static object Seize(People.Person court, string caseNumber) => new { court = court.Name, caseNumber };

    static IEnumerable<(string CaseNumber, string State)> Seizures(JsonNode unit) =>
        unit["seizures"]!.AsArray().Select(s => (s!["caseNumber"]!.GetValue<string>(), s["state"]!.GetValue<string>()));

    [Fact]
    public async Task its_life_reads_right_from_registration_through_two_seizures_to_a_transfer_with_the_mortgage_carried()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200);
        (await RecordAsync("seizure", code, [ChaoyangCourt], Seize(ChaoyangCourt, "(2026)京0105执100号"))).ShouldBe(200);
        (await RecordAsync("seizure", code, [HaidianCourt], Seize(HaidianCourt, "(2026)京0108执200号"))).ShouldBe(200);

        var seized = await UnitAsync(code);
        Assert.True(seized["flags"]!["seized"]!.GetValue<bool>());
        Assert.Equal([("(2026)京0105执100号", "in-force"), ("(2026)京0108执200号", "queued")], Seizures(seized));
        var first = seized["seizures"]![0]!["seizureId"]!.GetValue<string>();
        var second = seized["seizures"]![1]!["seizureId"]!.GetValue<string>();

        (await RecordAsync("seizure-release", code, [ChaoyangCourt], new { seizureId = first, caseNumber = "(2026)京0105执100号" })).ShouldBe(200);
        Assert.Equal([("(2026)京0108执200号", "in-force")], Seizures(await UnitAsync(code)));

        var refused = await AcceptAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi));
        await ApproveAsync(refused);
        (await Ledger.PostAsync($"/api/applications/{refused}/record", null, Reviewer)).ShouldBeRefused(409, "unit-seized");
        (await Ledger.PostAsync($"/api/applications/{refused}/withdraw", new { reason = "查封中，暂缓" }, Clerk)).ShouldBe(200);

        (await RecordAsync("seizure-release", code, [HaidianCourt], new { seizureId = second, caseNumber = "(2026)京0108执200号" })).ShouldBe(200);
        (await RecordAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200);

        var sold = await UnitAsync(code);
        Assert.False(sold["flags"]!["seized"]!.GetValue<bool>());
        Assert.Equal(People.LiSi.IdNumber, sold["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());
        var mortgageId = sold["mortgages"]![0]!["mortgageId"]!.GetValue<string>();
        (await RecordAsync("mortgage-discharge", code, [People.Bank], new { mortgageId })).ShouldBe(200);
        Assert.Empty((await UnitAsync(code))["mortgages"]!.AsArray());

        var history = (await Ledger.GetAsync($"/api/units/{code}/history", Clerk)).ShouldBe(200).Body!["events"]!.AsArray();
        Assert.Equal(
            ["unit-established", "first-registration-recorded", "mortgage-recorded", "seizure-recorded", "seizure-recorded", "seizure-released",
             "seizure-released", "transfer-recorded", "mortgage-discharged"],
            history.Select(e => e!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task an_objection_requires_acknowledgement_and_its_objector_is_masked_for_others()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var objection = (await RecordAsync("objection", code, [People.WangWu],
            new { objector = new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber }, reason = "该房屋系夫妻共同财产" })).ShouldBe(200);
        Assert.Matches("不动产证明第\\d{7}号", objection.Body!["proofNumber"]!.GetValue<string>());

        (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBeRefused(409, "objection-acknowledgement-required");

        var prospect = await Ledger.TokenAsync("agency", People.LiSi);
        var seen = (await Ledger.GetAsync($"/api/units/{code}", prospect)).ShouldBe(200).Body!;
        Assert.True(seen["flags"]!["objection"]!.GetValue<bool>());
        Assert.Equal("110105********0010", seen["objections"]![0]!["objector"]!["idNumber"]!.GetValue<string>());
        Assert.NotNull(seen["objections"]![0]!["lapsesAt"]);
    }

    [Fact]
    public async Task an_advance_notice_bars_a_sale_to_anyone_but_its_beneficiary_without_consent()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("advance-notice", code, [People.ZhangSan, People.LiSi],
            new { kind = "purchase", beneficiary = new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber } })).ShouldBe(200);

        var toWang = await AcceptAsync("transfer", code, [People.ZhangSan], SaleTo(People.WangWu));
        await ApproveAsync(toWang);
        (await Ledger.PostAsync($"/api/applications/{toWang}/record", null, Reviewer)).ShouldBeRefused(409, "advance-notice-consent-required");
        (await Ledger.PostAsync($"/api/applications/{toWang}/withdraw", new { reason = "预告登记权利人未同意" }, Clerk)).ShouldBe(200);

        (await RecordAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200);
        var sold = await UnitAsync(code);
        Assert.False(sold["flags"]!["advanceNotice"]!.GetValue<bool>());
        Assert.Empty(sold["advanceNotices"]!.AsArray());
    }

    [Fact]
    public async Task a_lapse_reads_right_as_of_any_moment()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("objection", code, [People.WangWu],
            new { objector = new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber }, reason = "权属争议" })).ShouldBe(200);
        var lapsesAt = DateTimeOffset.Parse((await UnitAsync(code))["objections"]![0]!["lapsesAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.True((await UnitAsync(code, lapsesAt.AddSeconds(-1).ToString("O")))["flags"]!["objection"]!.GetValue<bool>());
        Assert.False((await UnitAsync(code, lapsesAt.ToString("O")))["flags"]!["objection"]!.GetValue<bool>());
    }
}
