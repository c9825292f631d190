using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Units;
using Ledger.Units.Queries;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Certificates.Checking;

public sealed record CertificateCheck(
    string Number, IssuedKind Kind, string UnitCode, bool Valid, string? SupersededBy, DateTimeOffset IssuedAt, DateTimeOffset CheckedAt,
    IReadOnlyList<string> UnitCodes, IReadOnlyList<string>? SupersededByAll = null, long? LeafIndex = null);

/// <summary>
/// <c>GET /api/certificates/{number}</c>: is this certificate or proof genuine and still valid? Either
/// parenthesis form is accepted; the register prints half-width ones.
/// </summary>
public static class CheckCertificateEndpoint
{
    public static async Task<(IssuedNumber?, ProblemDetails)> LoadAsync(string number, IQuerySession session, CancellationToken ct)
    {
        if (!CertificateNumber.TryParse(Uri.UnescapeDataString(number), out var parsed, out var error))
        {
            // A certificate of a pre-unification register, taken over by the legacy import, keeps its own numbering
            // (京朝国用(1998)第00123号) and still proves its right: it is found as the import wrote it.
            var old = Legacy.Normalising.LegacyText.CertificateNumber(Uri.UnescapeDataString(number));
            return old.Length > 0 && await session.LoadAsync<IssuedNumber>(old, ct) is { } taken
                ? (taken, WolverineContinue.NoProblems)
                : (null, Problems.Invalid("invalid-certificate-number", error!));
        }

        return await session.LoadAsync<IssuedNumber>(parsed!.ToString(), ct) is { } issued
            ? (issued, WolverineContinue.NoProblems)
            : (null, Problems.NotFound("certificate-not-found", $"The register never issued {parsed}."));
    }

    [Authorize]
    [WolverineGet("/api/certificates/{number}")]
    [Tags("Certificates")]
    [EndpointSummary("Is this certificate or proof genuine and still valid?")]
    public static async Task<CertificateCheck> Get(
        IssuedNumber issued, ClaimsPrincipal user, IQuerySession session, QueryLog log, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var units = await session.LoadManyAsync<Unit>(ct, issued.Units.ToArray());
        var unit = units.FirstOrDefault(u => u.Id == issued.UnitCode);
        var valid = issued.Kind == IssuedKind.Certificate
            ? unit is not null && units.Count == issued.Units.Count() && units.All(u => !u.IsClosed && u.Ownership?.CertificateNumber == issued.Id)
            : (await CurrentSuccessorsAsync(units, session, ct)).Any(u => Proves(u, issued.Subject, now));
        // The check reads each unit the document covers: each of them logs the query.
        var caller = Caller.From(user);
        await log.RecordAsync(session, [.. units.Select(u => QueryLog.Entry(u, caller, "certificate-check", null, null, now))], ct);
        IReadOnlyList<string>? all = issued.AlsoSupersededBy is { } more ? [issued.SupersededBy!, .. more] : null;
        // The leaf of the recording that issued it (specs/integrity.md): null until the log has hashed that recording.
        var leaf = await Integrity.IssuingLeaf.FindAsync(session, [.. issued.Units, .. units.SelectMany(u => u.DerivedFrom)], issued.Id, ct);
        return new CertificateCheck(issued.Id, issued.Kind, issued.UnitCode, valid, issued.SupersededBy, issued.IssuedAt, now, [.. issued.Units], all, leaf);
    }

    static bool Proves(Unit unit, string? subject, DateTimeOffset now) =>
        unit.Mortgages.Any(m => m.MortgageId == subject)
        || EncumbrancesAt.Objections(unit, now).Any(o => o.ObjectionId == subject)
        || EncumbrancesAt.AdvanceNotices(unit, now).Any(n => n.AdvanceNoticeId == subject)
        || EncumbrancesAt.Easements(unit, now).Any(e => e.EasementId == subject);

    /// <summary>
    /// The units a proof's encumbrance may stand on now: its own units while open, and for those split or merged since,
    /// the units that carried it over (a mortgage on the whole burdens each part).
    /// </summary>
    static async Task<IReadOnlyList<Unit>> CurrentSuccessorsAsync(IReadOnlyList<Unit> units, IQuerySession session, CancellationToken ct)
    {
        var current = units.Where(u => !u.IsClosed).ToList();
        var next = units.Where(u => u.IsClosed).SelectMany(u => u.SucceededBy).Distinct().ToArray();
        for (var generation = 0; next.Length > 0 && generation < 8; generation++)
        {
            var successors = await session.LoadManyAsync<Unit>(ct, next);
            current.AddRange(successors.Where(u => !u.IsClosed));
            next = [.. successors.Where(u => u.IsClosed).SelectMany(u => u.SucceededBy).Distinct()];
        }
        return current;
    }
}
