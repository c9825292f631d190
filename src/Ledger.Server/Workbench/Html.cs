using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Ledger.Workbench;

/// <summary>
/// Markup that is safe to write as it is. Built only by <see cref="Html.Of"/>, whose interpolation holes are HTML-encoded
/// unless they are themselves <see cref="Html"/>: a name, an address or an API's sentence can never become markup.
/// </summary>
public readonly record struct Html(string Value)
{
    // Chinese text is written as it is, not as character references.
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static readonly Html Empty = new("");

    public static Html Of(Builder markup) => markup.ToHtml();

    public static Html Text(string? text) => new(Encoder.Encode(text ?? ""));

    public static Html Join(IEnumerable<Html> parts) => new(string.Concat(parts.Select(p => p.Value)));

    public override string ToString() => Value;

    [InterpolatedStringHandler]
    public readonly struct Builder(int literalLength, int formattedCount)
    {
        readonly StringBuilder _markup = new(literalLength + formattedCount * 16);

        public void AppendLiteral(string literal) => _markup.Append(literal);

        public void AppendFormatted(Html html) => _markup.Append(html.Value);

        public void AppendFormatted(IEnumerable<Html> parts)
        {
            foreach (var part in parts) _markup.Append(part.Value);
        }

        public void AppendFormatted<T>(T value) =>
            _markup.Append(Encoder.Encode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));

        public Html ToHtml() => new(_markup.ToString());
    }
}
