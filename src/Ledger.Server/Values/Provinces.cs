using System.Collections.Frozen;

namespace Ledger.Values;

/// <summary>Province-level divisions by the first two digits of a GB/T 2260 code.</summary>
public static class Provinces
{
    // The one-character abbreviations printed at the head of certificate numbers
    // (不动产权证书 format, 自然资源部 2015): the official 简称 of each province-level division.
    private static readonly FrozenDictionary<string, string> Abbreviations = new Dictionary<string, string>
    {
        ["11"] = "京", ["12"] = "津", ["13"] = "冀", ["14"] = "晋", ["15"] = "蒙",
        ["21"] = "辽", ["22"] = "吉", ["23"] = "黑",
        ["31"] = "沪", ["32"] = "苏", ["33"] = "浙", ["34"] = "皖", ["35"] = "闽", ["36"] = "赣", ["37"] = "鲁",
        ["41"] = "豫", ["42"] = "鄂", ["43"] = "湘", ["44"] = "粤", ["45"] = "桂", ["46"] = "琼",
        ["50"] = "渝", ["51"] = "川", ["52"] = "黔", ["53"] = "滇", ["54"] = "藏",
        ["61"] = "陕", ["62"] = "甘", ["63"] = "青", ["64"] = "宁", ["65"] = "新",
        ["71"] = "台", ["81"] = "港", ["82"] = "澳",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> AbbreviationSet =
        Abbreviations.Values.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when the two digits name a province-level division (GB/T 2260).</summary>
    public static bool IsProvinceCode(string? twoDigits) =>
        twoDigits is not null && Abbreviations.ContainsKey(twoDigits);

    /// <summary>The abbreviation for a code's first two digits, or null when there is none.</summary>
    public static string? AbbreviationFor(string? code) =>
        code is { Length: >= 2 } && Abbreviations.TryGetValue(code[..2], out var abbreviation)
            ? abbreviation
            : null;

    /// <summary>True for one of the 34 province-level abbreviations.</summary>
    public static bool IsAbbreviation(string? text) => text is not null && AbbreviationSet.Contains(text);
}
