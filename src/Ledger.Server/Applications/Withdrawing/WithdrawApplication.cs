using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Applications.Withdrawing;

public sealed record WithdrawApplication(string? Reason);

public sealed record ApplicationWithdrawnResponse(string ApplicationId, ApplicationStatus Status, DateTimeOffset WithdrawnAt);

/// <summary><c>POST /api/applications/{id}/withdraw</c>: the applicants withdraw before recording; the office notes it.</summary>
public static class WithdrawApplicationEndpoint
{
    public static Task<(IEventStream<Application>?, ProblemDetails)> LoadAsync(string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        ApplicationFiles.OpenForOfficeAsync(id, user, session, ct);

    public static ProblemDetails Validate(IEventStream<Application> file) =>
        file.Aggregate!.IsPending
            ? WolverineContinue.NoProblems
            : Problems.Refused("not-pending", $"Application {file.Aggregate.Number} is {file.Aggregate.Status.ToString().ToLowerInvariant()}; only a pending one can be withdrawn.");

    [Authorize(Roles = $"{Roles.Clerk},{Roles.Reviewer}")]
    [WolverinePost("/api/applications/{id}/withdraw")]
    [Tags("Applications")]
    [EndpointSummary("Withdraw a pending application")]
    public static ApplicationWithdrawnResponse Post(WithdrawApplication? command, IEventStream<Application> file, ClaimsPrincipal user, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        file.AppendOne(new ApplicationWithdrawn(file.Key!, command?.Reason?.Trim() ?? "withdrawn by the applicants", now, Caller.From(user).Signature));
        return new ApplicationWithdrawnResponse(file.Key!, ApplicationStatus.Withdrawn, now);
    }
}
