using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Units.Holdings;

/// <summary>A unit someone holds now, with their share and the certificate that proves it.</summary>
public sealed record HeldUnit(string UnitCode, string Location, string RightType, string RightTypeName, string? Share, string CertificateNumber);

/// <summary>The identity number asked about, normalised, once the caller may ask about it.</summary>
public sealed record HolderAsked(string IdNumber);

/// <summary><c>GET /api/holders/{idNumber}/units</c>: the units a person holds now (that person and auditors).</summary>
public static class GetHolderUnitsEndpoint
{
    public static (HolderAsked?, ProblemDetails) Load(string idNumber, ClaimsPrincipal user)
    {
        if (!PartyNumber.TryNormalize(idNumber, out var normalized, out var error))
            return (null, Problems.Invalid("invalid-id-number", error));

        var caller = Caller.From(user);
        return caller.Role == Roles.Auditor || string.Equals(caller.Sub, normalized, StringComparison.OrdinalIgnoreCase)
            ? (new HolderAsked(normalized), WolverineContinue.NoProblems)
            : (null, Problems.Forbidden("not-allowed-to-view", "The units a person holds are shown to that person and to auditors."));
    }

    [Authorize]
    [WolverineGet("/api/holders/{idNumber}/units")]
    [Tags("Holders")]
    [EndpointSummary("The units a person holds now")]
    public static async Task<IReadOnlyList<HeldUnit>> Get(HolderAsked asked, IQuerySession session, CancellationToken ct)
    {
        var holdings = await session.Query<Holding>().Where(h => h.IdNumber == asked.IdNumber).ToListAsync(ct);
        if (holdings.Count == 0) return [];
        var units = (await session.LoadManyAsync<Unit>(ct, holdings.Select(h => h.UnitCode).ToArray())).ToDictionary(u => u.Id);
        return [.. holdings
            .Where(h => units.ContainsKey(h.UnitCode))
            .OrderBy(h => h.UnitCode, StringComparer.Ordinal)
            .Select(h => units[h.UnitCode] is { Ownership: { } o } u
                ? new HeldUnit(u.Id, u.Location, o.RightType, RightType.TryParse(o.RightType, out var t) ? t!.Name : o.RightType, h.Share, o.CertificateNumber)
                : null)
            .OfType<HeldUnit>()];
    }
}
