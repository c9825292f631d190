using System.Globalization;

namespace Ledger.Values;

/// <summary>The clauses of GB/T 37346-2019 a unit code must satisfy, each failing with a clerk's sentence.</summary>
internal static class UnitCodeRules
{
    private const string RightKinds = "ABSXCDEFHGWY";

    public static string? Check(string? text, out string? value, out County? county)
    {
        value = null;
        county = null;
        var code = Normalize(text);
        if (code.Length == 0)
        {
            return "The unit code is empty; a unit code has 28 characters.";
        }

        if (code.Length != 28)
        {
            return $"The unit code '{code}' has {code.Length} characters; a unit code has exactly 28 (printed 6-6-7-9).";
        }

        var error = Digits(code, 0, 6, "the county code (县级行政区划代码)")
            ?? (Counties.TryGet(code[..6], out county) ? null
                : $"Characters 1-6 of the unit code, '{code[..6]}', are not a county-level division code in GB/T 2260.")
            ?? Digits(code, 6, 3, "the cadastral district (地籍区)")
            ?? Digits(code, 9, 3, "the cadastral sub-district (地籍子区)")
            ?? Ownership(code[12])
            ?? RightKind(code[12], code[13])
            ?? Digits(code, 14, 5, "the parcel or sea-area number (宗地/宗海顺序号)")
            ?? NotZero(code, 14, 5, "the parcel or sea-area number runs from 00001 to 99999")
            ?? Fixture(code);
        if (error is null)
        {
            value = code;
        }

        return error;
    }

    // The printed 6-6-7-9 form is accepted as well as the bare 28 characters.
    private static string Normalize(string? text)
    {
        var code = (text ?? string.Empty).Trim().ToUpperInvariant();
        return code.Length == 31 && code[6] == ' ' && code[13] == ' ' && code[21] == ' '
            ? code.Replace(" ", string.Empty, StringComparison.Ordinal)
            : code;
    }

    private static string? Digits(string code, int start, int length, string meaning)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return $"Character {Position(i)} of the unit code is '{code[i]}'; characters {Position(start)}-{Position(start + length - 1)} are {meaning} and must be digits.";
            }
        }

        return null;
    }

    private static string? NotZero(string code, int start, int length, string rule) =>
        code.AsSpan(start, length).ContainsAnyExcept('0') ? null
            : $"Characters {Position(start)}-{Position(start + length - 1)} of the unit code are all zero; {rule}.";

    private static string? Ownership(char c) => c is 'G' or 'J' or 'Z' ? null
        : $"Character 13 of the unit code is '{c}'; the ownership code must be G (state), J (collective) or Z (disputed or undetermined).";

    private static string? RightKind(char ownership, char c)
    {
        if (!RightKinds.Contains(c, StringComparison.Ordinal))
        {
            return $"Character 14 of the unit code is '{c}'; the right-kind code must be one of A B S X C D E F H G W Y.";
        }

        // Table 2 of GB/T 37346: collective land ownership (A) and homestead (C) exist only on collective land.
        return c is 'A' or 'C' && ownership != 'J'
            ? $"Character 14 of the unit code is '{c}' ({(c == 'A' ? "collective land ownership" : "homestead")}), which is used only with collective ownership J in character 13, but character 13 is '{ownership}'."
            : null;
    }

    private static string? Fixture(string code)
    {
        var kind = code[19];
        if (kind is not ('F' or 'L' or 'Q' or 'W'))
        {
            return $"Character 20 of the unit code is '{kind}'; the fixture kind must be F (building), L (forest or trees), Q (other) or W (none).";
        }

        var number = code[20..];
        if (kind == 'W')
        {
            return number == "00000000" ? null
                : $"Characters 21-28 of the unit code are '{number}'; with no fixture (W in character 20) they must be 00000000.";
        }

        return Digits(code, 20, 8, "the fixture unit number (定着物单元编号)")
            ?? (kind == 'F'
                ? NotZero(code, 20, 4, "the building number (幢号) runs from 0001 to 9999")
                    ?? NotZero(code, 24, 4, "the unit number within the building (户号) runs from 0001 to 9999")
                : NotZero(code, 20, 8, "a forest or other fixture has a unit number other than 00000000"));
    }

    private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
