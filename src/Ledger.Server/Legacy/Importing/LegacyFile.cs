using System.Security.Cryptography;
using System.Text;

namespace Ledger.Legacy.Importing;

/// <summary>One record of a legacy CSV file: its line, its fields by header, its raw text and the SHA-256 of that text.</summary>
public sealed record LegacyCsvRow(int Line, IReadOnlyDictionary<string, string> Fields, string Raw, string Sha256)
{
    public string this[string column] => Fields.TryGetValue(column, out var value) ? value : string.Empty;
}

/// <summary>
/// A legacy export as the agencies wrote it: CSV (RFC 4180 quoting) with a header row, in UTF-8 with or without BOM, or
/// GB18030. The encoding is UTF-8 when the bytes are valid UTF-8, GB18030 otherwise (GB18030 text is almost never
/// valid UTF-8). The row hash is over the row's text in UTF-8, so the same row re-encoded hashes the same.
/// </summary>
public sealed class LegacyFile
{
    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    LegacyFile(string encoding, string sha256, IReadOnlyList<string> header, IReadOnlyList<LegacyCsvRow> rows, IReadOnlyList<int> malformed)
    {
        Encoding = encoding;
        Sha256 = sha256;
        Header = header;
        Rows = rows;
        MalformedLines = malformed;
    }

    public string Encoding { get; }
    public string Sha256 { get; }
    public IReadOnlyList<string> Header { get; }
    public IReadOnlyList<LegacyCsvRow> Rows { get; }
    /// <summary>Lines whose field count differs from the header's: rejected, never guessed at.</summary>
    public IReadOnlyList<int> MalformedLines { get; }

    public static LegacyFile Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        string text, encoding;
        if (bytes is [0xEF, 0xBB, 0xBF, ..])
        {
            (text, encoding) = (StrictUtf8.GetString(bytes, 3, bytes.Length - 3), "utf-8-bom");
        }
        else
        {
            try
            {
                (text, encoding) = (StrictUtf8.GetString(bytes), "utf-8");
            }
            catch (DecoderFallbackException)
            {
                (text, encoding) = (System.Text.Encoding.GetEncoding("GB18030").GetString(bytes), "gb18030");
            }
        }

        var records = Records(text).ToList();
        if (records.Count == 0) throw new InvalidDataException("The file is empty: a legacy export has a header row.");
        var header = records[0].Fields.Select(h => Normalising.LegacyText.Compact(h)).ToList();
        var rows = new List<LegacyCsvRow>(records.Count);
        var malformed = new List<int>();
        foreach (var (line, fields, raw) in records.Skip(1))
        {
            if (fields.All(string.IsNullOrWhiteSpace)) continue;
            if (fields.Count != header.Count)
            {
                malformed.Add(line);
                rows.Add(new LegacyCsvRow(line, new Dictionary<string, string>(), raw, Hash(raw)));
                continue;
            }

            var byColumn = new Dictionary<string, string>(header.Count, StringComparer.Ordinal);
            for (var i = 0; i < header.Count; i++) byColumn[header[i]] = fields[i];
            rows.Add(new LegacyCsvRow(line, byColumn, raw, Hash(raw)));
        }

        return new LegacyFile(encoding, Convert.ToHexStringLower(SHA256.HashData(bytes)), header, rows, malformed);
    }

    static string Hash(string raw) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(raw)));

    static IEnumerable<(int Line, List<string> Fields, string Raw)> Records(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, startLine, start, quoted, i) = (1, 1, 0, false, 0);
        while (i <= text.Length)
        {
            var end = i == text.Length;
            var c = end ? '\n' : text[i];
            if (quoted && !end)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                i++;
                continue;
            }

            if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (!end && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                fields.Add(field.ToString());
                field.Clear();
                var raw = text[start..Math.Min(i, text.Length)].TrimEnd('\r', '\n');
                if (!(end && fields is [""] && raw.Length == 0)) yield return (startLine, fields, raw);
                fields = [];
                line++;
                startLine = line;
                start = i + 1;
            }
            else field.Append(c);
            i++;
        }
    }
}
