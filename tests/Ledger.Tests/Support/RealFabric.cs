using Bogus;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Triangulate;

namespace Ledger.Tests.Support;

/// <summary>
/// A parcel fabric (宗地) and sea areas (宗海) derived from a real county boundary, as a cadastral survey of one stretch
/// of coast would deliver them: Voronoi cells of seeded survey points inside the county, clipped by the county's
/// boundary and the surveyed block, so that parcels tile the land there without overlapping and neighbours share
/// their boundary; and sea areas as strips of a band seaward of the real coastline (outside every district of the
/// map), side by side without overlapping. Locations and uses are Bogus's, seeded: the same seed, the same fabric.
/// </summary>
public sealed class RealFabric
{
    /// <summary>One unit of the survey, ready to be established: its code, what a clerk declares, its boundary.</summary>
    public sealed record SurveyedUnit(string UnitCode, string Location, decimal Area, string Use, Geometry Boundary)
    {
        /// <summary>The body of <c>POST /api/units</c> (the boundary is written as GeoJSON by the ledger's own JSON options).</summary>
        public object Survey => new { unitCode = UnitCode, location = Location, area = Area, use = Use, geometry = Boundary };

        /// <summary>A point strictly inside the unit.</summary>
        public Coordinate Inside => Boundary.InteriorPoint.Coordinate;
    }

    /// <summary>Parcels smaller than this (slivers where the coastline cuts a cell) are left out of the survey.</summary>
    public const double SmallestParcel = 150;

    static readonly GeometryFactory Factory = new();

    static readonly string[] LandUses =
        ["城镇住宅用地", "零售商业用地", "商务金融用地", "餐饮用地", "旅馆用地", "机关团体用地", "教育用地", "医疗卫生用地", "公园与绿地", "文化设施用地"];

    static readonly string[] SeaUses = ["开放式养殖用海", "港口用海", "旅游娱乐用海", "浴场用海", "游乐场用海", "锚地用海"];

    RealFabric(RealGeography.District county, Envelope block, IReadOnlyList<SurveyedUnit> parcels, IReadOnlyList<SurveyedUnit> seaAreas)
    {
        County = county;
        Block = block;
        Parcels = parcels;
        SeaAreas = seaAreas;
    }

    public RealGeography.District County { get; }

    /// <summary>The surveyed block: parcels lie in it, sea areas in front of it.</summary>
    public Envelope Block { get; }

    public IReadOnlyList<SurveyedUnit> Parcels { get; }

    public IReadOnlyList<SurveyedUnit> SeaAreas { get; }

    public IEnumerable<SurveyedUnit> Units => Parcels.Concat(SeaAreas);

    /// <summary>
    /// A stretch of the south-facing coast of 市南区 (Qingdao, 370202) at 120.40°–120.41° E: 40 parcels of 0.2 to 6 ha
    /// in a block of about 1.1 km × 1.0 km that the coastline cuts diagonally, and 6 sea areas of about 10 ha each in the
    /// 500 m of sea in front of it.
    /// </summary>
    public static RealFabric ShinanWaterfront(int seed = 370202) =>
        Build(RealGeography.Shinan, RealGeography.Qingdao, new Envelope(120.399, 120.411, 36.051, 36.060), sites: 40,
            seaStrips: 6, seaDepth: 0.0045, seed);

