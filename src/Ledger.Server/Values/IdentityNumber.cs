using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Ledger.Values;

/// <summary>A citizen's resident identity number (公民身份号码) of GB 11643-1999, always in its 18-character form.</summary>
public sealed record IdentityNumber
{
    // GB 11643-1999 clause 7: weights 2^(18-i) mod 11 for positions 1-17, and the check
    // character for the sum mod 11, indexed 0..10 (ISO 7064 MOD 11-2).
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    // No one alive when numbers were first issued (1984) was born before this.
    private const int EarliestBirthYear = 1850;

    private IdentityNumber(string value, DateOnly birthDate)
    {
        Value = value;
        BirthDate = birthDate;
    }

    public string Value { get; }

    public DateOnly BirthDate { get; }

    public string Masked => Masking.Mask(Value);

    public static bool TryParse(
        string? text, [NotNullWhen(true)] out IdentityNumber? id, [NotNullWhen(false)] out string? error) =>
        TryParse(text, ChinaToday(), out id, out error);

    /// <summary>As <see cref="TryParse(string?, out IdentityNumber?, out string?)"/>, judging birth dates against <paramref name="today"/>.</summary>
    public static bool TryParse(
        string? text, DateOnly today, [NotNullWhen(true)] out IdentityNumber? id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        var folded = Masking.Fold(text);
        error = Shape(folded);
        if (error is not null)
        {
            return false;
        }

        // GB 11643-1999 appendix: a 15-digit number of GB 11643-1989 gains the century "19"
        // before its two-digit year and a computed check character.
        var body = folded.Length == 15 ? string.Concat(folded.AsSpan(0, 6), "19", folded.AsSpan(6)) : folded[..17];
        if (!Provinces.IsProvinceCode(body[..2]))
        {
            error = $"The identity number starts with '{body[..2]}', which is not a province-level area code (GB/T 2260).";
            return false;
        }

        if (!DateOnly.TryParseExact(body[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < EarliestBirthYear)
        {
            error = $"Characters 7-14 of the identity number, '{body[6..14]}', are not a real birth date (yyyyMMdd).";
            return false;
        }

        if (birth > today)
        {
            error = $"The identity number gives a birth date of {birth:yyyy-MM-dd}, which is in the future.";
            return false;
        }

        var check = CheckCharacter(body);
        if (folded.Length == 18 && folded[17] != check)
        {
            error = "The 18th character of the identity number, the check character, does not match the first 17 digits (ISO 7064 MOD 11-2); one of the characters was probably mistyped.";
            return false;
        }

        id = new IdentityNumber(body + check, birth);
        return true;
    }

    public static IdentityNumber Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public override string ToString() => Value;

    private static string? Shape(string folded)
    {
        if (folded.Length == 0)
        {
            return "The identity number is empty.";
        }

        if (folded.Length is not (15 or 18))
        {
            return $"The identity number has {folded.Length} characters; it must have 18 (or 15 for an old number).";
        }

        var digits = folded.Length == 18 ? 17 : 15;
        for (var i = 0; i < digits; i++)
        {
            if (!char.IsAsciiDigit(folded[i]))
            {
                return folded.Length == 18
                    ? $"Character {i + 1} of the identity number is '{folded[i]}'; only the 18th character may be other than a digit."
                    : $"Character {i + 1} of the old 15-digit identity number is '{folded[i]}'; an old number is all digits.";
            }
        }

        return folded.Length == 18 && !(char.IsAsciiDigit(folded[17]) || folded[17] == 'X')
            ? $"The 18th character of the identity number is '{folded[17]}'; the check character is a digit or X."
            : null;
    }

    // Birth dates are civil dates in China, which keeps one offset, UTC+8, all year.
    private static DateOnly ChinaToday() => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
}
