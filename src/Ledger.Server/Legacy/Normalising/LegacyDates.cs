using System.Globalization;
using System.Text.RegularExpressions;

namespace Ledger.Legacy.Normalising;

/// <summary>
/// Every date style of thirty years of typing: <c>1998-05-03</c>, <c>1998/5/3</c>, <c>1998.5.3</c>, <c>98.5.3</c>,
/// <c>1998年5月3日</c>, <c>19980503</c>, a trailing time, and spreadsheet serial days (<c>35918</c>).
/// </summary>
public static partial class LegacyDates
{
    /// <summary>
    /// Two-digit years: 00-29 are 2000-2029, 30-99 are 1930-1999. The registers began in the 1980s and no record
    /// of this migration is dated after 2029, so the window is unambiguous for every real record.
    /// </summary>
    public const int PivotYear = 30;

    // Spreadsheet serial days (1900 date system, Lotus leap-year bug included): day 1 is 1900-01-01 and day 60 the
    // phantom 1900-02-29, so from day 61 on the date is 1899-12-30 plus the serial. Only 20000-80000 (1954-2119) is
    // read as a serial: smaller numbers are more likely a mistyped date than a record of the 1940s.
    static readonly DateOnly SerialEpoch = new(1899, 12, 30);
    const int SerialFrom = 20_000, SerialTo = 80_000;

    /// <summary>
    /// The end of a term: a two-digit year that the pivot would put before <paramref name="start"/> is read a century later
    /// (<c>10.1.1至30.12.31</c> ends in 2030, not 1930); four-digit years are taken as written.
    /// </summary>
    public static bool TryParseEnd(string? text, DateOnly start, out DateOnly date, out string? error)
    {
        if (!TryParse(text, out date, out error)) return false;
        if (date < start && Ymd().Match(LegacyText.Compact(text)) is { Success: true } m && m.Groups["y"].Value.Length == 2) date = date.AddYears(100);
        return true;
    }

    public static bool TryParse(string? text, out DateOnly date, out string? error)
    {
        date = default;
        error = null;
        var s = LegacyText.Compact(text);
        if (s.Length == 0)
        {
            error = "The date is empty.";
            return false;
        }

        // A time of day after the date (spreadsheets export 1998-05-03 00:00:00) says nothing more about the date.
        if (TimeTail().Match(s) is { Success: true } tail) s = s[..tail.Index];

        int year, month, day;
        if (Ymd().Match(s) is { Success: true } m)
        {
            (year, month, day) = (Int(m.Groups["y"].Value), Int(m.Groups["m"].Value), Int(m.Groups["d"].Value));
            if (m.Groups["y"].Value.Length == 2) year += year < PivotYear ? 2000 : 1900;
        }
        else if (s.Length == 8 && s.All(char.IsAsciiDigit))
        {
            (year, month, day) = (Int(s[..4]), Int(s[4..6]), Int(s[6..]));
        }
        else if (Serial().Match(s) is { Success: true } serial)
        {
            var days = Int(serial.Groups["days"].Value);
            if (days is < SerialFrom or > SerialTo)
            {
                error = $"The date '{text}' is a number but not a spreadsheet serial day of 1954-2119 ({SerialFrom}-{SerialTo}).";
                return false;
            }

            date = SerialEpoch.AddDays(days);
            return true;
        }
        else
        {
            error = $"The date '{text}' is in no form the legacy registers use (1998-05-03, 1998.5.3, 98.5.3, 1998年5月3日, 19980503, serial days).";
            return false;
        }

        if (year < 1900 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"The date '{text}' is not a real calendar date.";
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    static int Int(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4}|\d{2})(?:[-/.]|年)(?<m>\d{1,2})(?:[-/.]|月)(?<d>\d{1,2})日?$")]
    private static partial Regex Ymd();

    [GeneratedRegex(@"^(?<days>\d{5})(?:\.\d+)?$")]
    private static partial Regex Serial();

    [GeneratedRegex(@"(?<=\d)(?:T|\s)?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")]
    private static partial Regex TimeTail();
}
