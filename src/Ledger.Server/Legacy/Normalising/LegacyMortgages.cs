using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Legacy.Normalising;

/// <summary>A mortgage as a house register noted it: the mortgagee's name, the secured amount in yuan, the term.</summary>
public sealed record LegacyMortgage(string Mortgagee, decimal Amount, DateOnly From, DateOnly To);

/// <summary>
/// <c>抵押权人:中国工商银行股份有限公司大连分行;金额:50万元;期限:2010-01-01至2030-12-31</c>. Colons and semicolons may be
/// full-width; the amount may be <c>500000</c>, <c>500,000元</c>, <c>50万元</c> or <c>50万</c>; the term's dates take every
/// legacy date style and are separated by 至, ~ or -- .
/// </summary>
public static partial class LegacyMortgages
{
    public static bool TryParse(string? text, out LegacyMortgage? mortgage, out string? error)
    {
        mortgage = null;
        var parts = LegacyText.Fold(text).Replace('：', ':').Replace('；', ';')
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split(':', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Replace(" ", string.Empty, StringComparison.Ordinal), p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("抵押权人", out var mortgagee) || LegacyNames.Normalize(mortgagee) is not { Length: > 0 } name)
        {
            error = "The mortgage note names no mortgagee (抵押权人:…).";
            return false;
        }

        if (!parts.TryGetValue("金额", out var amountText) || !TryAmount(amountText, out var amount))
        {
            error = $"The mortgage note's amount (金额:…) is missing or not a sum of yuan: '{amountText}'.";
            return false;
        }

        if (!parts.TryGetValue("期限", out var term) || TermSplit().Split(term) is not [var fromText, var toText])
        {
            error = "The mortgage note's term (期限:…至…) is missing or not two dates.";
            return false;
        }

        if (!LegacyDates.TryParse(fromText, out var from, out var fromError) || !LegacyDates.TryParseEnd(toText, from, out var to, out fromError))
        {
            error = $"The mortgage note's term: {fromError}";
            return false;
        }

        if (to < from)
        {
            error = $"The mortgage note's term ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).";
            return false;
        }

        mortgage = new LegacyMortgage(name, amount, from, to);
        error = null;
        return true;
    }

    static bool TryAmount(string text, out decimal yuan)
    {
        yuan = 0;
        var m = Amount().Match(LegacyText.Compact(text));
        if (!m.Success) return false;
        var number = decimal.Parse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        yuan = m.Groups["wan"].Success ? number * 10_000m : number;
        return yuan > 0;
    }

    [GeneratedRegex(@"^(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<wan>万)?元?$")]
    private static partial Regex Amount();

    [GeneratedRegex(@"\s*(?:至|~|～|--)\s*")]
    private static partial Regex TermSplit();
}
