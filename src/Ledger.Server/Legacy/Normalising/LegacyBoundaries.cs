using System.Globalization;
using System.Text.RegularExpressions;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Ledger.Legacy.Normalising;

/// <summary>
/// Boundaries as the old registers wrote them: sea-area boundary points in degrees-minutes-seconds
/// (<c>121°30′15.2″E,38°50′10.0″N;...</c>), a parcel's points as <c>lon,lat;lon,lat;...</c>, or WKT. The ring is closed when
/// the clerk did not repeat the first point, and must be a valid polygon of at least three distinct points.
/// </summary>
public static partial class LegacyBoundaries
{
    static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static bool TryDms(string? text, out Geometry? polygon, out string? error)
    {
        polygon = null;
        var points = new List<Coordinate>();
        foreach (var point in Points(text))
        {
            var halves = point.Split(',', StringSplitOptions.TrimEntries);
            if (halves.Length != 2 || !TryAngle(halves[0], out var a, out var ah) || !TryAngle(halves[1], out var b, out var bh))
            {
                error = $"The boundary point '{point}' is not two angles in degrees-minutes-seconds such as 121°30′15.2″E,38°50′10.0″N.";
                return false;
            }

            // The hemisphere letter says which is which; a clerk sometimes wrote latitude first.
            var (lon, lat) = ah is 'N' or 'S' ? (b, a) : (a, b);
            points.Add(new Coordinate(lon, lat));
        }

        return TryRing(points, out polygon, out error);
    }

    public static bool TryLonLat(string? text, out Geometry? polygon, out string? error)
    {
        polygon = null;
        var folded = LegacyText.Fold(text);
        if (folded.StartsWith("POLYGON", StringComparison.OrdinalIgnoreCase) || folded.StartsWith("MULTIPOLYGON", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                polygon = new WKTReader(new NtsGeometryServices(Factory.PrecisionModel, 4326)).Read(folded);
            }
            catch (ParseException e)
            {
                error = $"The boundary is not readable WKT: {e.Message}";
                return false;
            }

            return Valid(polygon, out error);
        }

        var points = new List<Coordinate>();
        foreach (var point in Points(text))
        {
            var halves = point.Split(',', StringSplitOptions.TrimEntries);
            if (halves.Length != 2 || !double.TryParse(halves[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                || !double.TryParse(halves[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat))
            {
                error = $"The boundary point '{point}' is not 'lon,lat' in decimal degrees.";
                return false;
            }

            points.Add(new Coordinate(lon, lat));
        }

        return TryRing(points, out polygon, out error);
    }

    static string[] Points(string? text) =>
        LegacyText.Fold(text).Replace('；', ';').Replace('，', ',').Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    static bool TryAngle(string text, out double degrees, out char hemisphere)
    {
        degrees = 0;
        hemisphere = ' ';
        var m = Dms().Match(text.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (!m.Success) return false;
        hemisphere = char.ToUpperInvariant((m.Groups["h1"].Success ? m.Groups["h1"] : m.Groups["h2"]).Value is { Length: 1 } h ? h[0] : ' ');
        var minutes = m.Groups["m"].Success ? double.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var seconds = m.Groups["s"].Success ? double.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : 0;
        if (minutes >= 60 || seconds >= 60 || hemisphere == ' ') return false;
        degrees = double.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture) + minutes / 60 + seconds / 3600;
        if (hemisphere is 'S' or 'W') degrees = -degrees;
        return hemisphere is 'E' or 'W' ? degrees is >= -180 and <= 180 : degrees is >= -90 and <= 90;
    }

    static bool TryRing(List<Coordinate> points, out Geometry? polygon, out string? error)
    {
        polygon = null;
        if (points.Count > 0 && !points[0].Equals2D(points[^1])) points.Add(points[0].Copy());
        if (points.Count < 4)
        {
            error = "A boundary needs at least three distinct points.";
            return false;
        }

        polygon = Factory.CreatePolygon([.. points]);
        return Valid(polygon, out error);
    }

    static bool Valid(Geometry polygon, out string? error)
    {
        error = polygon is Polygon or MultiPolygon && polygon.IsValid && polygon.Area > 0
            ? null
            : "The boundary is not a simple closed polygon (its sides cross, or it encloses nothing).";
        return error is null;
    }

    [GeneratedRegex(@"^(?<h1>[NSEWnsew])?(?<d>\d{1,3}(?:\.\d+)?)[°度](?:(?<m>\d{1,2}(?:\.\d+)?)['′分])?(?:(?<s>\d{1,2}(?:\.\d+)?)(?:""|″|''|′′|秒))?(?<h2>[NSEWnsew])?$")]
    private static partial Regex Dms();
}
