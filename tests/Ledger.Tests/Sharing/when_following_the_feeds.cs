using System.Text.Json.Nodes;
using Ledger.Tests.Support;
using Marten.Events;

namespace Ledger.Tests.Sharing;

public sealed class when_following_the_feeds(LedgerHost host) : LedgerScenario(host)
{
    async Task<List<JsonNode>> PullAllAsync(string feed, string token, string? start = "beginning", string also = "")
    {
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var items = new List<JsonNode>();
        var url = $"/api/feeds/{feed}?start={start}&limit=2{also}";
        while (true)
        {
            var page = (await Ledger.GetAsync(url, token)).ShouldBe(200).Body!;
            var batch = page["items"]!.AsArray();
            items.AddRange(batch.Select(i => i!));
            if (batch.Count == 0) return items;
            url = $"/api/feeds/{feed}?after={Uri.EscapeDataString(page["next"]!.GetValue<string>())}&limit=2{also}";
        }
    }

    static readonly People.Person TaxBureau = new("国家税务总局北京市朝阳区税务局", "11110105MB0000001X");

    /// <summary>Establish, accept, approve and record as the staff of <see cref="People.OtherOffice"/>: a unit of another county, registered and sold.</summary>
    async Task<string> SoldElsewhereAsync(People.Person holder, People.Person buyer, decimal price)
    {
        var staff = new Staff(
            await Ledger.TokenAsync("clerk", new People.Person("孙丽", "340121198203030027"), People.OtherOffice),
            await Ledger.TokenAsync("reviewer", new People.Person("周杰", "340121197707070012"), People.OtherOffice));
        var code = $"{People.OtherOffice}003002GB{Random.Shared.Next(1, 99_999):D5}W00000000";
        var (lon, lat) = (117.20 + Random.Shared.Next(0, 300) * 0.0015, 31.80);
        (await Ledger.PostAsync("/api/units", new { unitCode = code, location = "安徽省合肥市长丰县", area = AreaOf(lon, lat), use = "城镇住宅用地", geometry = Square(lon, lat) }, staff.Clerk))
            .ShouldBe(201);
        (await RecordAsync("first-registration", code, [holder], SoleOwnership(holder), staff)).ShouldBe(200);
        (await RecordAsync("transfer", code, [holder, buyer], SaleTo(buyer, price), staff)).ShouldBe(200);
        return code;
    }

    [Fact]
    public async Task a_countys_tax_bureau_is_served_its_own_countys_transfers_and_a_platform_may_narrow_to_one()
    {
        var here = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("transfer", here, [People.ZhangSan, People.LiSi], SaleTo(People.LiSi, 3_000_000m))).ShouldBe(200);
        var there = await SoldElsewhereAsync(People.WangWu, People.LiSi, 900_000m);
        var bureau = await Ledger.TokenAsync("tax", TaxBureau, People.Office);
        var otherBureau = await Ledger.TokenAsync("tax", new People.Person("国家税务总局长丰县税务局", "11340121MB0000002X"), People.OtherOffice);
        var platform = await Ledger.TokenAsync("tax", new People.Person("国家税务总局", "11100000MB0000003X"));
        var auditor = await Ledger.TokenAsync("auditor", new People.Person("审计员陈", "110105197001010019"));
        static List<string> Units(List<JsonNode> items) => [.. items.Select(i => i["unitCode"]!.GetValue<string>())];

        Assert.Equal([here], Units(await PullAllAsync("tax", bureau)));
        Assert.Equal([there], Units(await PullAllAsync("tax", otherBureau)));
        Assert.Equal([here, there], Units(await PullAllAsync("tax", platform)));
        Assert.Equal([there], Units(await PullAllAsync("tax", platform, also: $"&county={People.OtherOffice}")));
        Assert.Equal([here], Units(await PullAllAsync("tax", auditor, also: $"&county={People.Office}")));
        Assert.Equal([here], Units(await PullAllAsync("tax", bureau, also: $"&county={People.Office}")));

