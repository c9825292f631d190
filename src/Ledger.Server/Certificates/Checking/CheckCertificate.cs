using Ledger.Hosting;
using Ledger.Units;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Certificates.Checking;

public sealed record CertificateCheck(
    string Number, IssuedKind Kind, string UnitCode, bool Valid, string? SupersededBy, DateTimeOffset IssuedAt, DateTimeOffset CheckedAt,
    IReadOnlyList<string> UnitCodes);

/// <summary>
/// <c>GET /api/certificates/{number}</c>: is this certificate or proof genuine and still valid? Either
/// parenthesis form is accepted; the register prints half-width ones.
/// </summary>
public static class CheckCertificateEndpoint
{
    public static async Task<(IssuedNumber?, ProblemDetails)> LoadAsync(string number, IQuerySession session, CancellationToken ct)
    {
        if (!CertificateNumber.TryParse(Uri.UnescapeDataString(number), out var parsed, out var error))
            return (null, Problems.Invalid("invalid-certificate-number", error!));
        return await session.LoadAsync<IssuedNumber>(parsed!.ToString(), ct) is { } issued
            ? (issued, WolverineContinue.NoProblems)
            : (null, Problems.NotFound("certificate-not-found", $"The register never issued {parsed}."));
    }

    [Authorize]
    [WolverineGet("/api/certificates/{number}")]
    [Tags("Certificates")]
    [EndpointSummary("Is this certificate or proof genuine and still valid?")]
    public static async Task<CertificateCheck> Get(IssuedNumber issued, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var units = await session.LoadManyAsync<Unit>(ct, issued.Units.ToArray());
        var unit = units.FirstOrDefault(u => u.Id == issued.UnitCode);
        var valid = unit is { Status: not UnitStatus.Cancelled } && issued.Kind switch
        {
            IssuedKind.Certificate => units.Count == issued.Units.Count()
                                      && units.All(u => u.Status != UnitStatus.Cancelled && u.Ownership?.CertificateNumber == issued.Id),
            _ => unit.Mortgages.Any(m => m.MortgageId == issued.Subject)
                 || EncumbrancesAt.Objections(unit, now).Any(o => o.ObjectionId == issued.Subject)
                 || EncumbrancesAt.AdvanceNotices(unit, now).Any(n => n.AdvanceNoticeId == issued.Subject)
                 || EncumbrancesAt.Easements(unit, now).Any(e => e.EasementId == issued.Subject),
        };
        return new CertificateCheck(issued.Id, issued.Kind, issued.UnitCode, valid, issued.SupersededBy, issued.IssuedAt, now, [.. issued.Units]);
    }
}
