using Ledger.Hosting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Units.Publishing;

/// <summary><c>/ogc/collections/{collectionId}</c>, its items (paged, bbox) and one item by unit code.</summary>
public static class OgcCollectionEndpoints
{
    const string Roles = $"{Access.Roles.Clerk},{Access.Roles.Reviewer},{Access.Roles.Auditor},{Access.Roles.Agency}";

    static IResult? Unknown(string collectionId) =>
        OgcFeatures.Collections.ContainsKey(collectionId)
            ? null
            : Results.Problem(Problems.NotFound("collection-not-found", $"There is no collection {collectionId}; there are parcels and sea-areas."));

    [Authorize(Roles = Roles)]
    [WolverineGet("/ogc/collections/{collectionId}")]
    [Tags("OGC API – Features")]
    [EndpointSummary("One feature collection")]
    public static IResult Collection(string collectionId) =>
        Unknown(collectionId) ?? OgcFeatures.Json(OgcFeatures.Collection(collectionId));

    [Authorize(Roles = Roles)]
    [WolverineGet("/ogc/collections/{collectionId}/items")]
    [Tags("OGC API – Features")]
    [EndpointSummary("The collection's units as GeoJSON features (bbox, limit, offset; next links)")]
    public static async Task<IResult> Items(string collectionId, [FromQuery] string? bbox, [FromQuery] string? limit, [FromQuery] string? offset,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        if (Unknown(collectionId) is { } unknown) return unknown;
        var (box, take, skip, problem) = OgcFeatures.ReadQuery(bbox, limit, offset);
        if (problem.Status is not null) return Results.Problem(problem);
        var found = await OgcFeatures.ItemsAsync(session, OgcFeatures.Collections[collectionId].Kind, box, take, skip, ct);
        return found is { } page
            ? OgcFeatures.Page(collectionId, page.Units, page.Matched, bbox, take, skip, clock)
            : Results.Problem(Problems.Invalid("bbox-too-large", "More than 5000 units lie in that box; ask for a smaller one."));
    }

    [Authorize(Roles = Roles)]
    [WolverineGet("/ogc/collections/{collectionId}/items/{featureId}")]
    [Tags("OGC API – Features")]
    [EndpointSummary("One unit as a GeoJSON feature")]
    public static async Task<IResult> Item(string collectionId, string featureId, IQuerySession session, CancellationToken ct)
    {
        if (Unknown(collectionId) is { } unknown) return unknown;
        var unit = await session.LoadAsync<Unit>(featureId, ct);
        return unit is not null && unit.Kind == OgcFeatures.Collections[collectionId].Kind && unit.Geometry is not null
            ? OgcFeatures.Json(OgcFeatures.Feature(unit), "application/geo+json")
            : Results.Problem(Problems.NotFound("feature-not-found", $"Collection {collectionId} has no feature {featureId}."));
    }
}
