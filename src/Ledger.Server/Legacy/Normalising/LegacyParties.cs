using System.Text.RegularExpressions;
using Ledger.Values;

namespace Ledger.Legacy.Normalising;

/// <summary>One holder read from a legacy row: the name as typed, the name as the register writes it, the 18-character number, a share.</summary>
public sealed record LegacyHolder(string TypedName, string Name, string TypedIdNumber, string IdNumber, Share? Share);

/// <summary>
/// 权利人 and 证件号 lists: one name, or several as <c>张三、李四</c> or <c>张三(1/2);李四(1/2)</c>, the numbers in the same order
/// and with the same delimiters. Identity numbers are upgraded from 15 to 18 characters and checked; credit codes are checked.
/// </summary>
public static partial class LegacyParties
{
    static readonly char[] Delimiters = ['、', ',', ';', '/', '，', '；', '|'];

    /// <summary>A number as the register keeps it: upper-case X, 15 digits upgraded to 18 (GB 11643 appendix), the check verified.</summary>
    public static bool TryNumber(string? text, out string number, out string? error)
    {
        if (PartyNumber.TryNormalize(LegacyText.Compact(text), out var normalized, out error))
        {
            number = normalized;
            return true;
        }

        number = string.Empty;
        return false;
    }

    public static bool TryParse(string? names, string? numbers, out IReadOnlyList<LegacyHolder> holders, out string? error)
    {
        holders = [];
        var folded = LegacyText.Fold(names).Replace('（', '(').Replace('）', ')');
        // A share's slash is not a delimiter: take the shares out first.
        var named = Split(ShareMark().Replace(folded, m => "\u0001" + m.Groups[1].Value.Replace('/', '\u0002') + "\u0003"));
        // Split as typed, so the report can say which numbers came in an older form (full width, 15 digits, lowercase x).
        var ids = Split(numbers ?? string.Empty);
        if (named.Count == 0)
        {
            error = "No rights holder (权利人) is named.";
            return false;
        }

        if (named.Count != ids.Count)
        {
            error = $"{named.Count} holder(s) are named but {ids.Count} identity number(s) given; they must pair up in order.";
            return false;
        }

        var read = new List<LegacyHolder>(named.Count);
        for (var i = 0; i < named.Count; i++)
        {
            var part = named[i];
            Share? share = null;
            var open = part.IndexOf('\u0001', StringComparison.Ordinal);
            if (open >= 0)
            {
                var fraction = part[(open + 1)..].TrimEnd('\u0003').Replace('\u0002', '/');
                if (!Share.TryParse(fraction, out share, out var shareError))
                {
                    error = $"The share of holder {i + 1}: {shareError}";
                    return false;
                }

                part = part[..open];
            }

            var name = LegacyNames.Normalize(part);
            if (name.Length == 0)
            {
                error = $"Holder {i + 1} has no name.";
                return false;
            }

            if (!TryNumber(ids[i], out var number, out var idError))
            {
                error = $"The identity number of {name} ('{ids[i]}'): {idError}";
                return false;
            }

            read.Add(new LegacyHolder(part.Trim(), name, ids[i], number, share));
        }

        var withShares = read.Count(h => h.Share is not null);
        if (withShares != 0 && withShares != read.Count)
        {
            error = "Some holders have a share and some do not: co-ownership by shares gives every holder a share.";
            return false;
        }

        if (withShares > 0 && !Share.SumsToOne(read.Select(h => h.Share!)))
        {
            error = $"The shares ({string.Join(", ", read.Select(h => h.Share))}) do not add up to exactly 1.";
            return false;
        }

        if (read.Select(h => h.IdNumber).Distinct(StringComparer.Ordinal).Count() != read.Count)
        {
            error = "The same identity number is given for two holders.";
            return false;
        }

        holders = read;
        error = null;
        return true;
    }

    static List<string> Split(string text) =>
        [.. text.Split(Delimiters, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    [GeneratedRegex(@"\(\s*(\d+\s*/\s*\d+|1)\s*\)")]
    private static partial Regex ShareMark();
}
