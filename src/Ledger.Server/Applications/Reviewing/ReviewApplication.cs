using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Applications.Reviewing;

public sealed record ReviewApplication(ReviewDecision? Decision, string? Opinion);

public sealed record ApplicationReviewedResponse(string ApplicationId, ApplicationStatus Status, DateTimeOffset ReviewedAt);

/// <summary><c>POST /api/applications/{id}/review</c>: 审核, by a reviewer of the office who did not accept it.</summary>
public static class ReviewApplicationEndpoint
{
    public static Task<(IEventStream<Application>?, ProblemDetails)> LoadAsync(string id, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct) =>
        ApplicationFiles.OpenForOfficeAsync(id, user, session, ct);

    public static ProblemDetails Validate(ReviewApplication? command, IEventStream<Application> file, ClaimsPrincipal user)
    {
        var application = file.Aggregate!;
        if (command?.Decision is null)
            return Problems.Invalid("invalid-review", "decision is approve or reject.",
                new Dictionary<string, string[]> { ["decision"] = ["decision is approve or reject."] });
        if (string.IsNullOrWhiteSpace(command.Opinion))
            return Problems.Invalid("invalid-review", "A review states its opinion.",
                new Dictionary<string, string[]> { ["opinion"] = ["the reviewer's opinion (审核意见) is required."] });
        // Two pairs of eyes: whoever took the application in may not also pass it.
        if (Caller.From(user).Sub == application.AcceptedBySub)
            return Problems.Forbidden("same-person-review", "The clerk who accepted an application may not review it.");
        if (application.Status != ApplicationStatus.Accepted)
            return Problems.Refused("not-awaiting-review", $"Application {application.Number} is {application.Status.ToString().ToLowerInvariant()}, not awaiting review.");
        return WolverineContinue.NoProblems;
    }

    [Authorize(Roles = Roles.Reviewer)]
    [WolverinePost("/api/applications/{id}/review")]
    [Tags("Applications")]
    [EndpointSummary("Review an application (审核): approve or reject with an opinion")]
    public static ApplicationReviewedResponse Post(ReviewApplication command, IEventStream<Application> file, ClaimsPrincipal user, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        file.AppendOne(new ApplicationReviewed(file.Key!, command.Decision!.Value, command.Opinion!.Trim(), now, Caller.From(user).Signature));
        var status = command.Decision == ReviewDecision.Approve ? ApplicationStatus.Approved : ApplicationStatus.Rejected;
        return new ApplicationReviewedResponse(file.Key!, status, now);
    }
}
