using System.Globalization;

namespace Ledger.Units;

/// <summary>
/// The unit's version as an HTTP entity tag: reads answer <c>ETag: "4"</c>; a recording may send
/// <c>If-Match: "4"</c> to say "record only onto the page I read", and is refused if the page moved.
/// </summary>
public static class UnitVersionTag
{
    public static string Of(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <returns>false when the header is there but is not one quoted version; <paramref name="version"/> null when absent.</returns>
    public static bool TryRead(string? ifMatch, out int? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(ifMatch)) return true;
        var text = ifMatch.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        if (text.Length < 3 || text[0] != '"' || text[^1] != '"'
            || !int.TryParse(text[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)) return false;
        version = parsed;
        return true;
    }
}
