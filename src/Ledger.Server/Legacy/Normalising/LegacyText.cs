using System.Text;

namespace Ledger.Legacy.Normalising;

/// <summary>How a clerk's typing is folded before anything is read from it.</summary>
public static class LegacyText
{
    /// <summary>
    /// Full-width ASCII (U+FF01-FF5E) and the ideographic space fold to their half-width forms; runs of white space
    /// become one space; the ends are trimmed. Letters keep their case (an identity number upper-cases its own x).
    /// </summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var folded = new StringBuilder(text.Length);
        var space = false;
        foreach (var raw in text)
        {
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            if (char.IsWhiteSpace(c) || c == '\u3000' || c == '\u00A0')
            {
                space = folded.Length > 0;
                continue;
            }

            if (space) folded.Append(' ');
            space = false;
            folded.Append(c);
        }

        return folded.ToString();
    }

    /// <summary>Folded and with no white space at all: numbers, codes and certificate numbers.</summary>
    public static string Compact(string? text) => Fold(text).Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>
    /// A certificate number as the register keeps it: compact, half-width parentheses (old stationery printed both
    /// （） and (); DOMAIN.md "Numbers the registry issues"), ASCII letters upper case.
    /// </summary>
    public static string CertificateNumber(string? text)
    {
        var compact = Compact(text);
        return string.Create(compact.Length, compact, static (written, compact) =>
        {
            for (var i = 0; i < compact.Length; i++)
                written[i] = compact[i] switch
                {
                    '〔' or '[' => '(',
                    '〕' or ']' => ')',
                    var c and >= 'a' and <= 'z' => (char)(c - 32),
                    var c => c,
                };
        });
    }
}
