using System.Diagnostics.CodeAnalysis;

namespace Ledger.Values;

/// <summary>An organisation's unified social credit code (统一社会信用代码) of GB 32100-2015.</summary>
public sealed record CreditCode
{
    // GB 32100-2015 clause 4: the code's characters are the digits and the capital letters
    // without I, O, Z, S and V; the 18th is a check over the first 17 with weights 3^(i-1) mod 31.
    private const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private CreditCode(string value) => Value = value;

    public string Value { get; }

    public string Masked => Masking.Mask(Value);

    public static bool TryParse(
        string? text, [NotNullWhen(true)] out CreditCode? code, [NotNullWhen(false)] out string? error)
    {
        code = null;
        var folded = Masking.Fold(text);
        error = Check(folded);
        if (error is not null)
        {
            return false;
        }

        code = new CreditCode(folded);
        return true;
    }

    public static CreditCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    /// <summary>The check character for the first 17 characters, all of which must be in the code's charset.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Charset.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Charset[(31 - (sum % 31)) % 31];
    }

    public override string ToString() => Value;

    private static string? Check(string folded)
    {
        if (folded.Length == 0)
        {
            return "The unified social credit code is empty.";
        }

        if (folded.Length != 18)
        {
            return $"The unified social credit code has {folded.Length} characters; it must have 18.";
        }

        for (var i = 0; i < 18; i++)
        {
            if (!Charset.Contains(folded[i], StringComparison.Ordinal))
            {
                return $"Character {i + 1} of the unified social credit code is '{folded[i]}'; only digits and the capital letters other than I, O, S, V and Z occur.";
            }
        }

        // Characters 3-8 are the registering authority's GB/T 2260 division code.
        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(folded[i]))
            {
                return $"Character {i + 1} of the unified social credit code is '{folded[i]}'; characters 3-8 are an area code and must be digits.";
            }
        }

        return folded[17] == CheckCharacter(folded) ? null
            : "The 18th character of the unified social credit code, the check character, does not match the first 17 (GB 32100); one of the characters was probably mistyped.";
    }
}
