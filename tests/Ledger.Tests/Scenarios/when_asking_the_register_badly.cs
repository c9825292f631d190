using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

/// <summary>Each malformed or disallowed request gets its own stable code, and the register is unchanged after it.</summary>
public sealed class when_asking_the_register_badly(LedgerHost host) : LedgerScenario(host)
{
    async Task<int> EventCount() => (int)(await Host.Services.GetRequiredService<Marten.IDocumentStore>().Advanced.FetchEventStoreStatistics()).EventCount;

    [Fact]
    public async Task malformed_requests_are_refused_before_anything_is_written()
    {
        var code = await EstablishedParcelAsync();
        var before = await EventCount();

        (await Ledger.SendAsync(HttpMethod.Post, "/api/units", null, Clerk, r => r.Content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")))
            .ShouldBeRefused(400, "malformed-request");
        (await Ledger.PostAsync("/api/units", new { unitCode = NewParcelCode(), location = "", area = -1, use = "", geometry = Square(116.4, 39.9) }, Clerk))
            .ShouldBeRefused(400, "invalid-unit");
        (await Ledger.PostAsync("/api/applications", new { type = "lease", unitCode = code, applicants = Array.Empty<object>(), details = new { } }, Clerk))
            .ShouldBeRefused(400, "invalid-application-type");
        (await Ledger.GetAsync($"/api/units/{code}?asOf=yesterday", Clerk)).ShouldBeRefused(400, "invalid-as-of");
        (await Ledger.GetAsync("/api/applications?status=someday", Clerk)).ShouldBeRefused(400, "invalid-status");
        (await Ledger.PostAsync("/dev/tokens", new { role = "emperor", sub = "x", name = "x" }, null)).ShouldBeRefused(400, "invalid-token-request");
        (await Ledger.GetAsync("/api/no-such-thing", Clerk)).ShouldBeRefused(404, "not-found");
        // A number that is not a number is refused, never read as "not given" (page 1, the default size).
        var notANumber = (await Ledger.GetAsync("/api/units?bbox=116.3,39.8,116.5,40.0&pageSize=many", Clerk)).ShouldBeRefused(400, "invalid-query-value");
        Assert.Equal("pageSize", notANumber.Body!["parameter"]!.GetValue<string>());
        (await Ledger.GetAsync("/api/units?bbox=116.3,39.8,116.5,40.0&page=2.5", Clerk)).ShouldBeRefused(400, "invalid-query-value");

        Assert.Equal(before, await EventCount());
    }

    [Fact]
    public async Task a_building_unit_needs_an_established_parcel_beneath_it()
    {
        var parcel = NewParcelCode();
        var building = parcel[..19] + "F00010001";
        (await Ledger.PostAsync("/api/units", new { unitCode = building, location = "1号楼101", area = 90m, use = "住宅" }, Clerk))
            .ShouldBeRefused(400, "invalid-parent-unit");
        (await Ledger.PostAsync("/api/units", new { unitCode = building, location = "1号楼101", area = 90m, use = "住宅", parentUnitCode = parcel }, Clerk))
            .ShouldBeRefused(409, "parent-unit-not-established");
        Assert.Equal(0, await EventCount());
    }

    [Fact]
    public async Task reads_are_cut_to_what_the_caller_may_see()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var tax = await Ledger.TokenAsync("tax", People.Bank);
        (await Ledger.GetAsync($"/api/units/{code}", tax)).ShouldBeRefused(403, "not-allowed-to-view");
        var stranger = await Ledger.TokenAsync("holder", People.WangWu);
        (await Ledger.GetAsync($"/api/units/{code}", stranger)).ShouldBeRefused(403, "not-allowed-to-view");
        var party = await Ledger.TokenAsync("party", People.LiSi);
        (await Ledger.GetAsync($"/api/units/{code}", party)).ShouldBeRefused(400, "purpose-required");
        Assert.Equal("party", (await Ledger.GetAsync($"/api/units/{code}?purpose={Uri.EscapeDataString("购房合同纠纷诉讼")}", party)).ShouldBe(200).Body!["view"]!.GetValue<string>());
        (await Ledger.GetAsync($"/api/units/{code}?asOf=2020-01-01T00:00:00%2B08:00", Clerk)).ShouldBeRefused(404, "unit-not-yet-established");

        var owner = await Ledger.TokenAsync("holder", People.ZhangSan);
        var own = (await Ledger.GetAsync($"/api/units/{code}", owner)).ShouldBe(200).Body!;
        Assert.Equal("holder", own["view"]!.GetValue<string>());
        Assert.Equal(People.ZhangSan.IdNumber, own["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());
        var prospect = await Ledger.TokenAsync("prospect", People.LiSi);
        var flagsOnly = (await Ledger.GetAsync($"/api/units/{code}", prospect)).ShouldBe(200).Body!;
        Assert.Null(flagsOnly["ownership"]);
        Assert.NotNull(flagsOnly["flags"]);
    }

    [Fact]
    public async Task an_application_moves_only_forward()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var id = await AcceptAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank));
        (await Ledger.PostAsync($"/api/applications/{id}/review", new { decision = "maybe", opinion = "?" }, Reviewer)).ShouldBeRefused(400, "malformed-request");
        (await Ledger.PostAsync($"/api/applications/{id}/review", new { decision = "approve", opinion = " " }, Reviewer)).ShouldBeRefused(400, "invalid-review");
        await ApproveAsync(id);
        (await Ledger.PostAsync($"/api/applications/{id}/review", new { decision = "reject", opinion = "重复审核" }, SecondReviewer)).ShouldBeRefused(409, "not-awaiting-review");
        (await Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer)).ShouldBe(200);
        (await Ledger.PostAsync($"/api/applications/{id}/withdraw", new { reason = "晚了" }, Clerk)).ShouldBeRefused(409, "not-pending");
    }

    [Fact]
    public async Task encumbrances_are_not_recorded_twice_nor_lifted_when_absent()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var court = new People.Person("北京市朝阳区人民法院", "11110000000021135M");
        (await RecordAsync("seizure", code, [court], new { court = court.Name, caseNumber = "执1号" })).ShouldBe(200);
        (await RecordAsync("seizure", code, [court], new { court = court.Name, caseNumber = "执1号" })).ShouldBeRefused(409, "seizure-exists");
        await WithdrawPendingAsync(code);

        (await RecordAsync("advance-notice-cancellation", code, [People.ZhangSan], new { advanceNoticeId = "A-none" })).ShouldBeRefused(409, "advance-notice-not-in-force");
        await WithdrawPendingAsync(code);

        (await RecordAsync("objection", code, [People.WangWu], new { objector = new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber }, reason = "权属争议" })).ShouldBe(200);
        var objectionId = (await UnitAsync(code))["objections"]![0]!["objectionId"]!.GetValue<string>();
        (await RecordAsync("objection-lawsuit", code, [People.WangWu], new { objectionId, court = court.Name, caseNumber = "民初1号" })).ShouldBe(200);
        (await RecordAsync("objection-lawsuit", code, [People.WangWu], new { objectionId, court = court.Name, caseNumber = "民初2号" })).ShouldBeRefused(409, "lawsuit-already-registered");
    }

    async Task WithdrawPendingAsync(string code)
    {
        foreach (var pending in (await Ledger.GetAsync($"/api/applications?unitCode={code}", Clerk)).ShouldBe(200).Body!.AsArray())
            (await Ledger.PostAsync($"/api/applications/{pending!["applicationId"]}/withdraw", new { reason = "被拒后撤回" }, Clerk)).ShouldBe(200);
    }
}
