using System.Text;
using Ledger.Legacy;
using Ledger.Legacy.Importing;
using Ledger.Tests.Support;
using Marten;
using Marten.Events;
using Snapshooter.Xunit;

namespace Ledger.Tests.Legacy;

/// <summary>The samples of migrations-legacy imported into a clean register: every row accounted for, the units first-class.</summary>
public sealed class when_importing_legacy_records(LedgerHost fixture) : LedgerScenario(fixture)
{
    internal static string Sample(string name) => Path.Combine(Repository.Root, "migrations-legacy", "samples", name);

    internal static LegacyMappings Mappings => LegacyMappings.Load(Path.Combine(Repository.Root, "migrations-legacy", "mappings"));

    Task<ImportReport> ImportAsync(LegacySource source, string office, string file, int batch = 4) =>
        new LegacyImporter(Host.Services.GetRequiredService<IDocumentStore>(), Mappings, TimeProvider.System)
            .RunAsync(new ImportOptions(source, office, file, batch), null, CancellationToken.None);

    async Task<(ImportReport Land, ImportReport House, ImportReport Sea)> ImportSamplesAsync() =>
        (await ImportAsync(LegacySource.Land, "110105", Sample("land.csv")), await ImportAsync(LegacySource.House, "110105", Sample("house.csv")),
            await ImportAsync(LegacySource.Sea, "210212", Sample("sea.csv")));

    static ImportReport Pinned(ImportReport report) => report with { StartedAt = default, FinishedAt = default, PlanSeconds = 0 };

    [Fact]
    public async Task every_row_of_the_samples_is_imported_merged_or_rejected_and_the_counts_add_up()
    {
        var (land, house, sea) = await ImportSamplesAsync();

        Assert.All(new[] { land, house, sea }, r => Assert.True(r.AddsUp, $"{r.Source}: {r.Rows} rows ≠ {r.Imported} + {r.Merged} + {r.Rejected}"));
        Assert.Equal(("utf-8-bom", "gb18030", "utf-8"), (land.Encoding, house.Encoding, sea.Encoding));
        Snapshot.Match(new { land = Pinned(land), house = Pinned(house), sea = Pinned(sea) });
    }

    [Fact]
    public async Task each_rejected_row_says_why_with_a_stable_code()
    {
        var (land, house, sea) = await ImportSamplesAsync();
        var codes = new[] { land, house, sea }.SelectMany(r => r.RejectedRows).SelectMany(r => r.Problems).Select(p => p.Code).ToHashSet();

        Assert.Superset(new HashSet<string>
        {
            "legacy-id-number-invalid", "legacy-id-missing", "legacy-area-invalid", "legacy-date-invalid", "legacy-right-unknown",
            "legacy-location-unmapped", "legacy-holders-invalid", "legacy-unit-code-invalid", "legacy-boundary-invalid",
            "legacy-duplicate-conflict", "legacy-row-malformed", "legacy-mortgagee-unknown", "legacy-mortgage-invalid",
            "legacy-building-number-invalid",
        }, codes);
        Assert.Contains(house.Units, u => u.Flags.Contains("land-link-missing"));
        Assert.Contains(land.Units, u => u.Flags.Contains("area-differs-from-boundary"));
    }

