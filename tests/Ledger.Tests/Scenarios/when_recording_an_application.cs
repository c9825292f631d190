using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_recording_an_application(LedgerHost host) : LedgerScenario(host)
{
    async Task<int> VersionOf(string code) => (await UnitAsync(code))["version"]!.GetValue<int>();

    [Fact]
    public async Task refuses_an_application_not_yet_approved()
    {
        var code = await EstablishedParcelAsync();
        var id = await AcceptAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan));
        (await Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer)).ShouldBeRefused(409, "not-approved");
        Assert.Equal(1, await VersionOf(code));
    }

    [Fact]
    public async Task refuses_to_record_the_same_application_twice()
    {
        var code = await EstablishedParcelAsync();
        var id = await AcceptAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan));
        await ApproveAsync(id);
        (await Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer)).ShouldBe(200);
        (await Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer)).ShouldBeRefused(409, "already-recorded");
        Assert.Equal(2, await VersionOf(code));
    }

    [Fact]
    public async Task refuses_a_review_by_the_clerk_who_accepted_it()
    {
        var code = await EstablishedParcelAsync();
        var id = await AcceptAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan));
        var clerkAsReviewer = await Ledger.TokenAsync("reviewer", People.ClerkWang, People.Office);
        (await Ledger.PostAsync($"/api/applications/{id}/review", new { decision = "approve", opinion = "同意" }, clerkAsReviewer))
            .ShouldBeRefused(403, "same-person-review");
        var file = (await Ledger.GetAsync($"/api/applications/{id}", Reviewer)).ShouldBe(200).Body!;
        Assert.Equal("accepted", file["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task refuses_a_later_application_while_an_earlier_one_is_pending()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var earlier = await AcceptAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi));
        var later = await AcceptAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank));
        await ApproveAsync(later);
        (await Ledger.PostAsync($"/api/applications/{later}/record", null, Reviewer)).ShouldBeRefused(409, "earlier-application-pending");

        (await Ledger.PostAsync($"/api/applications/{earlier}/withdraw", new { reason = "申请人撤回" }, Clerk)).ShouldBe(200);
        (await Ledger.PostAsync($"/api/applications/{later}/record", null, Reviewer)).ShouldBe(200);
    }

    [Fact]
    public async Task refuses_a_transfer_not_applied_for_by_the_current_holder()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("transfer", code, [People.WangWu], SaleTo(People.LiSi))).ShouldBeRefused(409, "not-current-holder");
        Assert.Equal(People.ZhangSan.IdNumber, (await UnitAsync(code))["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task refuses_a_transfer_against_a_restricting_mortgage_without_the_mortgagees_consent()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank, restrictsTransfer: true))).ShouldBe(200);
        (await RecordAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBeRefused(409, "mortgagee-consent-required");
        Assert.Equal(3, await VersionOf(code));
    }

    [Fact]
    public async Task records_a_transfer_against_a_restricting_mortgage_with_the_mortgagees_consent()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank, restrictsTransfer: true))).ShouldBe(200);
        (await RecordAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi, consents: ["mortgagee"]))).ShouldBe(200);
    }

    [Fact]
    public async Task refuses_shares_that_do_not_sum_to_one()
    {
        var code = await EstablishedParcelAsync();
        var details = new
        {
            rightType = "3", coOwnership = "shares",
            holders = new[] { new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber, share = "1/3" }, new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber, share = "1/2" } },
        };
        (await RecordAsync("first-registration", code, [People.LiSi, People.WangWu], details)).ShouldBeRefused(409, "shares-do-not-sum-to-one");
        Assert.Equal("established", (await UnitAsync(code))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task refuses_an_invalid_identity_number_at_the_counter()
    {
        var code = await EstablishedParcelAsync();
        var answer = await Ledger.PostAsync("/api/applications", new
        {
            type = "first-registration", unitCode = code, applicants = new[] { new { name = "张三", idNumber = "110105194912310021" } },
            details = SoleOwnership(People.ZhangSan),
        }, Clerk);
        answer.ShouldBeRefused(400, "invalid-application");
        Assert.NotNull(answer.Body!["errors"]!["applicants[0].idNumber"]);
        Assert.Empty((await Ledger.GetAsync($"/api/applications?unitCode={code}", Clerk)).ShouldBe(200).Body!.AsArray());
    }

    [Fact]
    public async Task refuses_an_unknown_unit_and_an_unknown_application()
    {
        var unknown = NewParcelCode();
        (await Ledger.PostAsync("/api/applications", new
        {
            type = "first-registration", unitCode = unknown, applicants = new[] { new { name = "张三", idNumber = People.ZhangSan.IdNumber } },
            details = SoleOwnership(People.ZhangSan),
        }, Clerk)).ShouldBeRefused(404, "unit-not-found");
        (await Ledger.PostAsync($"/api/applications/{Guid.NewGuid()}/record", null, Reviewer)).ShouldBeRefused(404, "application-not-found");
    }

    [Fact]
    public async Task refuses_a_recording_onto_a_page_that_moved_since_the_reviewer_read_it()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var read = (await Ledger.GetAsync($"/api/units/{code}", Reviewer)).ShouldBe(200);
        Assert.Equal("\"2\"", read.ETag);
        (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200);
        var transfer = await AcceptAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi));
        await ApproveAsync(transfer);

        (await Ledger.SendAsync(HttpMethod.Post, $"/api/applications/{transfer}/record", null, Reviewer, r => r.Headers.TryAddWithoutValidation("If-Match", read.ETag)))
            .ShouldBeRefused(409, "concurrency-conflict");
        Assert.Equal(3, await VersionOf(code));
        Assert.Equal("approved", (await Ledger.GetAsync($"/api/applications/{transfer}", Reviewer)).Body!["status"]!.GetValue<string>());

        (await Ledger.SendAsync(HttpMethod.Post, $"/api/applications/{transfer}/record", null, Reviewer, r => r.Headers.TryAddWithoutValidation("If-Match", "\"3\"")))
            .ShouldBe(200);
    }

    [Fact]
    public async Task refuses_an_if_match_that_is_not_a_version()
    {
        var code = await EstablishedParcelAsync();
        var id = await AcceptAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan));
        await ApproveAsync(id);
        (await Ledger.SendAsync(HttpMethod.Post, $"/api/applications/{id}/record", null, Reviewer, r => r.Headers.TryAddWithoutValidation("If-Match", "version four")))
            .ShouldBeRefused(400, "invalid-if-match");
        Assert.Equal(1, await VersionOf(code));
    }

    [Fact]
    public async Task the_day_list_shows_pending_applications_first_accepted_first()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var first = await AcceptAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank));
        var second = await AcceptAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi));
        var list = (await Ledger.GetAsync($"/api/applications?unitCode={code}&status=pending", Reviewer)).ShouldBe(200).Body!.AsArray();
        Assert.Equal([first, second], list.Select(a => a!["applicationId"]!.GetValue<string>()));
        Assert.Equal([first, second], (await UnitAsync(code))["pendingApplications"]!.AsArray().Select(a => a!["applicationId"]!.GetValue<string>()));
    }
}
