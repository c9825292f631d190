using System.Globalization;
using NetTopologySuite.Geometries;

namespace Ledger.Benchmarks.Space;

/// <summary>
/// N parcels of county 110105 (Chaoyang) as a grid of cells about 26 m × 28 m that share their edges, the way
/// a cadastral map tiles. The grid is <see cref="Width"/> cells wide, filled row by row from the south-west;
/// each block of 100 × 100 cells is one sub-district (district = block row, sub-district = block column),
/// its parcels numbered 00001-10000 row by row. East of the grid lies free space for new parcels.
/// </summary>
sealed class ParcelGrid
{
    public const string County = "110105";
    public const double West = 116.38, South = 39.82;
    /// <summary>Cell size in degrees: 0.0003° of longitude ≈ 25.6 m and 0.00025° of latitude ≈ 27.8 m at 39.9° N.</summary>
    public const double StepLon = 0.0003, StepLat = 0.00025;
    const int Block = 100;
    /// <summary>New parcels fill a band this many cells wide right next to the grid's east edge.</summary>
    const int BandWidth = 1_000;

    static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public ParcelGrid(int parcels)
    {
        Parcels = parcels;
        Width = (int)Math.Ceiling(Math.Sqrt(parcels));
        Rows = (parcels + Width - 1) / Width;
    }

    public int Parcels { get; }
    public int Width { get; }
    public int Rows { get; }
    public int Districts => (Rows + Block - 1) / Block;
    public int SubDistricts => (Width + Block - 1) / Block;

    // Edges from the cell index alone, so neighbours share bit-identical coordinates.
    static double Lon(int column) => West + column * StepLon;
    static double Lat(int row) => South + row * StepLat;

    public (int Row, int Column) CellOf(int parcel) => (parcel / Width, parcel % Width);

    /// <summary>Parcel i of the grid: district 001-, sub-district 001-, parcel number 00001-10000 within its block.</summary>
    public string CodeOf(int parcel)
    {
        var (row, column) = CellOf(parcel);
        return string.Create(CultureInfo.InvariantCulture,
            $"{County}{row / Block + 1:D3}{column / Block + 1:D3}GB{row % Block * Block + column % Block + 1:D5}W00000000");
    }

    public static Polygon Cell(int row, int column) =>
        Rectangle(Lon(column), Lat(row), Lon(column + 1), Lat(row + 1));

    public Polygon ParcelBoundary(int parcel)
    {
        var (row, column) = CellOf(parcel);
        return Cell(row, column);
    }

    /// <summary>The middle of parcel i: a point that lies in that parcel only.</summary>
    public (double Lon, double Lat) Centre(int parcel)
    {
        var (row, column) = CellOf(parcel);
        return ((Lon(column) + Lon(column + 1)) / 2, (Lat(row) + Lat(row + 1)) / 2);
    }

    /// <summary>
    /// The j-th new parcel in free space: a cell of a band east of the grid, <see cref="BandWidth"/> cells wide and as tall
    /// as the grid, visited in a scattered order (a stride prime to the band's size), as clerks across a county establish
    /// parcels in different places at the same moment. Neighbours established at once would share an overlap lock and
    /// wait for each other, by design (specs/decisions.md).
    /// </summary>
    public static (string Code, Polygon Boundary) FreeParcel(int j, int gridWidth)
    {
        var cells = (long)BandWidth * gridWidth;
        var k = (int)(j * 7_919L % cells);
        return (string.Create(CultureInfo.InvariantCulture, $"{County}901{j / 99_999 % 999 + 1:D3}GB{j % 99_999 + 1:D5}W00000000"),
            Cell(k / BandWidth, gridWidth + k % BandWidth));
    }

    /// <summary>The j-th parcel that overlaps the register: parcel i's cell moved half a cell north-east (over up to four parcels).</summary>
    public (string Code, Polygon Boundary) OverlappingParcel(int j, int parcel)
    {
        var (row, column) = CellOf(parcel);
        var (x, y) = (Lon(column) + StepLon / 2, Lat(row) + StepLat / 2);
        return (string.Create(CultureInfo.InvariantCulture, $"{County}801{j / 99_999 % 999 + 1:D3}GB{j % 99_999 + 1:D5}W00000000"),
            Rectangle(x, y, x + StepLon, y + StepLat));
    }

    static Polygon Rectangle(double x1, double y1, double x2, double y2) =>
        Factory.CreatePolygon([new(x1, y1), new(x2, y1), new(x2, y2), new(x1, y2), new(x1, y1)]);

    /// <summary>What a clerk declares: the boundary's surveyed area, to the centiare.</summary>
    public static decimal AreaOf(Geometry boundary) => Math.Round((decimal)Ledger.Units.GeodesicArea.SquareMetres(boundary), 2);

    /// <summary>The boundary as the GeoJSON a client posts.</summary>
    public static object GeoJson(Polygon p) => new
    {
        type = "Polygon",
        coordinates = new[] { p.ExteriorRing.Coordinates.Select(c => new[] { c.X, c.Y }).ToArray() },
    };
}
