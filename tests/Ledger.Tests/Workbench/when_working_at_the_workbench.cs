using System.Diagnostics;
using System.Globalization;
using Ledger.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ledger.Tests.Workbench;

/// <summary>
/// The web workbench in a real browser (Debian's headless Chromium through Playwright) against the real server on TCP:
/// a clerk establishes a unit and takes in a transfer, a reviewer approves and records it, the holder sees it.
/// Each page is saved as a screenshot (<see cref="Browser.Screenshots"/>).
/// </summary>
public sealed class when_working_at_the_workbench(LedgerHost host, LiveLedger live) : LedgerScenario(host), IClassFixture<LiveLedger>
{
    static async Task SignInAsync(IPage page, string role, People.Person person, string? office = null)
    {
        if (!page.Url.Contains("/workbench/sign-in", StringComparison.Ordinal)) await page.GotoAsync("/workbench/sign-in");
        await page.SelectOptionAsync("#role", role);
        await page.FillAsync("#name", person.Name);
        await page.FillAsync("#sub", person.IdNumber);
        await page.FillAsync("#office", office ?? "");
        await page.Locator("main button[type=submit]").ClickAsync();
        await Expect(page.Locator("header .who")).ToContainTextAsync(person.Name);
    }

    static Task ClickAsync(IPage page, string button) =>
        page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();

