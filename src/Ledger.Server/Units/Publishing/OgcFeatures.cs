using System.Globalization;
using System.Text.Json.Nodes;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NetTopologySuite.Geometries;
using Wolverine.Http;

namespace Ledger.Units.Publishing;

/// <summary>
/// The current register as an OGC API – Features service (Part 1: core, GeoJSON), so that QGIS and other GIS
/// clients load parcels and sea areas as layers. Identified staff and agencies only: a unit's description is
/// not for the anonymous public (DOMAIN.md "Who may see what"). Properties carry no personal data.
/// </summary>
public static class OgcFeatures
{
    public const string Root = "/ogc";
    const string Roles = $"{Access.Roles.Clerk},{Access.Roles.Reviewer},{Access.Roles.Auditor},{Access.Roles.Agency}";
    const string GeoJson = "application/geo+json";
    const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static readonly GeometryFactory Factory = new();

    public static readonly IReadOnlyDictionary<string, (UnitKind Kind, string Title)> Collections = new Dictionary<string, (UnitKind, string)>
    {
        ["parcels"] = (UnitKind.Land, "Land parcels (宗地)"),
        ["sea-areas"] = (UnitKind.Sea, "Sea areas (宗海)"),
    };

    static JsonObject Link(string href, string rel, string type, string? title = null)
    {
        var link = new JsonObject { ["href"] = href, ["rel"] = rel, ["type"] = type };
        if (title is not null) link["title"] = title;
        return link;
    }

    internal static IResult Json(JsonNode body, string type = "application/json") => new OgcDocument(body, type);

    /// <summary>
    /// An OGC API document whose links are built root-relative (<c>/ogc/…</c>) and written absolute, resolved against the
    /// request's scheme, host and path base: GDAL's OAPIF driver (QGIS) appends a root-relative href to the service URL
    /// it was given (<c>…/ogc</c> + <c>/ogc/collections</c>), and absolute links mean the same to every client.
    /// </summary>
    sealed class OgcDocument(JsonNode body, string mediaType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var request = httpContext.Request;
            Resolve(body, $"{request.Scheme}://{request.Host}{request.PathBase}");
            return Results.Text(body.ToJsonString(LedgerJson.Options), mediaType).ExecuteAsync(httpContext);
        }

