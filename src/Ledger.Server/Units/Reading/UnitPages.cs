using Ledger.Hosting;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Units.Reading;

/// <summary>The unit a reading endpoint is about, as it stands now: its code checked, then found, or the refusal that says why not.</summary>
public static class UnitPages
{
    public static async Task<(Unit?, ProblemDetails)> FindAsync(string unitCode, IQuerySession session, CancellationToken ct)
    {
        if (!UnitCode.TryParse(unitCode, out var code, out var error)) return (null, Problems.Invalid("invalid-unit-code", error!));
        return await session.LoadAsync<Unit>(code.Value, ct) is { } unit
            ? (unit, WolverineContinue.NoProblems)
            : (null, Problems.NotFound("unit-not-found", $"The register holds no unit {code.Value}."));
    }
}