    /// <summary>The clerk establishes the parcel through the workbench; it is then registered to 张三 through the API.</summary>
    async Task<string> EstablishedAndRegisteredAsync(IPage clerk)
    {
        var code = NewParcelCode();
        var (lon, lat) = (116.46, 39.90);
        string F(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        await clerk.GotoAsync("/workbench/units/new");
        await clerk.FillAsync("#unitCode", code);
        await clerk.FillAsync("#location", "北京市朝阳区建国路88号");
        await clerk.FillAsync("#area", AreaOf(lon, lat).ToString(CultureInfo.InvariantCulture));
        await clerk.FillAsync("#use", "城镇住宅用地");
        await clerk.FillAsync("#geometry", $$"""{"type":"Polygon","coordinates":[[[{{F(lon)}},{{F(lat)}}],[{{F(lon + 0.001)}},{{F(lat)}}],[{{F(lon + 0.001)}},{{F(lat + 0.001)}}],[{{F(lon)}},{{F(lat + 0.001)}}],[{{F(lon)}},{{F(lat)}}]]]}""");
        await Browser.ScreenshotAsync(clerk, "01-clerk-establish-unit");
        await ClickAsync(clerk, "设立");
        await Expect(clerk.Locator(".done")).ToContainTextAsync("单元已设立");
        await Expect(clerk.Locator("#view")).ToHaveAttributeAsync("data-view", "full");

        (await RecordAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200);
        return code;
    }

    [Fact]
    public async Task a_clerk_takes_in_a_transfer_a_reviewer_records_it_and_the_holder_sees_it()
    {
        await using var browser = await Browser.LaunchAsync(live.Address);

        var clerk = await browser.PersonAsync();
        await SignInAsync(clerk, "clerk", People.ClerkWang, People.Office);
        var code = await EstablishedAndRegisteredAsync(clerk);

        await clerk.GotoAsync($"/workbench/applications/new?type=transfer&unitCode={code}");
        await clerk.FillAsync("#applicants", $"{People.ZhangSan.Name},{People.ZhangSan.IdNumber}");
        // The transfer's own form: the new holders one a line, the price in its box.
        await clerk.FillAsync("#d-to", $"{People.LiSi.Name},{People.LiSi.IdNumber}");
        await Expect(clerk.Locator("#d-coOwnership")).ToHaveValueAsync("sole");
        await Expect(clerk.Locator("#d-reason")).ToHaveValueAsync("sale");
        await clerk.FillAsync("#d-price", "3,500,000");
        await Browser.ScreenshotAsync(clerk, "02-clerk-take-in-transfer");
        await ClickAsync(clerk, "受理");
        await Expect(clerk.Locator(".done")).ToContainTextAsync("已受理");
        await Expect(clerk.Locator("#status")).ToHaveTextAsync("已受理");
        await Expect(clerk.Locator("table.details")).ToContainTextAsync("3500000");
        await Expect(clerk.Locator("table.details")).ToContainTextAsync(People.LiSi.Name);
        await Browser.ScreenshotAsync(clerk, "03-application-accepted");

        await clerk.GotoAsync("/workbench/day-list");
        await Expect(clerk.Locator("table")).ToContainTextAsync("转移登记");
        await Expect(clerk.Locator("table")).ToContainTextAsync(code);
        await Browser.ScreenshotAsync(clerk, "04-clerk-day-list");

        var reviewer = await browser.PersonAsync();
        await SignInAsync(reviewer, "reviewer", People.ReviewerLi, People.Office);
        await Expect(reviewer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workbench/review-queue$"));
        await Browser.ScreenshotAsync(reviewer, "05-reviewer-queue");
        await reviewer.Locator("table").First.Locator("tbody tr td a").First.ClickAsync();
        await reviewer.FillAsync("#opinion", "材料齐全，符合登记条件");
        await ClickAsync(reviewer, "提交审核意见");
        await Expect(reviewer.Locator("#status")).ToHaveTextAsync("审核通过");
        await ClickAsync(reviewer, "登簿");
        await Expect(reviewer.Locator(".done")).ToContainTextAsync("已登簿");
        await Expect(reviewer.Locator("#status")).ToHaveTextAsync("已登簿");
        await Expect(reviewer.Locator("main")).ToContainTextAsync("不动产权第0000002号");
        await Browser.ScreenshotAsync(reviewer, "06-reviewer-recorded");

        var holder = await browser.PersonAsync();
        await SignInAsync(holder, "holder", People.LiSi);
        await holder.GotoAsync($"/workbench/units/{code}");
        await Expect(holder.Locator("#view")).ToHaveAttributeAsync("data-view", "holder");
        await Expect(holder.Locator("#holders")).ToContainTextAsync(People.LiSi.Name);
        await Expect(holder.Locator("#holders")).Not.ToContainTextAsync(People.ZhangSan.Name);
        await Expect(holder.Locator("#timeline li")).ToHaveCountAsync(3);
        await Expect(holder.Locator("#timeline li").Last).ToContainTextAsync("转移登记");
        var mapDrawn = await holder.Locator("img.map").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0");
        Assert.True(mapDrawn, "the unit's boundary map did not load on the holder's unit page");
        await Browser.ScreenshotAsync(holder, "07-holder-unit-page");

        var certificate = await holder.Locator("#certificate").InnerTextAsync();
        await holder.GotoAsync($"/workbench/certificates?number={Uri.EscapeDataString(certificate)}");
        await Expect(holder.Locator("#verdict")).ToContainTextAsync("有效");
        await Expect(holder.Locator("#leaf-index")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(holder, "08-certificate-check");

        await holder.GotoAsync($"/workbench/units/{code}?lang=en");
        await Expect(holder.Locator("h1")).ToContainTextAsync("Unit " + code);
        await Expect(holder.Locator("#timeline")).ToContainTextAsync("Transfer");
        await Browser.ScreenshotAsync(holder, "09-holder-unit-page-english");

        // The open statistics, drawn: anyone may look, signed in or not; the daemon folds them a moment after recording.
        var anyone = await browser.PersonAsync();
        var folded = Stopwatch.StartNew();
        do await anyone.GotoAsync($"/workbench/statistics?county={People.Office}&lang=zh");
        while (await anyone.Locator("#figures tbody tr").CountAsync() < 2 && folded.Elapsed < TimeSpan.FromSeconds(30));
        await Expect(anyone.Locator("#figures tbody tr")).ToHaveCountAsync(2);
        await Expect(anyone.Locator("#figures")).ToContainTextAsync("转移登记");
        await Expect(anyone.Locator("svg rect title")).ToHaveCountAsync(2);
        await Browser.ScreenshotAsync(anyone, "11-statistics");
    }

    [Fact]
    public async Task a_refusal_shows_the_contracts_sentence_and_never_a_stack_trace()
    {
        await using var browser = await Browser.LaunchAsync(live.Address);
        var clerk = await browser.PersonAsync();
        // Nobody signed in: the page asks who you are first.
        await clerk.GotoAsync("/workbench/day-list");
        await Expect(clerk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workbench/sign-in\\?then="));
        await SignInAsync(clerk, "clerk", People.ClerkWang, People.Office);
        await Expect(clerk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workbench/day-list$"));
        var code = await EstablishedAndRegisteredAsync(clerk);

        // A sale without its price: the contract refuses to take it in and says which field is wanting.
        await clerk.GotoAsync($"/workbench/applications/new?type=transfer&unitCode={code}");
        await clerk.FillAsync("#applicants", "王五,110105199001010010");
        await clerk.FillAsync("#d-to", "李四,110105198505050038");
        await ClickAsync(clerk, "受理");
        var refusal = clerk.Locator(".refusal");
        await Expect(refusal).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(clerk, "10-refusal-sentence");
        var sentence = await refusal.InnerTextAsync();
        Assert.DoesNotContain("   at ", sentence, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", sentence, StringComparison.Ordinal);
        Assert.Contains("price", sentence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_form_posted_from_another_site_is_not_acted_on()
    {
        var answer = await Host.Scenario(s =>
        {
            s.Post.FormData(new Dictionary<string, string> { ["role"] = "clerk", ["name"] = People.ClerkWang.Name, ["sub"] = People.ClerkWang.IdNumber, ["office"] = People.Office })
                .ToUrl("/workbench/sign-in");
            s.WithRequestHeader("Origin", "https://elsewhere.example");
            s.StatusCodeShouldBe(403);
        });
        Assert.Contains("此表单来自其他网站", await answer.ReadAsTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("set-cookie", string.Join(",", answer.Context.Response.Headers.Keys).ToLowerInvariant(), StringComparison.Ordinal);
    }

    /// <summary>"My units" reads GET /api/holders/{idNumber}/units, "who looked" GET /api/units/{unitCode}/queries.</summary>
    [Fact]
    public async Task the_holder_sees_my_units_and_who_looked_at_them()
    {
        var code = await RegisteredToAsync(People.LiSi);
        await Ledger.GetAsync($"/api/units/{code}", Clerk);
        await using var browser = await Browser.LaunchAsync(live.Address);
        var holder = await browser.PersonAsync();
        await SignInAsync(holder, "holder", People.LiSi);
        await holder.GotoAsync("/workbench/holder");
        var unit = holder.Locator($"section.unit[data-unit='{code}']");
        await Expect(unit).ToContainTextAsync("不动产权第");
        await Expect(unit.Locator("table.looks")).ToContainTextAsync(People.ClerkWang.Name);
        await Expect(unit.Locator("table.looks")).ToContainTextAsync("受理人员");
        await Browser.ScreenshotAsync(holder, "12-holder-my-units-and-who-looked");
    }
}
