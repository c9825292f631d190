using System.Text;
using Ledger.Legacy;
using Ledger.Legacy.Importing;
using Ledger.Tests.Support;
using Marten;

namespace Ledger.Tests.Legacy;

/// <summary>The rejections the samples do not show, each provoked by one row.</summary>
public sealed class when_a_legacy_row_cannot_be_placed(LedgerHost fixture) : LedgerScenario(fixture)
{
    const string LandHeader = "原记录号,土地证号,地号,宗地代码,坐落,权利人,证件号,权利性质,用途,面积,终止日期,登记日期,备注";
    const string HouseHeader = "原记录号,房产证号,坐落,幢号,户号,所在层,权利人,证件号,共有方式,建筑面积,土地证号,登记日期,抵押,备注";

    static IReadOnlyList<string> CodesOf(LegacySource source, string header, string row)
    {
        var file = LegacyFile.Read(Encoding.UTF8.GetBytes(header + "\n" + row + "\n"));
        var (record, problems) = LegacyReaders.Read(source, file.Rows[0]);
        Assert.Null(record);
        return [.. problems.Select(p => p.Code)];
    }

    [Fact]
    public void a_land_row_without_certificate_location_or_use_is_rejected_for_each() =>
        Assert.Equal(["legacy-certificate-missing", "legacy-location-missing", "legacy-use-missing"],
            CodesOf(LegacySource.Land, LandHeader, $"TD1,,003-002-1,,,张三,{People.ZhangSan.IdNumber},国有出让,,100,2068-05-02,1998-05-03,"));

    [Fact]
    public void a_house_with_an_unknown_co_ownership_is_rejected() =>
        Assert.Equal(["legacy-co-ownership-unknown"],
            CodesOf(LegacySource.House, HouseHeader, $"FC1,京房权证朝字第1号,北京市朝阳区建国路88号,1,101,1,张三,{People.ZhangSan.IdNumber},共有,89.5,,1998-06-01,,"));

    [Fact]
    public async Task a_given_parcel_code_already_in_the_register_is_not_taken_over()
    {
        var code = await EstablishedParcelAsync();
        var report = await ImportAsync(
            $"TD9,京朝国用(1998)第09999号,003-002-9,{code},北京市朝阳区建国路1号,张三,{People.ZhangSan.IdNumber},国有出让,城镇住宅用地,100,2068-05-02,1998-05-03,\n");

        Assert.Equal("legacy-unit-code-taken", Assert.Single(Assert.Single(report.RejectedRows).Problems).Code);
        Assert.Equal((1, 0, 0, 1), (report.Rows, report.Imported, report.Merged, report.Rejected));
    }

    [Fact]
    public async Task a_parcel_beyond_the_last_number_of_its_sub_district_is_rejected_not_wrapped()
    {
        // 99999 is the last parcel number of a sub-district (GB/T 37346 characters 15-19); a row given it leaves none after it.
        var report = await ImportAsync(
            $"TD10001,京朝国用(1999)第10001号,004-010-1,110105004010GB99999W00000000,北京市朝阳区东三环北路1号,张三,{People.ZhangSan.IdNumber},国有出让,城镇住宅用地,100,2069-05-02,1999-05-03,\n" +
            $"TD10002,京朝国用(1999)第10002号,004-010-2,,北京市朝阳区东三环北路2号,张三,{People.ZhangSan.IdNumber},国有出让,城镇住宅用地,100,2069-05-02,1999-05-03,\n");

        Assert.Equal("110105004010GB99999W00000000", Assert.Single(report.Units).UnitCode);
        var rejected = Assert.Single(report.RejectedRows);
        Assert.Equal(("TD10002", "legacy-no-free-code"), (rejected.LegacyId, Assert.Single(rejected.Problems).Code));
        Assert.Equal((2, 1, 0, 1), (report.Rows, report.Imported, report.Merged, report.Rejected));
    }

    async Task<ImportReport> ImportAsync(string rows)
    {
        var file = Path.Combine(Path.GetTempPath(), $"land-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, LandHeader + "\n" + rows);
        try
        {
            return await new LegacyImporter(Host.Services.GetRequiredService<IDocumentStore>(), when_importing_legacy_records.Mappings, TimeProvider.System)
                .RunAsync(new ImportOptions(LegacySource.Land, "110105", file), null, CancellationToken.None);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