    [Fact]
    public async Task an_imported_unit_reads_as_registered_since_its_original_date_with_its_old_certificate()
    {
        var (land, _, _) = await ImportSamplesAsync();
        var code = land.Units.Single(u => u.LegacyId == "TD00001").UnitCode;

        var unit = await UnitAsync(code);
        Assert.Equal("registered", unit["status"]!.GetValue<string>());
        Assert.Equal("京朝国用(1998)第00123号", unit["ownership"]!["certificateNumber"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(1998, 5, 3, 0, 0, 0, TimeSpan.FromHours(8)), unit["ownership"]!["recordedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("张三", unit["ownership"]!["holders"]![0]!["name"]!.GetValue<string>());

        Assert.Equal("registered", (await UnitAsync(code, "2000-01-01T00:00:00+08:00"))["status"]!.GetValue<string>());
        (await Ledger.GetAsync($"/api/units/{code}?asOf={Uri.EscapeDataString("1998-05-02T23:59:59+08:00")}", Clerk)).ShouldBeRefused(404, "unit-not-yet-established");

        var history = (await Ledger.GetAsync($"/api/units/{code}/history", Clerk)).ShouldBe(200).Body!["events"]!.AsArray();
        Assert.Equal(["unit-imported", "first-registration-recorded"], history.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal("TD00001", history[0]!["data"]!["legacyId"]!.GetValue<string>());
    }

    [Fact]
    public async Task an_old_certificate_still_proves_its_right_in_either_parenthesis_form()
    {
        var (land, _, _) = await ImportSamplesAsync();
        var anyone = await Ledger.TokenAsync("prospect", People.WangWu);

        var check = (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString("京朝国用（1998）第00123号")}", anyone)).ShouldBe(200).Body!;

        Assert.True(check["valid"]!.GetValue<bool>());
        Assert.Equal("京朝国用(1998)第00123号", check["number"]!.GetValue<string>());
        Assert.Contains(land.Units.Single(u => u.LegacyId == "TD00001").UnitCode, check.ToJsonString(), StringComparison.Ordinal);
        (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString("京朝国用(1998)第99999号")}", anyone)).ShouldBeRefused(400, "invalid-certificate-number");
    }

    [Fact]
    public async Task a_house_stands_on_the_land_its_record_names_and_keeps_its_mortgage()
    {
        var (land, house, _) = await ImportSamplesAsync();
        var parcel = land.Units.Single(u => u.LegacyId == "TD00001").UnitCode;
        var flat = house.Units.Single(u => u.LegacyId == "FC00002").UnitCode;

        Assert.Equal(parcel[..19], flat[..19]);
        var unit = await UnitAsync(flat);
        Assert.Equal(parcel, unit["parentUnitCode"]!.GetValue<string>());
        Assert.Equal("4", unit["ownership"]!["rightType"]!.GetValue<string>());
        Assert.Equal("joint", unit["ownership"]!["coOwnership"]!.GetValue<string>());
        var mortgage = unit["mortgages"]![0]!;
        Assert.Equal(500_000m, mortgage["amount"]!.GetValue<decimal>());
        Assert.Equal("91110105MA0010010P", mortgage["mortgagee"]!["code"]!.GetValue<string>());

        var homestead = await UnitAsync(house.Units.Single(u => u.LegacyId == "FC00006").UnitCode);
        Assert.Equal("6", homestead["ownership"]!["rightType"]!.GetValue<string>());
        // A land certificate typed with full-width digits is still the same certificate; one typed with O for 0 is not.
        Assert.Equal(land.Units.Single(u => u.LegacyId == "TD00004").UnitCode[..19], house.Units.Single(u => u.LegacyId == "FC00007").UnitCode[..19]);
        var unlinked = house.Units.Single(u => u.LegacyId == "FC00008");
        Assert.Equal("000000", unlinked.UnitCode[6..12]);
        Assert.Contains("land-link-missing", unlinked.Flags);
    }

    [Fact]
    public async Task running_the_same_files_again_adds_nothing()
    {
        var first = await ImportSamplesAsync();
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        async Task<int> Events() { await using var s = store.QuerySession(); return await s.Events.QueryAllRawEvents().CountAsync(); }
        var before = await Events();

        var again = await ImportSamplesAsync();

        Assert.Equal(before, await Events());
        foreach (var (one, two) in new[] { (first.Land, again.Land), (first.House, again.House), (first.Sea, again.Sea) })
        {
            Assert.Equal((one.Imported, one.Merged, one.Rejected), (two.Imported, two.Merged, two.Rejected));
            Assert.Equal(two.Imported, two.ImportedEarlier);
            Assert.Equal(one.Units.Select(u => u.UnitCode), two.Units.Select(u => u.UnitCode));
        }
    }

    [Fact]
    public async Task a_later_file_numbers_its_parcels_after_the_highest_in_the_register()
    {
        var code = await EstablishedParcelAsync();
        var highest = int.Parse(code.AsSpan(14, 5), System.Globalization.CultureInfo.InvariantCulture);
        var (land, house, _) = await ImportSamplesAsync();
        Assert.Equal($"110105003002GB{Math.Max(highest, 101) + 1:D5}W00000000", land.Units.Single(u => u.LegacyId == "TD00001").UnitCode);

        var twoRows = when_an_import_is_killed_and_started_again.LandFile(2);
        var more = await ImportAsync(LegacySource.Land, "110105", twoRows);
        when_an_import_is_killed_and_started_again.Discard(twoRows);
        var last = land.Units.Where(u => u.UnitCode.StartsWith("110105003002GB", StringComparison.Ordinal)).Max(u => u.UnitCode)!;
        Assert.Equal([int.Parse(last.AsSpan(14, 5), System.Globalization.CultureInfo.InvariantCulture) + 1, int.Parse(last.AsSpan(14, 5), System.Globalization.CultureInfo.InvariantCulture) + 2],
            more.Units.Select(u => int.Parse(u.UnitCode.AsSpan(14, 5), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(house.Units.Count, house.Units.Select(u => u.UnitCode).Distinct().Count());
    }

    [Fact]
    public async Task a_row_imported_before_with_other_content_is_refused_not_overwritten()
    {
        await ImportAsync(LegacySource.Land, "110105", Sample("land.csv"));
        var edited = Path.Combine(Path.GetTempPath(), $"land-edited-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(edited, (await File.ReadAllTextAsync(Sample("land.csv"))).Replace("北京市朝阳区建国路88号,张三", "北京市朝阳区建国路88号甲,张三", StringComparison.Ordinal), new UTF8Encoding(true));

        var report = await ImportAsync(LegacySource.Land, "110105", edited);
        File.Delete(edited);

        Assert.Contains(report.RejectedRows, r => r.LegacyId == "TD00001" && r.Problems.Any(p => p.Code == "legacy-record-changed"));
        Assert.True(report.AddsUp);
    }

    [Fact]
    public void the_same_rows_in_gb18030_and_utf_8_read_and_hash_the_same()
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var text = File.ReadAllText(Sample("land.csv"));
        var utf8 = LegacyFile.Read(Encoding.UTF8.GetBytes(text));
        var gb = LegacyFile.Read(Encoding.GetEncoding("GB18030").GetBytes(text));
        var bom = LegacyFile.Read(File.ReadAllBytes(Sample("land.csv")));

        Assert.Equal(("utf-8", "gb18030", "utf-8-bom"), (utf8.Encoding, gb.Encoding, bom.Encoding));
        Assert.Equal(utf8.Rows.Select(r => r.Sha256), gb.Rows.Select(r => r.Sha256));
        Assert.Equal(utf8.Rows.Select(r => r.Sha256), bom.Rows.Select(r => r.Sha256));
        Assert.Equal("张三", gb.Rows[0]["权利人"]);
    }

    [Fact]
    public async Task imported_units_reach_the_banks_and_the_statistics_of_their_original_months_but_never_the_tax_feed()
    {
        var (_, house, _) = await ImportSamplesAsync();
        await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var tax = await Ledger.TokenAsync("tax", new People.Person("国家税务总局北京市朝阳区税务局", "11110105MB0000001X"));
        Assert.Empty((await Ledger.GetAsync("/api/feeds/tax", tax)).ShouldBe(200).Body!["items"]!.AsArray());

        var bank = await Ledger.TokenAsync("bank", new People.Person("中国工商银行股份有限公司北京朝阳支行", "91110105MA0010010P"));
        var mortgages = (await Ledger.GetAsync("/api/feeds/bank", bank)).ShouldBe(200).Body!["items"]!.AsArray();
        var lentOn = house.Units.Single(u => u.LegacyId == "FC00002").UnitCode;
        var item = Assert.Single(mortgages, m => m!["unitCode"]!.GetValue<string>() == lentOn)!;
        Assert.Equal("mortgage", item["type"]!.GetValue<string>());
        Assert.Equal(500_000m, item["amount"]!.GetValue<decimal>());

        // First registrations count in the month the old register recorded them (here 1998), not the month of the import.
        var figures = (await Ledger.GetAsync("/api/stats/transactions?county=110105&from=1998-01&to=1998-12", null)).ShouldBe(200)
            .Body!["figures"]!.AsArray().Where(f => f!["type"]!.GetValue<string>() == "first-registration").ToList();
        Assert.NotEmpty(figures);
        Assert.All(figures, f => Assert.StartsWith("1998-", f!["month"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.True(figures.Sum(f => f!["count"]!.GetValue<int>()) >= 2);
    }
}
