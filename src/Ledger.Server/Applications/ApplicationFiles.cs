using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Applications;

/// <summary>Opening an application's file for a member of its office, ready to write to.</summary>
public static class ApplicationFiles
{
    public static async Task<(IEventStream<Application>?, ProblemDetails)> OpenForOfficeAsync(
        string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var file = await session.Events.FetchForWriting<Application>(id, ct);
        if (file.Aggregate is not { } application)
            return (null, Problems.NotFound("application-not-found", $"There is no application {id}."));
        if (!Caller.From(user).IsStaffOf(application.Office))
            return (null, Problems.Forbidden("office-mismatch", $"Application {application.Number} belongs to office {application.Office}."));
        return (file, WolverineContinue.NoProblems);
    }
}
