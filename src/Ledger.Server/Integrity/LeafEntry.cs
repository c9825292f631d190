using System.Buffers;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Ledger.Integrity;

/// <summary>
/// One recorded event as the log hashes it: the RFC 8785 canonical JSON of
/// <c>{sequence, streamKey, version, type, recordedAt, data}</c> (specs/integrity.md "The leaf"), read from
/// <c>mt_events</c> exactly as stored: <c>seq_id</c>, <c>stream_id</c>, <c>version</c>, <c>type</c>, <c>timestamp</c>
/// (UTC, microseconds: <c>2026-11-28T17:26:16.123456Z</c>) and <c>data</c> (the stored JSON, canonicalised).
/// </summary>
public sealed record LeafEntry(long Sequence, string StreamKey, long Version, string Type, DateTimeOffset RecordedAt, string Data)
{
    public const string RecordedAtFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>The columns of mt_events a leaf is made of, in the order <see cref="Read"/> expects.</summary>
    public const string Columns = "seq_id, stream_id, version, type, timestamp, data::text";

    public static LeafEntry Read(NpgsqlDataReader reader) => new(
        reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
        reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5));

    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString(RecordedAtFormat, CultureInfo.InvariantCulture);

    /// <summary>The canonical bytes: members in code-unit order (data, recordedAt, sequence, streamKey, type, version).</summary>
    public byte[] Canonical()
    {
        var output = new ArrayBufferWriter<byte>(Data.Length + 256);
        Write(output, "{\"data\":");
        using (var data = System.Text.Json.JsonDocument.Parse(Data)) CanonicalJson.Write(data.RootElement, output);
        Write(output, ",\"recordedAt\":");
        CanonicalJson.WriteString(Format(RecordedAt), output);
        Write(output, $",\"sequence\":{Sequence.ToString(CultureInfo.InvariantCulture)},\"streamKey\":");
        CanonicalJson.WriteString(StreamKey, output);
        Write(output, ",\"type\":");
        CanonicalJson.WriteString(Type, output);
        Write(output, $",\"version\":{Version.ToString(CultureInfo.InvariantCulture)}}}");
        return output.WrittenSpan.ToArray();
    }

    public byte[] LeafHash() => MerkleTree.LeafHash(Canonical());

    static void Write(ArrayBufferWriter<byte> output, string ascii) => output.Write(Encoding.UTF8.GetBytes(ascii));
}
