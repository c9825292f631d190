using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Ledger.Integrity;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785): object members sorted by the UTF-16 code units of their names,
/// no whitespace, numbers written as ECMAScript writes an IEEE-754 double, strings with the minimal escapes.
/// Any JCS implementation gives the same bytes, so an auditor can recompute a leaf without our code.
/// </summary>
public static class CanonicalJson
{
    /// <summary>The canonical UTF-8 bytes of a JSON text; refuses duplicate names, lone surrogates and non-finite numbers.</summary>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        using var document = JsonDocument.ParseValue(ref reader);
        var output = new ArrayBufferWriter<byte>(utf8Json.Length + 16);
        Write(document.RootElement, output);
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Canonicalize(string json) => Canonicalize(Encoding.UTF8.GetBytes(json));

    public static void Write(JsonElement element, IBufferWriter<byte> output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new List<JsonProperty>();
                foreach (var member in element.EnumerateObject()) members.Add(member);
                members.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                Raw(output, "{");
                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        if (members[i].Name == members[i - 1].Name) throw new FormatException($"Duplicate member \"{members[i].Name}\" (RFC 8785 §3.1).");
                        Raw(output, ",");
                    }
                    WriteString(members[i].Name, output);
                    Raw(output, ":");
                    Write(members[i].Value, output);
                }
                Raw(output, "}");
                break;
            case JsonValueKind.Array:
                Raw(output, "[");
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) Raw(output, ",");
                    first = false;
                    Write(item, output);
                }
                Raw(output, "]");
                break;
            case JsonValueKind.String:
                WriteString(element.GetString()!, output);
                break;
            case JsonValueKind.Number:
                Raw(output, Number(double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)));
                break;
            case JsonValueKind.True: Raw(output, "true"); break;
            case JsonValueKind.False: Raw(output, "false"); break;
            case JsonValueKind.Null: Raw(output, "null"); break;
            default: throw new FormatException($"Unexpected JSON value {element.ValueKind}.");
        }
    }

    /// <summary>ECMAScript's Number.prototype.toString for a finite double (ECMA-262 §7.1.12.1, RFC 8785 §3.2.2.3).</summary>
    public static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new FormatException("NaN and Infinity have no JSON form (RFC 8785 §3.2.2.3).");
        if (value == 0) return "0";
        // .NET writes the shortest digits that round-trip; ECMAScript chooses the same digits and only lays them out differently.
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var (digits, exponent) = Decompose(shortest);
        var k = digits.Length;
        var n = exponent; // value = 0.d1d2...dk × 10^n
        var text = new StringBuilder(32);
        if (value < 0) text.Append('-');
        if (k <= n && n <= 21) text.Append(digits).Append('0', n - k);
        else if (0 < n && n <= 21) text.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        else if (-6 < n && n <= 0) text.Append("0.").Append('0', -n).Append(digits);
        else
        {
            text.Append(digits[0]);
            if (k > 1) text.Append('.').Append(digits, 1, k - 1);
            text.Append('e').Append(n - 1 >= 0 ? "+" : "-").Append(Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    /// <summary>"1.2345E+21" or "123.45" → significant digits without leading/trailing zeros, and n with value = 0.digits × 10^n.</summary>
    static (string Digits, int Exponent) Decompose(string shortest)
    {
        var e = shortest.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? shortest : shortest[..e];
        var exponent = e < 0 ? 0 : int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integral = point < 0 ? mantissa : mantissa[..point];
        var fraction = point < 0 ? "" : mantissa[(point + 1)..];
        var all = integral + fraction;
        var n = integral.Length + exponent;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0') leading++;
        all = all[leading..];
        n -= leading;
        return (all.TrimEnd('0') is { Length: > 0 } trimmed ? trimmed : "0", n);
    }

    /// <summary>A string as ECMAScript's JSON.stringify writes it (RFC 8785 §3.2.2.2).</summary>
    public static void WriteString(string value, IBufferWriter<byte> output)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (c < 0x20) text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1])) text.Append(c).Append(value[++i]);
                    else if (char.IsSurrogate(c)) throw new FormatException("A lone surrogate has no UTF-8 form (RFC 8785 §3.2.2.2).");
                    else text.Append(c);
                    break;
            }
        }
        Raw(output, text.Append('"').ToString());
    }

    static void Raw(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }
}
