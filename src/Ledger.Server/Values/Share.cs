using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace Ledger.Values;

/// <summary>A co-owner's share (按份共有份额): an exact fraction in (0, 1], always reduced.</summary>
public sealed record Share : IComparable<Share>
{
    private Share(long numerator, long denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
    }

    public long Numerator { get; }

    public long Denominator { get; }

    public static readonly Share Whole = new(1, 1);

    /// <summary>The reduced share numerator/denominator; throws when it is not in (0, 1].</summary>
    public static Share Of(long numerator, long denominator) =>
        Make(numerator, denominator, out var share) is { } error ? throw new ArgumentOutOfRangeException(nameof(numerator), error) : share!;

    public static bool TryParse(string? text, [NotNullWhen(true)] out Share? share, [NotNullWhen(false)] out string? error)
    {
        share = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "The share is empty; write it as a fraction such as 1/3, or 1 for the whole.";
            return false;
        }

        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var top = slash < 0 ? trimmed : trimmed[..slash].Trim();
        var bottom = slash < 0 ? "1" : trimmed[(slash + 1)..].Trim();
        if (!Integer(top, out var numerator) || !Integer(bottom, out var denominator))
        {
            error = $"The share '{trimmed}' is not a fraction of whole numbers such as 1/3.";
            return false;
        }

        error = Make(numerator, denominator, out share);
        return error is null;
    }

    public static Share Parse(string text) =>
        TryParse(text, out var share, out var error) ? share : throw new FormatException(error);

    /// <summary>The exact sum; throws <see cref="InvalidOperationException"/> when it exceeds the whole.</summary>
    public static Share operator +(Share a, Share b) => Add(a, b);

    public static Share Add(Share a, Share b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var numerator = (BigInteger)a.Numerator * b.Denominator + (BigInteger)b.Numerator * a.Denominator;
        var denominator = (BigInteger)a.Denominator * b.Denominator;
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        (numerator, denominator) = (numerator / gcd, denominator / gcd);
        if (numerator > denominator)
        {
            throw new InvalidOperationException($"The shares {a} and {b} add up to {numerator}/{denominator}, more than the whole.");
        }

        return new Share(checked((long)numerator), checked((long)denominator));
    }

    /// <summary>True when the shares add up to exactly 1, as shares in a co-ownership by shares must.</summary>
    public static bool SumsToOne(IEnumerable<Share> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        BigInteger numerator = 0, denominator = 1;
        foreach (var share in shares)
        {
            ArgumentNullException.ThrowIfNull(share);
            numerator = numerator * share.Denominator + share.Numerator * denominator;
            denominator *= share.Denominator;
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            (numerator, denominator) = (numerator / gcd, denominator / gcd);
        }

        // An empty list sums to 0/1, which is not one.
        return numerator == denominator;
    }

    public int CompareTo(Share? other) => other is null ? 1
        : ((Int128)Numerator * other.Denominator).CompareTo((Int128)other.Numerator * Denominator);

    public static bool operator <(Share a, Share b) => Compare(a, b) < 0;

    public static bool operator >(Share a, Share b) => Compare(a, b) > 0;

    public static bool operator <=(Share a, Share b) => Compare(a, b) <= 0;

    public static bool operator >=(Share a, Share b) => Compare(a, b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    private static int Compare(Share? a, Share? b) => a is null ? (b is null ? 0 : -1) : a.CompareTo(b);

    private static bool Integer(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static string? Make(long numerator, long denominator, out Share? share)
    {
        share = null;
        if (denominator <= 0)
        {
            return "The denominator of a share must be greater than zero.";
        }

        if (numerator <= 0)
        {
            return "The numerator of a share must be greater than zero; a co-owner with no share is not a co-owner.";
        }

        if (numerator > denominator)
        {
            return $"The share {numerator}/{denominator} is more than the whole; a share is at most 1.";
        }

        var gcd = (long)BigInteger.GreatestCommonDivisor(numerator, denominator);
        share = new Share(numerator / gcd, denominator / gcd);
        return null;
    }
}
