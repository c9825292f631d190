using System.Diagnostics.CodeAnalysis;

namespace Ledger.Values;

/// <summary>A party's number as the API carries it: a resident identity number or a unified social credit code.</summary>
public static class PartyNumber
{
    /// <summary>Normalizes to the 18-character identity number or credit code; identity numbers are tried first.</summary>
    public static bool TryNormalize(
        string? text, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        if (IdentityNumber.TryParse(text, out var id, out var idError))
        {
            normalized = id.Value;
            error = null;
            return true;
        }

        if (CreditCode.TryParse(text, out var code, out var codeError))
        {
            normalized = code.Value;
            error = null;
            return true;
        }

        // Report against the kind of number the text looks like, so the clerk reads one reason.
        error = LooksLikeIdentityNumber(Masking.Fold(text))
            ? idError
            : string.IsNullOrWhiteSpace(text)
                ? "The party's identity number or credit code is empty."
                : $"It is neither a resident identity number nor a unified social credit code: {codeError}";
        return false;
    }

    /// <summary>The number as shown to anyone but its holder: first 6, eight '*', last 4.</summary>
    public static string Mask(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        return Masking.Mask(normalized);
    }

    private static bool LooksLikeIdentityNumber(string folded) =>
        (folded.Length == 15 && folded.All(char.IsAsciiDigit))
        || (folded.Length == 18 && folded.AsSpan(0, 17).IndexOfAnyExceptInRange('0', '9') < 0
            && (char.IsAsciiDigit(folded[17]) || folded[17] == 'X'));
}
