using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Ledger.Values;

/// <summary>A right type (权利类型, QLLX) from the national code table.</summary>
public sealed record RightType(string Code, string Name)
{
    private static readonly RightType[] Table =
    [
        new("1", "集体土地所有权"), new("2", "国家土地所有权"), new("3", "国有建设用地使用权"),
        new("4", "国有建设用地使用权/房屋(构筑物)所有权"), new("5", "宅基地使用权"), new("6", "宅基地使用权/房屋所有权"),
        new("7", "集体建设用地使用权"), new("8", "集体建设用地使用权/房屋所有权"), new("9", "土地承包经营权"),
        new("10", "土地承包经营权/森林、林木所有权"), new("11", "林地使用权"), new("12", "林地使用权/森林、林木使用权"),
        new("13", "草原使用权"), new("14", "水域滩涂养殖权"), new("15", "海域使用权"),
        new("16", "海域使用权/构(建)筑物所有权"), new("17", "无居民海岛使用权"), new("18", "无居民海岛使用权/构(建)筑物所有权"),
        new("19", "地役权"), new("20", "取水权"), new("21", "探矿权"), new("22", "采矿权"), new("23", "抵押权"),
        new("24", "国有农用地使用权"), new("36", "林地使用权/森林、林木所有权"), new("99", "其它"),
    ];

    private static readonly FrozenDictionary<string, RightType> ByCode =
        Table.ToFrozenDictionary(t => t.Code, StringComparer.Ordinal);

    public static IReadOnlyList<RightType> All { get; } = Array.AsReadOnly(Table);

    /// <summary>Finds a right type by its code as the national table writes it ("4", not "04").</summary>
    public static bool TryParse(string? code, [NotNullWhen(true)] out RightType? type)
    {
        type = null;
        return code is not null && ByCode.TryGetValue(code.Trim(), out type);
    }

    /// <summary>
    /// True when recording this right issues a 不动产权证书; easements and mortgages are
    /// evidenced by a 不动产登记证明 instead (不动产登记暂行条例实施细则 art. 20).
    /// </summary>
    public bool IsOwnershipKind => Code is not ("19" or "23");

    /// <summary>Null when this right can be registered on the unit; otherwise the reason it cannot.</summary>
    public string? MisfitWith(UnitCode unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var what = $"{Name} ({Code})";
        return Code switch
        {
            "15" or "16" when unit.RightKind != 'H' =>
                $"{what} fits only a sea-area unit, whose 14th code character is H; unit {unit} has '{unit.RightKind}'.",
            "17" or "18" when unit.RightKind != 'G' =>
                $"{what} fits only an uninhabited-island unit, whose 14th code character is G; unit {unit} has '{unit.RightKind}'.",
            "5" or "6" when unit.Ownership != 'J' || unit.RightKind != 'C' =>
                $"{what} fits only collective homestead land, code characters 13-14 'JC'; unit {unit} has '{unit.Ownership}{unit.RightKind}'.",
            "1" when unit.Ownership != 'J' || unit.RightKind != 'A' =>
                $"{what} fits only collective land ownership, code characters 13-14 'JA'; unit {unit} has '{unit.Ownership}{unit.RightKind}'.",
            _ => BuildingAndOwnershipMisfit(what, unit),
        };
    }

    private string? BuildingAndOwnershipMisfit(string what, UnitCode unit) => Code switch
    {
        "4" or "6" or "8" or "16" or "18" when unit.FixtureKind != 'F' =>
            $"{what} includes a building, so it fits only a building unit, whose 20th code character is F; unit {unit} has '{unit.FixtureKind}'.",
        "3" or "7" when unit.FixtureKind == 'F' =>
            $"{what} is a right in land alone and cannot be registered on building unit {unit}; register it on the parcel.",
        "7" or "8" when unit.Ownership != 'J' =>
            $"{what} fits only collective land, code character 13 'J'; unit {unit} has '{unit.Ownership}'.",
        "3" or "4" when unit.Ownership != 'G' =>
            $"{what} fits only state-owned land, code character 13 'G'; unit {unit} has '{unit.Ownership}'.",
        _ => null,
    };
}
