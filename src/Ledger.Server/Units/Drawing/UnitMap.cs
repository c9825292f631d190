using System.Globalization;
using System.Security;
using System.Text;
using NetTopologySuite.Geometries;

namespace Ledger.Units.Drawing;

/// <summary>
/// A unit's boundary drawn with its neighbours as SVG: north up, metres to scale at the unit's latitude
/// (equirectangular, fine for the few hundred metres around a parcel), the unit filled, neighbours outlined.
/// </summary>
public static class UnitMap
{
    const double Size = 640, Margin = 24;

    public static string Draw(Unit unit, Geometry boundary, IEnumerable<Unit> neighbours)
    {
        var around = neighbours.Where(n => n.Id != unit.Id && n.Geometry is not null).ToList();
        var frame = new Envelope(boundary.EnvelopeInternal);
        frame.ExpandBy(Math.Max(frame.Width, frame.Height) * 0.6);
        var xScale = Math.Cos(frame.Centre.Y * Math.PI / 180);
        var scale = (Size - 2 * Margin) / Math.Max(frame.Width * xScale, frame.Height);
        string X(double lon) => (Margin + (lon - frame.MinX) * xScale * scale).ToString("F1", CultureInfo.InvariantCulture);
        string Y(double lat) => (Size - Margin - (lat - frame.MinY) * scale).ToString("F1", CultureInfo.InvariantCulture);
        string Path(Geometry g) => string.Join(" ", Polygons(g).SelectMany(p => new[] { p.ExteriorRing }.Concat(p.InteriorRings))
            .Select(ring => "M" + string.Join(" L", ring.Coordinates.Select(c => $"{X(c.X)},{Y(c.Y)}")) + " Z"));

        var svg = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Size}\" height=\"{Size}\" viewBox=\"0 0 {Size} {Size}\" role=\"img\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{Escape(unit.Id)} {Escape(unit.Location)}</title>")
            .Append("<rect width=\"100%\" height=\"100%\" fill=\"#fbfaf6\"/>");
        foreach (var n in around)
        {
            var c = n.Geometry!.Centroid;
            svg.Append(CultureInfo.InvariantCulture, $"<path class=\"neighbour\" data-unit=\"{Escape(n.Id)}\" d=\"{Path(n.Geometry)}\" fill=\"#eceae2\" stroke=\"#8a8779\" stroke-width=\"1\"/>")
               .Append(CultureInfo.InvariantCulture, $"<text x=\"{X(c.X)}\" y=\"{Y(c.Y)}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#5b594f\">{Escape(n.Id[14..19])}</text>");
        }
        var centre = boundary.Centroid;
        svg.Append(CultureInfo.InvariantCulture, $"<path class=\"unit\" data-unit=\"{Escape(unit.Id)}\" d=\"{Path(boundary)}\" fill=\"#c8553d\" fill-opacity=\"0.35\" stroke=\"#c8553d\" stroke-width=\"2\"/>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{X(centre.X)}\" y=\"{Y(centre.Y)}\" font-size=\"12\" font-weight=\"bold\" text-anchor=\"middle\">{Escape(unit.Id[14..19])}</text>");
        var metres = 50 * Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, frame.Width * xScale * 111_320 / 4 / 50))));
        var bar = metres / 111_320 * scale;
        svg.Append(CultureInfo.InvariantCulture, $"<g font-size=\"10\"><line x1=\"{Margin}\" y1=\"{Size - 8}\" x2=\"{Margin + bar:F1}\" y2=\"{Size - 8}\" stroke=\"#333\" stroke-width=\"2\"/>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + bar + 4:F1}\" y=\"{Size - 5}\">{metres:F0} m</text>")
           .Append(CultureInfo.InvariantCulture, $"<text x=\"{Size - Margin}\" y=\"{Margin}\" text-anchor=\"end\">N ↑ · {Escape(unit.Id)}</text></g>")
           .Append("</svg>");
        return svg.ToString();
    }

    static IEnumerable<Polygon> Polygons(Geometry g) => g switch
    {
        Polygon p => [p],
        MultiPolygon m => m.Geometries.OfType<Polygon>(),
        _ => [],
    };

    static string Escape(string text) => SecurityElement.Escape(text) ?? "";
}
