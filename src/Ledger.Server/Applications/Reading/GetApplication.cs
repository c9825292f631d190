using System.Security.Claims;
using Ledger.Access;
using System.Text.Json;
using Ledger.Hosting;
using Ledger.Units;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Applications.Reading;

/// <summary><c>GET /api/applications/{id}</c>: the application's file, for its office, the unit's holders and auditors.</summary>
public static class GetApplicationEndpoint
{
    public static async Task<(Application?, ProblemDetails)> LoadAsync(string id, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (await session.LoadAsync<Application>(id, ct) is not { } application)
            return (null, Problems.NotFound("application-not-found", $"There is no application {id}."));
        var caller = Caller.From(user);
        if (caller.Role == Roles.Auditor || caller.IsStaffOf(application.Office)) return (application, WolverineContinue.NoProblems);
        // A holder sees the source documents of their own units (DOMAIN.md), others' identity numbers masked.
        if (caller.Role == Roles.Holder && await session.LoadAsync<Unit>(application.UnitCode, ct) is { } unit && caller.IsHolderOf(unit))
        {
            var masked = new Disclosure(caller, application.Office).Mask(JsonSerializer.SerializeToNode(application, LedgerJson.Options));
            return (masked.Deserialize<Application>(LedgerJson.Options), WolverineContinue.NoProblems);
        }
        // Staff of another office are told whose file it is; anyone else that the file is not open to them.
        return Roles.OfficeStaff.Contains(caller.Role)
            ? (null, Problems.Forbidden("office-mismatch", $"Application {application.Number} belongs to office {application.Office}."))
            : (null, Problems.Forbidden("not-allowed-to-view", "An application's file is open to its office's clerks and reviewers, the unit's holders and auditors."));
    }

    [Authorize]
    [WolverineGet("/api/applications/{id}")]
    [Tags("Applications")]
    [EndpointSummary("An application's file")]
    public static Application Get(Application application) => application;
}