        static void Resolve(JsonNode? node, string origin)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["href"] is JsonValue href && href.TryGetValue<string>(out var h) && h.StartsWith('/')) o["href"] = origin + h;
                    foreach (var (_, child) in o) Resolve(child, origin);
                    break;
                case JsonArray a:
                    foreach (var child in a) Resolve(child, origin);
                    break;
            }
        }
    }

    [Authorize(Roles = Roles)]
    [WolverineGet("/ogc")]
    [Tags("OGC API – Features")]
    [EndpointSummary("Landing page")]
    public static IResult Landing() => Json(new JsonObject
    {
        ["title"] = "Ledger — the real-estate register",
        ["description"] = "Land parcels and sea areas of the register as it reads now (OGC API – Features, Part 1).",
        ["links"] = new JsonArray(
            Link(Root, "self", "application/json", "this document"),
            Link("/openapi/v1.json", "service-desc", "application/vnd.oai.openapi+json;version=3.0", "the API definition"),
            Link($"{Root}/conformance", "conformance", "application/json", "conformance classes"),
            Link($"{Root}/collections", "data", "application/json", "the collections")),
    });

    [Authorize(Roles = Roles)]
    [WolverineGet("/ogc/conformance")]
    [Tags("OGC API – Features")]
    [EndpointSummary("Conformance classes implemented")]
    public static IResult Conformance() => Json(new JsonObject
    {
        ["conformsTo"] = new JsonArray(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30"),
    });

    internal static JsonObject Collection(string id) => new()
    {
        ["id"] = id,
        ["title"] = Collections[id].Title,
        ["itemType"] = "feature",
        ["crs"] = new JsonArray(Crs84),
        ["extent"] = new JsonObject { ["spatial"] = new JsonObject { ["bbox"] = new JsonArray(new JsonArray(73.0, 3.0, 136.0, 54.0)), ["crs"] = Crs84 } },
        ["links"] = new JsonArray(
            Link($"{Root}/collections/{id}", "self", "application/json"),
            Link($"{Root}/collections/{id}/items", "items", GeoJson, "the units as GeoJSON features")),
    };

    [Authorize(Roles = Roles)]
    [WolverineGet("/ogc/collections")]
    [Tags("OGC API – Features")]
    [EndpointSummary("The feature collections: parcels and sea areas")]
    public static IResult AllCollections() => Json(new JsonObject
    {
        ["links"] = new JsonArray(Link($"{Root}/collections", "self", "application/json")),
        ["collections"] = new JsonArray([.. Collections.Keys.Select(JsonNode (id) => Collection(id))]),
    });

    internal static JsonObject Feature(Unit unit) => new()
    {
        ["type"] = "Feature",
        ["id"] = unit.Id,
        ["geometry"] = System.Text.Json.JsonSerializer.SerializeToNode(unit.Geometry, LedgerJson.Options),
        ["properties"] = new JsonObject
        {
            ["unitCode"] = unit.Id, ["status"] = unit.Status.ToString().ToLowerInvariant(), ["location"] = unit.Location,
            ["area"] = unit.Area, ["use"] = unit.Use, ["office"] = unit.Office,
        },
    };

    internal static (Envelope? Box, int Limit, int Offset, ProblemDetails Problem) ReadQuery(string? bbox, string? limit, string? offset)
    {
        var take = 100;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take is < 1 or > 10_000))
            return (null, 0, 0, Problems.Invalid("invalid-limit", "limit is 1 to 10000."));
        var skip = 0;
        if (offset is not null && !int.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
            return (null, 0, 0, Problems.Invalid("invalid-limit", "offset is a whole number from 0."));
        if (bbox is null) return (null, take, skip, WolverineContinue.NoProblems);
        return BoundaryBoxes.TryReadBox(bbox, out var box)
            ? (box, take, skip, WolverineContinue.NoProblems)
            : (null, 0, 0, Problems.Invalid("invalid-bbox", "bbox is minLon,minLat,maxLon,maxLat in CRS84, minimum before maximum."));
    }

    /// <summary>The collection's units, exact bbox test, ordered by unit code; at most 5,000 candidates for a box.</summary>
    internal static async Task<(IReadOnlyList<Unit> Units, int Matched)?> ItemsAsync(IQuerySession session, UnitKind kind, Envelope? box, int limit, int offset, CancellationToken ct)
    {
        var kindName = kind.ToString().ToLowerInvariant();
        if (box is null)
        {
            var matched = (await session.QueryAsync<int>($"select count(*) from {session.DocumentStore.Options.DatabaseSchemaName}.mt_doc_unit where data ->> 'kind' = ?", ct, kindName))[0];
            var page = await session.QueryAsync<Unit>($"where data ->> 'kind' = ? order by id limit {limit} offset {offset}", ct, kindName);
            return (page, matched);
        }
        var candidates = await BoundaryBoxes.TouchingAsync(session, box, Finding.FindUnitsEndpoint.MaxCandidates + 1, ct, kind);
        if (candidates.Count > Finding.FindUnitsEndpoint.MaxCandidates) return null;
        var shape = Factory.ToGeometry(box);
        var all = candidates.Where(u => u.Geometry?.Intersects(shape) == true).ToList();
        return (all.Skip(offset).Take(limit).ToList(), all.Count);
    }

    internal static IResult Page(string id, IReadOnlyList<Unit> units, int matched, string? bbox, int limit, int offset, TimeProvider clock)
    {
        string Href(int at) => $"{Root}/collections/{id}/items?limit={limit}&offset={at}" + (bbox is null ? "" : $"&bbox={bbox}");
        var links = new JsonArray(Link(Href(offset), "self", GeoJson), Link($"{Root}/collections/{id}", "collection", "application/json"));
        if (offset + units.Count < matched) links.Add(Link(Href(offset + limit), "next", GeoJson, "next page"));
        if (offset > 0) links.Add(Link(Href(Math.Max(0, offset - limit)), "prev", GeoJson, "previous page"));
        return Json(new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray([.. units.Select(JsonNode (u) => Feature(u))]),
            ["numberMatched"] = matched,
            ["numberReturned"] = units.Count,
            ["timeStamp"] = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
            ["links"] = links,
        }, GeoJson);
    }
}
