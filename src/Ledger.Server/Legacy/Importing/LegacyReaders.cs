using Ledger.Legacy.Normalising;
using Ledger.Units;

namespace Ledger.Legacy.Importing;

/// <summary>Reads one row of each source into a <see cref="LegacyRecord"/>, or says every reason it cannot (migrations-legacy/README.md).</summary>
public static class LegacyReaders
{
    public static readonly IReadOnlyDictionary<LegacySource, string[]> Columns = new Dictionary<LegacySource, string[]>
    {
        [LegacySource.Land] = ["原记录号", "土地证号", "地号", "宗地代码", "坐落", "权利人", "证件号", "权利性质", "用途", "面积", "终止日期", "登记日期", "备注"],
        [LegacySource.House] = ["原记录号", "房产证号", "坐落", "幢号", "户号", "所在层", "权利人", "证件号", "共有方式", "建筑面积", "土地证号", "登记日期", "抵押", "备注"],
        [LegacySource.Sea] = ["原记录号", "海域证号", "项目名称", "权利人", "证件号", "用海类型", "面积", "界址点", "起始日期", "终止日期", "登记日期"],
    };

    public static (LegacyRecord? Record, IReadOnlyList<RowProblem> Problems) Read(LegacySource source, LegacyCsvRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Malformed) return (null, [new RowProblem("legacy-row-malformed", null, "The row has a different number of fields than the header (a stray comma or quote).")]);
        var problems = new List<RowProblem>();
        var record = source switch
        {
            LegacySource.Land => Land(row, problems),
            LegacySource.House => House(row, problems),
            _ => Sea(row, problems),
        };
        return problems.Count > 0 ? (null, problems) : (record, problems);
    }

    static LegacyRecord? Land(LegacyCsvRow row, List<RowProblem> problems)
    {
        var (id, certificate, holders, registered) = Common(row, "土地证号", problems);
        var location = Required(row, "坐落", "legacy-location-missing", problems);
        var use = Required(row, "用途", "legacy-use-missing", problems);
        var area = Area(row, "面积", AreaUnit.SquareMetre, problems);
        var (ownership, kind, rightType) = LegacyText.Compact(row["权利性质"]) switch
        {
            "国有出让" or "国有划拨" or "出让" or "划拨" or "国有" => ('G', 'B', "3"),
            "集体" when use.Contains("宅基地", StringComparison.Ordinal) => ('J', 'C', "5"),
            "集体" => ('J', 'B', "7"),
            var other => Problem<(char, char, string)>(problems, "legacy-right-unknown", "权利性质", $"The nature of the right '{other}' is none of 国有出让, 国有划拨, 集体.", ('?', '?', "")),
        };
        Term? term = null;
        if (LegacyText.Compact(row["终止日期"]).Length > 0 && registered is { } from)
        {
            if (!LegacyDates.TryParseEnd(row["终止日期"], from, out var to, out var endError)) problems.Add(new RowProblem("legacy-date-invalid", "终止日期", endError!));
            else term = to >= from ? new Term(from, to) : Problem<Term?>(problems, "legacy-date-invalid", "终止日期", "The right ends before it was registered.", null);
        }
        NetTopologySuite.Geometries.Geometry? boundary = null;
        if (row.TryGet("宗地坐标", out var points) && LegacyText.Compact(points).Length > 0 && !LegacyBoundaries.TryLonLat(points, out boundary, out var error))
            problems.Add(new RowProblem("legacy-boundary-invalid", "宗地坐标", error!));
        if (problems.Count > 0) return null;
        return new LegacyRecord(LegacySource.Land, row.Line, id, row.Sha256, certificate, location, area, use, boundary, rightType, ownership, kind,
            CoOwnershipOf(holders!), holders!, term, registered!.Value, GivenUnitCode: LegacyText.Compact(row["宗地代码"]) is { Length: > 0 } c ? c.ToUpperInvariant() : null,
            ParcelNumber: LegacyText.Compact(row["地号"]), Remarks: NullIfEmpty(row["备注"]));
    }

    static LegacyRecord? House(LegacyCsvRow row, List<RowProblem> problems)
    {
        var (id, certificate, holders, registered) = Common(row, "房产证号", problems);
        var location = Required(row, "坐落", "legacy-location-missing", problems);
        var area = Area(row, "建筑面积", AreaUnit.SquareMetre, problems);
        var building = LegacyText.Compact(row["幢号"]).TrimEnd('幢', '栋', '号') is var b && int.TryParse(b, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and < 10_000
            ? n : Problem(problems, "legacy-building-number-invalid", "幢号", $"The building number '{row["幢号"]}' is not a number from 1 to 9999.", 0);
        var coOwnership = LegacyText.Compact(row["共有方式"]) switch
        {
            "" or "单独所有" => CoOwnership.Sole,
            "共同共有" => CoOwnership.Joint,
            "按份共有" => CoOwnership.Shares,
            var other => Problem(problems, "legacy-co-ownership-unknown", "共有方式", $"The co-ownership '{other}' is none of 单独所有, 共同共有, 按份共有.", CoOwnership.Sole),
        };
        if (holders is { } hs)
        {
            var shares = hs.Any(h => h.Share is not null);
            if (coOwnership == CoOwnership.Shares && !shares)
                problems.Add(new RowProblem("legacy-holders-invalid", "权利人", "按份共有 needs every holder's share, as 张三(1/2);李四(1/2)."));
            else if (coOwnership != CoOwnership.Shares && shares)
                problems.Add(new RowProblem("legacy-holders-invalid", "共有方式", $"Shares are given but the co-ownership is {row["共有方式"]}."));
            else if (coOwnership == CoOwnership.Sole && hs.Count > 1)
                problems.Add(new RowProblem("legacy-holders-invalid", "共有方式", "单独所有 names one holder; several are named."));
        }

        LegacyMortgage? mortgage = null;
        if (LegacyText.Compact(row["抵押"]).Length > 0 && !LegacyMortgages.TryParse(row["抵押"], out mortgage, out var mortgageError))
            problems.Add(new RowProblem("legacy-mortgage-invalid", "抵押", mortgageError!));
        if (problems.Count > 0) return null;
        return new LegacyRecord(LegacySource.House, row.Line, id, row.Sha256, certificate, location, area, "住宅", null, "4", 'G', 'B',
            holders!.Count > 1 && coOwnership == CoOwnership.Sole ? CoOwnership.Joint : coOwnership, holders, null, registered!.Value,
            LandCertificateNumber: LegacyText.CertificateNumber(row["土地证号"]) is { Length: > 0 } land ? land : null, Building: building,
            Room: LegacyText.Compact(row["户号"]), Floor: LegacyText.Compact(row["所在层"]), Mortgage: mortgage, Remarks: NullIfEmpty(row["备注"]));
    }

    static LegacyRecord? Sea(LegacyCsvRow row, List<RowProblem> problems)
    {
        var (id, certificate, holders, registered) = Common(row, "海域证号", problems);
        var project = Required(row, "项目名称", "legacy-location-missing", problems);
        var use = Required(row, "用海类型", "legacy-use-missing", problems);
        var area = Area(row, "面积", AreaUnit.Hectare, problems);
        var from = Date(row, "起始日期", problems);
        DateOnly? to = null;
        if (from is { } start)
        {
            if (LegacyDates.TryParseEnd(row["终止日期"], start, out var end, out var endError)) to = end;
            else problems.Add(new RowProblem("legacy-date-invalid", "终止日期", endError!));
        }
        if (from is { } f && to is { } t && t < f) problems.Add(new RowProblem("legacy-date-invalid", "终止日期", "The right ends before it starts."));
        if (!LegacyBoundaries.TryDms(row["界址点"], out var boundary, out var error))
            problems.Add(new RowProblem("legacy-boundary-invalid", "界址点", error!));
        if (problems.Count > 0) return null;
        return new LegacyRecord(LegacySource.Sea, row.Line, id, row.Sha256, certificate, project, area, use, boundary, "15", 'G', 'H',
            CoOwnershipOf(holders!), holders!, new Term(from!.Value, to!.Value), registered!.Value, ProjectName: project);
    }

    static (string Id, string Certificate, IReadOnlyList<LegacyHolder>? Holders, DateOnly? Registered) Common(LegacyCsvRow row, string certificateColumn, List<RowProblem> problems)
    {
        var id = LegacyText.Compact(row["原记录号"]);
        if (id.Length == 0) problems.Add(new RowProblem("legacy-id-missing", "原记录号", "The row has no original record number (原记录号): it could not be found again."));
        var certificate = LegacyText.CertificateNumber(row[certificateColumn]);
        if (certificate.Length == 0) problems.Add(new RowProblem("legacy-certificate-missing", certificateColumn, $"The old certificate number ({certificateColumn}) is blank."));
        IReadOnlyList<LegacyHolder>? holders = null;
        if (!LegacyParties.TryParse(row["权利人"], row["证件号"], out var read, out var error))
            problems.Add(new RowProblem(read.Count == 0 && error!.Contains("identity number of", StringComparison.Ordinal) ? "legacy-id-number-invalid" : "legacy-holders-invalid", "权利人/证件号", error!));
        else holders = read;
        return (id, certificate, holders, Date(row, "登记日期", problems));
    }

    static CoOwnership CoOwnershipOf(IReadOnlyList<LegacyHolder> holders) =>
        holders.Count == 1 ? CoOwnership.Sole : holders.All(h => h.Share is not null) ? CoOwnership.Shares : CoOwnership.Joint;

    static DateOnly? Date(LegacyCsvRow row, string column, List<RowProblem> problems)
    {
        if (LegacyDates.TryParse(row[column], out var date, out var error)) return date;
        problems.Add(new RowProblem("legacy-date-invalid", column, error!));
        return null;
    }

    static decimal Area(LegacyCsvRow row, string column, AreaUnit bare, List<RowProblem> problems)
    {
        if (LegacyAreas.TryParse(row[column], bare, out var area, out var error)) return area;
        problems.Add(new RowProblem("legacy-area-invalid", column, error!));
        return 0;
    }

    static string Required(LegacyCsvRow row, string column, string code, List<RowProblem> problems)
    {
        var value = LegacyNames.Normalize(row[column]);
        if (value.Length == 0) problems.Add(new RowProblem(code, column, $"{column} is blank."));
        return value;
    }

    static T Problem<T>(List<RowProblem> problems, string code, string column, string message, T fallback)
    {
        problems.Add(new RowProblem(code, column, message));
        return fallback;
    }

    static string? NullIfEmpty(string text) => LegacyText.Fold(text) is { Length: > 0 } folded ? folded : null;
}