    /// <summary>
    /// The fabric of <paramref name="block"/> within <paramref name="county"/>: <paramref name="sites"/> seeded survey
    /// points on its land, their Voronoi cells clipped to the county and the block; and <paramref name="seaStrips"/>
    /// sea areas splitting, west to east, the band of <paramref name="seaDepth"/> degrees seaward of the coast of every
    /// district in <paramref name="land"/> within the block.
    /// </summary>
    public static RealFabric Build(RealGeography.District county, IEnumerable<RealGeography.District> land, Envelope block,
        int sites, int seaStrips, double seaDepth, int seed)
    {
        var faker = new Faker("zh_CN") { Random = new Randomizer(seed) };
        var ground = county.Boundary.Intersection(Factory.ToGeometry(block));
        if (ground.IsEmpty) throw new ArgumentException($"The block {block} lies outside {county.Name}.", nameof(block));

        // Survey points on the county's land in the block; their Voronoi cells, clipped, are the parcels.
        var points = new List<Coordinate>();
        while (points.Count < sites)
        {
            var p = new Coordinate(faker.Random.Double(block.MinX, block.MaxX), faker.Random.Double(block.MinY, block.MaxY));
            if (ground.Covers(Factory.CreatePoint(p))) points.Add(p);
        }
        var voronoi = new VoronoiDiagramBuilder { ClipEnvelope = block };
        voronoi.SetSites(points);
        var cells = voronoi.GetDiagram(Factory).Geometries
            .Select(cell => Largest(cell.Intersection(ground)))
            .Where(piece => piece is not null && Ledger.Units.GeodesicArea.SquareMetres(piece) >= SmallestParcel)
            .Select(piece => piece!)
            // Numbered as on a survey sheet: rows from the north, west to east within a row of about 100 m.
            .OrderByDescending(piece => Math.Round(piece.Centroid.Y / 0.001))
            .ThenBy(piece => piece.Centroid.X)
            .ToList();
        var street = faker.Address.StreetName();
        var parcels = cells.Select((boundary, i) =>
        {
            if (i % 8 == 0) street = faker.Address.StreetName();
            return Surveyed($"{county.Code}001001GB{i + 1:D5}W00000000", $"山东省青岛市{county.Name}{street}{faker.Random.Number(1, 300)}号",
                faker.PickRandom(LandUses), boundary);
        }).ToList();

        // The sea in front of the block: the band within seaDepth of the land of every district, minus that land,
        // cut into strips. The land is clipped to a box wider than the band by two depths so that the buffer's
        // artificial edges along that box never reach into the strips.
        var seaBox = new Envelope(block.MinX, block.MaxX, block.MinY - seaDepth, block.MaxY);
        var landBox = new Envelope(block);
        landBox.ExpandBy(3 * seaDepth);
        var nearLand = UnaryUnionOp.Union(land.Select(d => d.Boundary.Intersection(Factory.ToGeometry(landBox))).Where(g => !g.IsEmpty).ToList());
        var band = nearLand.Buffer(seaDepth).Difference(nearLand).Intersection(Factory.ToGeometry(seaBox));
        var width = (block.MaxX - block.MinX) / seaStrips;
        var seaAreas = Enumerable.Range(0, seaStrips)
            .Select(i => Largest(band.Intersection(Factory.ToGeometry(new Envelope(block.MinX + i * width, block.MinX + (i + 1) * width, seaBox.MinY, seaBox.MaxY)))))
            .Where(strip => strip is not null)
            .Select((strip, i) => Surveyed($"{county.Code}001001GH{i + 1:D5}W00000000",
                $"山东省青岛市{county.Name}{faker.Address.StreetName()}以南海域", faker.PickRandom(SeaUses), strip!))
            .ToList();
        return new RealFabric(county, block, parcels, seaAreas);
    }

    /// <summary>Neighbouring parcels: pairs that share a stretch of boundary (not only a corner).</summary>
    public IEnumerable<(SurveyedUnit A, SurveyedUnit B, Geometry Shared)> Neighbours() =>
        from a in Parcels.Select((p, i) => (p, i))
        from b in Parcels.Select((p, i) => (p, i))
        where a.i < b.i && a.p.Boundary.EnvelopeInternal.Intersects(b.p.Boundary.EnvelopeInternal)
        let shared = a.p.Boundary.Intersection(b.p.Boundary)
        where shared.Length > 0
        select (a.p, b.p, shared);

    static SurveyedUnit Surveyed(string code, string location, string use, Geometry boundary) =>
        new(code, location, Math.Round((decimal)Ledger.Units.GeodesicArea.SquareMetres(boundary), 2), use, boundary);

    // A clipped cell or strip may fall apart where the coastline meanders: the survey keeps its largest piece.
    static Polygon? Largest(Geometry g) =>
        Enumerable.Range(0, g.NumGeometries).Select(g.GetGeometryN).OfType<Polygon>().Where(p => !p.IsEmpty).MaxBy(p => p.Area);
}
