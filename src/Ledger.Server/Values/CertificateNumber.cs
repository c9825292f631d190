using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Values;

/// <summary>The number printed on a certificate or proof: 京(2026)朝阳区不动产权第0000123号.</summary>
public sealed partial record CertificateNumber
{
    // 不动产登记暂行条例 took effect on 2015-03-01; no unified certificate is numbered earlier.
    public const int FirstYear = 2015;
    public const int LastSequence = 9_999_999;

    private CertificateNumber(string provinceAbbreviation, int year, string place, NumberKind kind, int sequence)
    {
        ProvinceAbbreviation = provinceAbbreviation;
        Year = year;
        Place = place;
        Kind = kind;
        Sequence = sequence;
    }

    public string ProvinceAbbreviation { get; }

    public int Year { get; }

    public string Place { get; }

    public NumberKind Kind { get; }

    public int Sequence { get; }

    public static CertificateNumber For(County county, int year, NumberKind kind, int sequence)
    {
        ArgumentNullException.ThrowIfNull(county);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, LastSequence);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown number kind.");
        }

        return new CertificateNumber(county.ProvinceAbbreviation, year, county.Name, kind, sequence);
    }

    public static bool TryParse(
        string? text, [NotNullWhen(true)] out CertificateNumber? number, [NotNullWhen(false)] out string? error)
    {
        number = null;
        // Old records carry full-width parentheses and stray spaces; neither belongs to the number.
        var compact = string.Concat((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c)))
            .Replace('（', '(').Replace('）', ')');
        if (compact.Length == 0)
        {
            error = "The certificate number is empty.";
            return false;
        }

        var match = Shape().Match(compact);
        if (!match.Success)
        {
            error = $"'{compact}' is not a certificate number of the form 京(2026)朝阳区不动产权第0000123号 or 京(2026)朝阳区不动产证明第0000045号.";
            return false;
        }

        var abbreviation = match.Groups["abbreviation"].Value;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var sequence = int.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture);
        error = !Provinces.IsAbbreviation(abbreviation)
            ? $"The certificate number starts with '{abbreviation}', which is not a province abbreviation."
            : year < FirstYear
                ? $"The certificate number's year {year} is before {FirstYear}, when unified registration began."
                : sequence == 0
                    ? "The certificate number's sequence is 0000000; sequences start at 0000001."
                    : null;
        if (error is not null)
        {
            return false;
        }

        var kind = match.Groups["kind"].Value == "权" ? NumberKind.Certificate : NumberKind.Proof;
        number = new CertificateNumber(abbreviation, year, match.Groups["place"].Value, kind, sequence);
        return true;
    }

    public static CertificateNumber Parse(string text) =>
        TryParse(text, out var number, out var error) ? number : throw new FormatException(error);

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{ProvinceAbbreviation}({Year}){Place}{(Kind == NumberKind.Certificate ? "不动产权" : "不动产证明")}第{Sequence:D7}号");

    // The place is the issuing city or county name: CJK characters only.
    [GeneratedRegex(@"^(?<abbreviation>\p{IsCJKUnifiedIdeographs})\((?<year>[0-9]{4})\)(?<place>\p{IsCJKUnifiedIdeographs}{1,20}?)不动产(?<kind>权|证明)第(?<sequence>[0-9]{7})号$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
