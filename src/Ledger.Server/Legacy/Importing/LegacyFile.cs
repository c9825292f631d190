using System.Security.Cryptography;
using System.Text;

namespace Ledger.Legacy.Importing;

/// <summary>
/// One record of a legacy CSV file: its line, its fields in the header's order (none when the row is malformed) and the
/// SHA-256 of its text. The column positions are the file's, shared by every row.
/// </summary>
public sealed class LegacyCsvRow(int line, IReadOnlyDictionary<string, int> columns, string[] values, string sha256)
{
    public int Line => line;
    public string Sha256 => sha256;
    /// <summary>The row has a different number of fields than the header: nothing in it is read.</summary>
    public bool Malformed => values.Length == 0;
    public string this[string column] => TryGet(column, out var value) ? value : string.Empty;

    public bool TryGet(string column, out string value)
    {
        var found = columns.TryGetValue(column, out var i) && i < values.Length;
        value = found ? values[i] : string.Empty;
        return found;
    }
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
        var columns = new Dictionary<string, int>(header.Count, StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++) columns[header[i]] = i;
        // Each row's hash depends on that row alone: made on every core, kept in file order.
        var rows = records.Skip(1).AsParallel().AsOrdered()
            .Where(r => !r.Fields.All(string.IsNullOrWhiteSpace))
            .Select(r => new LegacyCsvRow(r.Line, columns, r.Fields.Length == header.Count ? r.Fields : [], Hash(text.AsSpan(r.Start, r.Length))))
            .ToList();
        var malformed = rows.Where(r => r.Malformed).Select(r => r.Line).ToList();
        return new LegacyFile(encoding, Convert.ToHexStringLower(SHA256.HashData(bytes)), header, rows, malformed);
    }

    static string Hash(ReadOnlySpan<char> raw)
    {
        var length = System.Text.Encoding.UTF8.GetByteCount(raw);
        var utf8 = length <= 4096 ? stackalloc byte[length] : new byte[length];
        System.Text.Encoding.UTF8.GetBytes(raw, utf8);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8, hash);
        return Convert.ToHexStringLower(hash);
    }

    static IEnumerable<(int Line, string[] Fields, int Start, int Length)> Records(string text)
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
                var raw = text.AsSpan(start, Math.Min(i, text.Length) - start).TrimEnd("\r\n");
                if (!(end && fields is [""] && raw.Length == 0)) yield return (startLine, [.. fields], start, raw.Length);
                fields.Clear();
                line++;
                startLine = line;
                start = i + 1;
            }
            else field.Append(c);
            i++;
        }
    }
}
