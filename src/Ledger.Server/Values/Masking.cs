namespace Ledger.Values;

/// <summary>How an identity or credit number is shown to anyone but its holder.</summary>
internal static class Masking
{
    // 不动产登记资料查询暂行办法: identity numbers shown to others are masked; we keep the
    // area code (first 6) and the last 4 so a clerk can still tell two parties apart. A text
    // of any other length is not a number we understand, so none of it is shown.
    public static string Mask(string value) => value.Length == 18
        ? string.Concat(value.AsSpan(0, 6), "********", value.AsSpan(14))
        : new string('*', value.Length);

    /// <summary>Trims and folds full-width digits and letters (common in legacy records) to ASCII upper case.</summary>
    public static string Fold(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        return string.Create(trimmed.Length, trimmed, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                c = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
                span[i] = char.ToUpperInvariant(c);
            }
        });
    }
}
