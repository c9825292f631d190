using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Legacy.Normalising;

public enum AreaUnit { SquareMetre, Mu, Hectare }

/// <summary>
/// An area in square metres from <c>1234.5</c>, <c>1,234.50 m2</c>, <c>1234.5平方米</c>, <c>2.5亩</c>, <c>0.3公顷</c>.
/// 1 亩 = 10000/15 m² exactly (666.67 rounded); 1 公顷 = 10000 m². Results are rounded to 0.01 m², as the register keeps areas.
/// </summary>
public static partial class LegacyAreas
{
    public static bool TryParse(string? text, AreaUnit bare, out decimal squareMetres, out string? error)
    {
        squareMetres = 0;
        error = null;
        var s = LegacyText.Compact(text);
        var m = Area().Match(s);
        if (!m.Success)
        {
            error = s.Length == 0 ? "The area is empty." : $"The area '{text}' is not a number with an optional unit (m2, 平方米, 亩, 公顷).";
            return false;
        }

        var number = decimal.Parse(m.Groups["n"].Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var unit = m.Groups["u"].Value.ToUpperInvariant() switch
        {
            "" => bare,
            "亩" => AreaUnit.Mu,
            "公顷" or "HA" => AreaUnit.Hectare,
            _ => AreaUnit.SquareMetre,
        };
        squareMetres = Math.Round(unit switch
        {
            AreaUnit.Mu => number * 10_000m / 15m,
            AreaUnit.Hectare => number * 10_000m,
            _ => number,
        }, 2, MidpointRounding.AwayFromZero);
        if (squareMetres <= 0)
        {
            error = $"The area '{text}' is not a positive area.";
            return false;
        }

        return true;
    }

    // Thousands separators only in groups of three, so 1,5 (a decimal comma) is not read as fifteen.
    [GeneratedRegex(@"^(?<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?<u>m2|m²|㎡|平方米|平米|亩|公顷|ha)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Area();
}
