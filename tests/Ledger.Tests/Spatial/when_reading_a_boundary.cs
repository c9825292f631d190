using System.Text.Json;
using Ledger.Units;
using NetTopologySuite.Geometries;

namespace Ledger.Tests.Spatial;

/// <summary>A refused boundary says what is wrong and where, in words a surveyor acts on.</summary>
public sealed class when_reading_a_boundary
{
    static string? ErrorOf(string geoJson)
    {
        using var document = JsonDocument.Parse(geoJson);
        Assert.False(Boundary.TryRead(document.RootElement.Clone(), out var geometry, out var error));
        Assert.Null(geometry);
        return error;
    }

    const string Square = "[[116.40,39.90],[116.41,39.90],[116.41,39.91],[116.40,39.91],[116.40,39.90]]";

    [Fact]
    public void a_valid_polygon_and_multipolygon_are_read()
    {
        using var polygon = JsonDocument.Parse($$"""{"type":"Polygon","coordinates":[{{Square}}]}""");
        Assert.True(Boundary.TryRead(polygon.RootElement.Clone(), out var read, out _));
        Assert.IsType<Polygon>(read);
        using var multi = JsonDocument.Parse($$"""{"type":"MultiPolygon","coordinates":[[{{Square}}],[[[116.42,39.90],[116.43,39.90],[116.43,39.91],[116.42,39.90]]]]}""");
        Assert.True(Boundary.TryRead(multi.RootElement.Clone(), out read, out _));
        Assert.Equal(2, read!.NumGeometries);
    }

    [Fact]
    public void a_crossing_names_the_point_and_the_ring()
    {
        var error = ErrorOf("""{"type":"Polygon","coordinates":[[[116.40,39.90],[116.41,39.91],[116.41,39.90],[116.40,39.91],[116.40,39.90]]]}""");
        Assert.Contains("crosses itself at (116.405, 39.905) (the outer ring)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void a_hole_outside_the_outer_ring_is_named_by_its_number()
    {
        var error = ErrorOf($$"""{"type":"Polygon","coordinates":[{{Square}},[[116.50,39.90],[116.51,39.90],[116.51,39.91],[116.50,39.90]]]}""");
        Assert.Contains("a hole (hole 1) lies outside the outer ring", error, StringComparison.Ordinal);
    }

    [Fact]
    public void a_polygon_inside_another_of_a_multipolygon_names_which()
    {
        var error = ErrorOf($$"""{"type":"MultiPolygon","coordinates":[[{{Square}}],[[[116.402,39.902],[116.403,39.902],[116.403,39.903],[116.402,39.902]]]]}""");
        Assert.Contains("of polygon 2", error, StringComparison.Ordinal);
        Assert.Contains("lies inside another polygon", error, StringComparison.Ordinal);
    }

    [Fact]
    public void an_unclosed_ring_points_outside_china_and_too_many_vertices_are_each_named()
    {
        Assert.Contains("the outer ring is not closed", ErrorOf("""{"type":"Polygon","coordinates":[[[116.40,39.90],[116.41,39.90],[116.41,39.91],[116.40,39.91]]]}"""),
            StringComparison.Ordinal);
        Assert.Contains("hole 1 of polygon 2 is not closed", ErrorOf($$"""{"type":"MultiPolygon","coordinates":[[{{Square}}],[[[116.42,39.90],[116.43,39.90],[116.43,39.91],[116.42,39.90]],[[116.425,39.902],[116.426,39.902],[116.426,39.903]]]]}"""),
            StringComparison.Ordinal);
        Assert.Contains("(2.35, 48.85) lies outside China's extent",
            ErrorOf("""{"type":"Polygon","coordinates":[[[2.35,48.85],[2.36,48.85],[2.36,48.86],[2.35,48.85]]]}"""), StringComparison.Ordinal);
        var ring = string.Join(",", Enumerable.Range(0, Boundary.MaxVertices + 1).Select(i => i == 0 ? "[116.41,39.90]" :
            FormattableString.Invariant($"[{116.40 + 0.01 * Math.Cos(i * 2 * Math.PI / (Boundary.MaxVertices + 1))},{39.90 + 0.01 * Math.Sin(i * 2 * Math.PI / (Boundary.MaxVertices + 1))}]")));
        Assert.Contains($"at most {Boundary.MaxVertices}", ErrorOf($$"""{"type":"Polygon","coordinates":[[{{ring}},[116.41,39.90]]]}"""), StringComparison.Ordinal);
    }

    [Fact]
    public void a_point_or_a_line_is_not_a_boundary()
    {
        Assert.Contains("not a Point", ErrorOf("""{"type":"Point","coordinates":[116.40,39.90]}"""), StringComparison.Ordinal);
        Assert.Contains("not a LineString", ErrorOf("""{"type":"LineString","coordinates":[[116.40,39.90],[116.41,39.90]]}"""), StringComparison.Ordinal);
    }
}
