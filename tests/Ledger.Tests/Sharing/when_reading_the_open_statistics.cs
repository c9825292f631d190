using System.Globalization;
using Ledger.Hosting;
using Ledger.Sharing;
using Ledger.Tests.Support;
using Marten.Events;

namespace Ledger.Tests.Sharing;

public sealed class when_reading_the_open_statistics(LedgerHost host) : LedgerScenario(host)
{
    static string ThisMonth => DateTimeOffset.UtcNow.ToOffset(RegistryTime.Offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task anyone_reads_each_months_counts_and_sums_per_county_and_type_without_personal_data()
    {
        var sold = await RegisteredToAsync(People.ZhangSan);
        var mortgaged = await RegisteredToAsync(People.LiSi);
        (await RecordAsync("transfer", sold, [People.ZhangSan, People.WangWu], SaleTo(People.WangWu, 3_800_000m))).ShouldBe(200);
        (await RecordAsync("transfer", sold, [People.WangWu, People.LiSi], new
        {
            to = new[] { new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber } }, coOwnership = "sole", reason = "gift",
        })).ShouldBe(200);
        (await RecordAsync("mortgage", mortgaged, [People.LiSi, People.Bank], MortgageTo(People.Bank, 2_000_000m))).ShouldBe(200);
        var court = new People.Person("北京市朝阳区人民法院", "11110000000021135M");
        (await RecordAsync("seizure", mortgaged, [court], new { court = court.Name, caseNumber = "(2026)京0105执5号" })).ShouldBe(200);
        var area = (await UnitAsync(sold))["area"]!.GetValue<decimal>();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var answer = (await Ledger.GetAsync($"/api/stats/transactions?county={People.Office}", null)).ShouldBe(200);
        var figures = answer.Body!["figures"]!.AsArray()
            .ToDictionary(f => f!["type"]!.GetValue<string>(), f => f!);
        Assert.All(figures.Values, f => Assert.Equal(ThisMonth, f["month"]!.GetValue<string>()));
        Assert.Equal(2, figures["first-registration"]["count"]!.GetValue<int>());
        Assert.Equal(2, figures["transfer"]["count"]!.GetValue<int>());
        // Only priced sales make the price and area sums: the gift counts, but adds no price.
        Assert.Equal(3_800_000m, figures["transfer"]["sum"]!.GetValue<decimal>());
        Assert.Equal(area, figures["transfer"]["area"]!.GetValue<decimal>());
        Assert.Equal(decimal.Round(3_800_000m / area, 2), figures["transfer"]["pricePerSquareMetre"]!.GetValue<decimal>());
        Assert.Equal(1, figures["mortgage"]["count"]!.GetValue<int>());
        Assert.Equal(2_000_000m, figures["mortgage"]["sum"]!.GetValue<decimal>());
        Assert.Equal(1, figures["seizure"]["count"]!.GetValue<int>());
        foreach (var personal in new[] { People.ZhangSan.IdNumber, People.LiSi.IdNumber, People.ZhangSan.Name, People.Bank.IdNumber, sold })
            Assert.DoesNotContain(personal, answer.Text, StringComparison.Ordinal);

        var csv = (await Ledger.GetAsync($"/api/stats/transactions?county={People.Office}&format=csv", null)).ShouldBe(200);
        Assert.StartsWith("text/csv", csv.MediaType, StringComparison.Ordinal);
        var lines = csv.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("county,month,type,count,sum,area,pricePerSquareMetre,warnings", lines[0]);
        Assert.Contains($"{People.Office},{ThisMonth},transfer,2,3800000,{area.ToString(CultureInfo.InvariantCulture)},", lines[2], StringComparison.Ordinal);
        Assert.Equal(5, lines.Length);

        var elsewhere = (await Ledger.GetAsync($"/api/stats/transactions?county={People.OtherOffice}", null)).ShouldBe(200);
        Assert.Empty(elsewhere.Body!["figures"]!.AsArray());
    }

    [Fact]
    public async Task a_multi_unit_mortgage_counts_once_and_bad_questions_are_refused()
    {
        var house = await RegisteredToAsync(People.ZhangSan);
        var land = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", house, [People.ZhangSan, People.Bank], new
        {
            mortgagee = new { name = People.Bank.Name, code = People.Bank.IdNumber }, maximumAmount = 8_000_000m,
            term = new { from = "2026-12-01", to = "2031-11-30" }, restrictsTransfer = false, alsoUnitCodes = new[] { land },
        })).ShouldBe(200);
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var mortgage = (await Ledger.GetAsync($"/api/stats/transactions?county={People.Office}&from={ThisMonth}&to={ThisMonth}", null)).ShouldBe(200)
            .Body!["figures"]!.AsArray().Single(f => f!["type"]!.GetValue<string>() == "mortgage")!;
        Assert.Equal(1, mortgage["count"]!.GetValue<int>());
        Assert.Equal(8_000_000m, mortgage["sum"]!.GetValue<decimal>());

        (await Ledger.GetAsync("/api/stats/transactions?county=11010", null)).ShouldBeRefused(400, "invalid-county");
        (await Ledger.GetAsync("/api/stats/transactions?from=2026-13", null)).ShouldBeRefused(400, "invalid-month");
        (await Ledger.GetAsync("/api/stats/transactions?from=2026-05&to=2026-01", null)).ShouldBeRefused(400, "invalid-month");
        (await Ledger.GetAsync("/api/stats/transactions?format=xml", null)).ShouldBeRefused(400, "invalid-format");
    }
}

/// <summary>房地产分析预警 (specs/decisions.md "Early warning"): a month against the mean of the twelve before it.</summary>
public sealed class when_a_countys_month_moves_away_from_its_trailing_year
{
    static Dictionary<string, MonthlyTally> Year(int months, int count, decimal pricePerSquareMetre) =>
        Enumerable.Range(1, months)
            .Select(back => Statistics.Shift("2026-11", -back))
            .ToDictionary(m => m, m => new MonthlyTally(MonthlyTally.Key("110105", m, "transfer"), "110105", m, "transfer", count, count * 100m * pricePerSquareMetre, count * 100m));

    static MonthlyTally November(int count, decimal pricePerSquareMetre) =>
        new(MonthlyTally.Key("110105", "2026-11", "transfer"), "110105", "2026-11", "transfer", count, count * 100m * pricePerSquareMetre, count * 100m);

    [Theory]
    [InlineData(10, 10_000, new string[0])]
    [InlineData(13, 12_900, new string[0])]
    [InlineData(14, 10_000, new[] { "transfers-up" })]
    [InlineData(6, 10_000, new[] { "transfers-down" })]
    [InlineData(10, 13_100, new[] { "price-up" })]
    [InlineData(10, 6_900, new[] { "price-down" })]
    [InlineData(20, 20_000, new[] { "transfers-up", "price-up" })]
    public void it_is_flagged_beyond_thirty_percent(int count, int price, string[] expected) =>
        Assert.Equal(expected, EarlyWarning.For(November(count, price), Year(12, 10, 10_000m)));

    [Fact]
    public void months_without_transfers_count_as_none_in_the_mean()
    {
        // Six months of 10 over twelve: a mean of 5, so 10 is double it.
        Assert.Equal(["transfers-up"], EarlyWarning.For(November(10, 10_000m), Year(6, 10, 10_000m)));
    }

    [Fact]
    public void too_little_history_raises_nothing()
    {
        Assert.Empty(EarlyWarning.For(November(100, 90_000m), Year(5, 10, 10_000m)));
    }
}