        // A bureau asking for another county is refused; a county that is none, whoever asks.
        (await Ledger.GetAsync($"/api/feeds/tax?county={People.OtherOffice}", bureau)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync("/api/feeds/tax?county=999999", platform)).ShouldBeRefused(400, "invalid-county");
        // A cursor of one county's feed serves neither another county's nor the whole feed.
        var next = (await Ledger.GetAsync("/api/feeds/tax?start=beginning&limit=1", bureau)).ShouldBe(200).Body!["next"]!.GetValue<string>();
        (await Ledger.GetAsync($"/api/feeds/tax?after={Uri.EscapeDataString(next)}", bureau)).ShouldBe(200);
        (await Ledger.GetAsync($"/api/feeds/tax?after={Uri.EscapeDataString(next)}", otherBureau)).ShouldBeRefused(400, "invalid-cursor");
        (await Ledger.GetAsync($"/api/feeds/tax?after={Uri.EscapeDataString(next)}", platform)).ShouldBeRefused(400, "invalid-cursor");
        // A token whose county is none is not issued.
        (await Ledger.PostAsync("/dev/tokens", new { role = "tax", sub = TaxBureau.IdNumber, name = TaxBureau.Name, office = "999999" }, token: null))
            .ShouldBeRefused(400, "invalid-token-request");
    }

    [Fact]
    public async Task the_tax_feed_serves_each_transfer_with_price_parties_area_and_certificate_in_recording_order()
    {
        var tax = await Ledger.TokenAsync("tax", new People.Person("国家税务总局北京市朝阳区税务局", "11110105MB0000001X"));
        var first = await RegisteredToAsync(People.ZhangSan);
        var second = await RegisteredToAsync(People.LiSi);
        var sale = (await RecordAsync("transfer", first, [People.ZhangSan, People.LiSi], SaleTo(People.LiSi, 3_800_000m))).ShouldBe(200).Body!;
        (await RecordAsync("transfer", second, [People.LiSi, People.WangWu], SaleTo(People.WangWu, 1_250_000.5m))).ShouldBe(200);
        (await RecordAsync("mortgage", first, [People.LiSi, People.Bank], MortgageTo(People.Bank))).ShouldBe(200);

        var items = await PullAllAsync("tax", tax);

        Assert.Equal(["transfer", "transfer"], items.Select(i => i["type"]!.GetValue<string>()));
        Assert.Equal([first, second], items.Select(i => i["unitCode"]!.GetValue<string>()));
        var item = items[0];
        Assert.Equal("sale", item["reason"]!.GetValue<string>());
        Assert.Equal(3_800_000m, item["price"]!.GetValue<decimal>());
        Assert.Equal((await UnitAsync(first))["area"]!.GetValue<decimal>(), item["area"]!.GetValue<decimal>());
        Assert.Equal(People.ZhangSan.IdNumber, item["from"]![0]!["idNumber"]!.GetValue<string>());
        Assert.Equal(People.LiSi.IdNumber, item["to"]![0]!["idNumber"]!.GetValue<string>());
        Assert.Equal(sale["certificateNumber"]!.GetValue<string>(), item["certificateNumber"]!.GetValue<string>());
        Assert.NotNull(item["recordedAt"]);
        Assert.NotEqual(items[0]["cursor"]!.GetValue<string>(), items[1]["cursor"]!.GetValue<string>());

        // The tax feed's rows sit in a partition of their own, in sequence order; the banks' rows are elsewhere.
        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var taxRows = await session.AdvancedSql.QueryAsync<string>("select audience from ledger.mt_doc_feeditem_tax", CancellationToken.None);
        Assert.Equal(["tax", "tax"], taxRows);
        Assert.Contains("bank:" + People.Bank.IdNumber, await session.AdvancedSql.QueryAsync<string>("select audience from ledger.mt_doc_feeditem_default", CancellationToken.None));
    }

    [Fact]
    public async Task a_bank_sees_its_own_mortgages_and_what_happens_to_the_units_it_lends_on_and_nothing_else()
    {
        var bank = await Ledger.TokenAsync("bank", People.Bank);
        var otherBank = await Ledger.TokenAsync("bank", People.OtherBank);
        var lentOn = await RegisteredToAsync(People.ZhangSan);
        var elsewhere = await RegisteredToAsync(People.LiSi);
        var court = new People.Person("北京市朝阳区人民法院", "11110000000021135M");

        await SeizeAndReleaseAsync(lentOn, court, "(2026)京0105执1号");
        (await RecordAsync("mortgage", lentOn, [People.ZhangSan, People.Bank], MortgageTo(People.Bank))).ShouldBe(200);
        (await RecordAsync("mortgage", elsewhere, [People.LiSi, People.OtherBank], MortgageTo(People.OtherBank))).ShouldBe(200);
        await SeizeAndReleaseAsync(lentOn, court, "(2026)京0105执2号");
        (await RecordAsync("seizure", elsewhere, [court], new { court = court.Name, caseNumber = "(2026)京0105执3号" })).ShouldBe(200);
        var mortgageId = (await UnitAsync(lentOn))["mortgages"]![0]!["mortgageId"]!.GetValue<string>();
        (await RecordAsync("mortgage-discharge", lentOn, [People.Bank], new { mortgageId })).ShouldBe(200);

        var mine = await PullAllAsync("bank", bank);
        // The seizure before the mortgage is not this bank's business; everything after it is, up to its discharge.
        Assert.Equal(["mortgage", "seizure", "seizure-released", "mortgage-discharged"], mine.Select(i => i["type"]!.GetValue<string>()));
        Assert.All(mine, i => Assert.Equal(lentOn, i["unitCode"]!.GetValue<string>()));
        Assert.Equal("(2026)京0105执2号", mine[1]["caseNumber"]!.GetValue<string>());
        Assert.Equal(mortgageId, mine[3]["mortgageId"]!.GetValue<string>());

        var theirs = await PullAllAsync("bank", otherBank);
        Assert.Equal(["mortgage", "seizure"], theirs.Select(i => i["type"]!.GetValue<string>()));
        Assert.All(theirs, i => Assert.Equal(elsewhere, i["unitCode"]!.GetValue<string>()));
    }

    async Task SeizeAndReleaseAsync(string unit, People.Person court, string caseNumber)
    {
        (await RecordAsync("seizure", unit, [court], new { court = court.Name, caseNumber })).ShouldBe(200);
        var seizureId = (await UnitAsync(unit))["seizures"]![0]!["seizureId"]!.GetValue<string>();
        (await RecordAsync("seizure-release", unit, [court], new { seizureId, caseNumber })).ShouldBe(200);
    }

    [Fact]
    public async Task a_bank_asking_for_another_banks_feed_or_with_its_cursor_is_refused()
    {
        var bank = await Ledger.TokenAsync("bank", People.Bank);
        var otherBank = await Ledger.TokenAsync("bank", People.OtherBank);
        var lentOn = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", lentOn, [People.ZhangSan, People.Bank], MortgageTo(People.Bank))).ShouldBe(200);
        var mine = await PullAllAsync("bank", bank);
        var cursor = Uri.EscapeDataString(mine[0]["cursor"]!.GetValue<string>());

        (await Ledger.GetAsync($"/api/feeds/bank?bank={People.Bank.IdNumber}", otherBank)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync($"/api/feeds/bank?after={cursor}", otherBank)).ShouldBeRefused(400, "invalid-cursor");
        Assert.Empty((await Ledger.GetAsync("/api/feeds/bank", otherBank)).ShouldBe(200).Body!["items"]!.AsArray());
        (await Ledger.GetAsync($"/api/feeds/bank?bank={People.Bank.IdNumber.ToLowerInvariant()}", bank)).ShouldBe(200);

        // An auditor reads any bank's feed, by naming the bank.
        var auditor = await Ledger.TokenAsync("auditor", new People.Person("审计员陈", "110105197001010019"));
        (await Ledger.GetAsync("/api/feeds/bank", auditor)).ShouldBeRefused(400, "bank-required");
        var audited = (await Ledger.GetAsync($"/api/feeds/bank?bank={People.Bank.IdNumber}", auditor)).ShouldBe(200).Body!["items"]!.AsArray();
        Assert.Equal(lentOn, Assert.Single(audited)!["unitCode"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_cursor_of_another_feed_or_a_forged_one_is_refused_and_bad_limits_too()
    {
        var tax = await Ledger.TokenAsync("tax", new People.Person("国家税务总局北京市朝阳区税务局", "11110105MB0000001X"));
        var bank = await Ledger.TokenAsync("bank", People.Bank);
        var page = (await Ledger.GetAsync("/api/feeds/bank", bank)).ShouldBe(200).Body!;
        var bankCursor = page["next"]!.GetValue<string>();

        (await Ledger.GetAsync($"/api/feeds/tax?after={Uri.EscapeDataString(bankCursor)}", tax)).ShouldBeRefused(400, "invalid-cursor");
        (await Ledger.GetAsync("/api/feeds/tax?after=AAAAAAAAAAUAAAAAAAAAAAAAAAAAAAAA", tax)).ShouldBeRefused(400, "invalid-cursor");
        (await Ledger.GetAsync("/api/feeds/tax?after=not-a-cursor", tax)).ShouldBeRefused(400, "invalid-cursor");
        (await Ledger.GetAsync("/api/feeds/tax?limit=0", tax)).ShouldBeRefused(400, "invalid-limit");
        (await Ledger.GetAsync("/api/feeds/tax?limit=5001", tax)).ShouldBeRefused(400, "invalid-limit");
        (await Ledger.GetAsync("/api/feeds/tax?limit=all", tax)).ShouldBeRefused(400, "invalid-query-value");
        (await Ledger.GetAsync("/api/feeds/tax?start=yesterday", tax)).ShouldBeRefused(400, "invalid-start");
        (await Ledger.GetAsync("/api/feeds/tax", bank)).ShouldBeRefused(403, "forbidden");
        (await Ledger.GetAsync("/api/feeds/tax", null)).ShouldBe(401);
    }

    [Fact]
    public Task a_consumer_starting_from_now_sees_only_what_is_recorded_afterwards() => ServedOnlyWhatIsRecordedAfterAsync(StartFromNowAsync);

    [Fact]
    public Task a_consumer_starting_from_now_while_the_feeds_are_rebuilt_is_not_served_the_past() =>
        ServedOnlyWhatIsRecordedAfterAsync(async tax =>
        {
            // A rebuild of the feeds has just begun: the sharing projection's rows are torn down and its mark is back at
            // the start of the log.
            var coordinator = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
            await coordinator.PauseAsync();
            try
            {
                await using (var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession())
                {
                    foreach (var table in new[] { "mt_doc_feeditem", "mt_doc_sharedunit", "mt_doc_monthlytally" })
                        session.QueueSqlCommand($"delete from ledger.{table}");
                    session.QueueSqlCommand("delete from ledger.mt_event_progression where name like 'sharing:%'");
                    await session.SaveChangesAsync();
                }
                return await StartFromNowAsync(tax);
            }
            finally
            {
                await coordinator.ResumeAsync();
            }
        });

    async Task<JsonNode> StartFromNowAsync(string tax) => (await Ledger.GetAsync("/api/feeds/tax?start=now", tax)).ShouldBe(200).Body!;

    /// <summary>A sale recorded, a tax consumer starting from now (as <paramref name="startFromNow"/> does it), another sale: only that one is served.</summary>
    async Task ServedOnlyWhatIsRecordedAfterAsync(Func<string, Task<JsonNode>> startFromNow)
    {
        var tax = await Ledger.TokenAsync("tax", TaxBureau);
        var before = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("transfer", before, [People.ZhangSan, People.LiSi], SaleTo(People.LiSi))).ShouldBe(200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var now = await startFromNow(tax);
        Assert.Empty(now["items"]!.AsArray());

        var after = await RegisteredToAsync(People.WangWu);
        (await RecordAsync("transfer", after, [People.WangWu, People.LiSi], SaleTo(People.LiSi))).ShouldBe(200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var next = (await Ledger.GetAsync($"/api/feeds/tax?after={Uri.EscapeDataString(now["next"]!.GetValue<string>())}", tax)).ShouldBe(200).Body!;
        Assert.Equal([after], next["items"]!.AsArray().Select(i => i!["unitCode"]!.GetValue<string>()));
    }
}
