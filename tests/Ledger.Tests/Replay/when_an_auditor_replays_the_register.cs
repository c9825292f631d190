using Ledger.Replay;
using Ledger.Tests.Support;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Tests.Replay;

/// <summary>
/// Every view is a function of the events: rebuilt from nothing into a scratch schema, each one equals the live one
/// row by row, and a live row changed behind the register's back is named.
/// </summary>
public sealed class when_an_auditor_replays_the_register(LedgerHost host) : LedgerScenario(host)
{
    /// <summary>A register with a little of everything: sales, gifts, a mortgage over two units and its discharge, a seizure and its release, an objection, an advance notice, a change, a question asked.</summary>
    async Task<string> LoadedAsync()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.ZhangSan);
        var other = await RegisteredToAsync(People.LiSi);
        (await RecordAsync("transfer", other, [People.LiSi, People.WangWu], SaleTo(People.WangWu, 2_100_000m))).ShouldBe(200);
        (await RecordAsync("mortgage", house, [People.ZhangSan, People.Bank], new
        {
            mortgagee = new { name = People.Bank.Name, code = People.Bank.IdNumber }, maximumAmount = 8_000_000m,
            term = new { from = "2026-12-01", to = "2031-11-30" }, restrictsTransfer = false, alsoUnitCodes = new[] { land },
        })).ShouldBe(200);
        var court = new People.Person("北京市朝阳区人民法院", "11110000000021135M");
        (await RecordAsync("seizure", land, [court], new { court = court.Name, caseNumber = "(2026)京0105执7号" })).ShouldBe(200);
        var seizureId = (await UnitAsync(land))["seizures"]![0]!["seizureId"]!.GetValue<string>();
        (await RecordAsync("seizure-release", land, [court], new { seizureId, caseNumber = "(2026)京0105执7号" })).ShouldBe(200);
        var mortgageId = (await UnitAsync(house))["mortgages"]![0]!["mortgageId"]!.GetValue<string>();
        (await RecordAsync("mortgage-discharge", house, [People.Bank], new { mortgageId })).ShouldBe(200);
        (await RecordAsync("transfer", house, [People.ZhangSan, People.LiSi], SaleTo(People.LiSi, 3_300_000m))).ShouldBe(200);
        (await RecordAsync("objection", other, [People.LiSi],
            new { objector = new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber }, reason = "权属争议" })).ShouldBe(200);
        (await RecordAsync("advance-notice", land, [People.ZhangSan, People.WangWu],
            new { kind = "purchase", beneficiary = new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber } })).ShouldBe(200);
        (await RecordAsync("change", house, [People.LiSi], new { location = "北京市朝阳区望京街道9号" })).ShouldBe(200);
        var holder = await Ledger.TokenAsync("holder", People.LiSi);
        (await Ledger.GetAsync($"/api/units/{house}", holder)).ShouldBe(200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return house;
    }

    [Fact]
    public async Task every_view_rebuilt_from_the_events_equals_the_live_one()
    {
        await LoadedAsync();
        // Progress drawn every millisecond: each view's rebuild, short as it is here, says how far it has come.
        var check = new ReplayCheck(await TestDatabase.ConnectionStringAsync()) { ProgressEvery = TimeSpan.FromMilliseconds(1) };
        var progress = new StringWriter();
        var report = await check.RunAsync(progress, CancellationToken.None);
        await check.DropScratchAsync(CancellationToken.None);

        Assert.True(report.Clean, progress.ToString());
        Assert.Matches(@"(?m)^  sharing  \[[█░]{20}\] +\d+ %  ", progress.ToString());
        Assert.True(report.Events > 40, $"{report.Events} events replayed");
        // Every projection's views were compared, and none was empty: the check looked at something.
        foreach (var view in new[] { "Unit", "Application", "Holding", "IssuedNumber", "FeedItem", "SharedUnit", "MonthlyTally" })
            Assert.Contains(report.Views, v => v.View.EndsWith("/" + view, StringComparison.Ordinal) && v.LiveRows > 0 && v.LiveRows == v.ReplayedRows);
    }

    [Fact]
    public async Task a_live_row_changed_behind_the_registers_back_is_named()
    {
        var house = await LoadedAsync();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.QueueSqlCommand("update ledger.mt_doc_unit set data = jsonb_set(data, '{location}', '\"北京市朝阳区某处\"') where id = ?", house);
            session.QueueSqlCommand("delete from ledger.mt_doc_monthlytally where id = (select min(id) from ledger.mt_doc_monthlytally)");
            await session.SaveChangesAsync();
        }

        var check = new ReplayCheck(await TestDatabase.ConnectionStringAsync());
        var progress = new StringWriter();
        var report = await check.RunAsync(progress, CancellationToken.None);
        await check.DropScratchAsync(CancellationToken.None);

        Assert.False(report.Clean);
        var unit = Assert.Single(report.Views, v => v.View.EndsWith("/Unit", StringComparison.Ordinal));
        Assert.Equal(1, unit.Differing);
        var changed = Assert.Single(unit.Examples);
        Assert.Equal((house, "differs", "location"), (changed.Id, changed.Kind, Assert.Single(changed.Fields)));
        var tally = Assert.Single(report.Views, v => v.View.EndsWith("/MonthlyTally", StringComparison.Ordinal));
        Assert.Equal("missing from the live view", Assert.Single(tally.Examples).Kind);
        Assert.Contains($"differs: {house} (location)", progress.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, report.Views.Sum(v => v.Differing));
    }
}
