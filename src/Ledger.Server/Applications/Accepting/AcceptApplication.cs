using System.Security.Claims;
using System.Text.Json;
using Ledger.Access;
using Ledger.Applications.Kinds;
using Ledger.Hosting;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Values;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Applications.Accepting;

public sealed record AcceptApplication(string? Type, string? UnitCode, IReadOnlyList<ApplicantForm>? Applicants, JsonElement? Details);

public sealed record ApplicantForm(string? Name, string? IdNumber);

public sealed record ApplicationAcceptedResponse(string ApplicationId, string Number, ApplicationStatus Status, DateTimeOffset AcceptedAt)
    : CreationResponse($"/api/applications/{ApplicationId}");

/// <summary>The application read and checked at the counter, before anything is written.</summary>
public sealed record Intake(ApplicationType Type, Unit Unit, IReadOnlyList<Applicant> Applicants, ApplicationDetails Details);

/// <summary><c>POST /api/applications</c>: a clerk of the unit's office takes in an application (受理).</summary>
public static class AcceptApplicationEndpoint
{
    static readonly string KnownTypes = string.Join(", ", Enum.GetValues<ApplicationType>().Select(t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.ToString())));

    public static async Task<(Intake?, ProblemDetails)> LoadAsync(AcceptApplication? command, ClaimsPrincipal user, IQuerySession session, CancellationToken ct)
    {
        if (command is null) return (null, Problems.Invalid("malformed-request", "Send the application as JSON."));
        if (!TryReadType(command.Type, out var type))
            return (null, Problems.Invalid("invalid-application-type", $"type must be one of: {KnownTypes}."));
        if (!UnitCode.TryParse(command.UnitCode, out var code, out var codeError))
            return (null, Problems.Invalid("invalid-unit-code", codeError!, new Dictionary<string, string[]> { ["unitCode"] = [codeError!] }));
        var caller = Caller.From(user);
        if (caller.Office != code!.County)
            return (null, Problems.Forbidden("office-mismatch", $"Unit {code.Value} belongs to office {code.County}; yours is {caller.Office}."));
        if (await session.LoadAsync<Unit>(code.Value, ct) is not { } unit)
            return (null, Problems.NotFound("unit-not-found", $"The register holds no unit {code.Value}."));

        var form = new DetailsForm([]);
        var applicants = ReadApplicants(command.Applicants, form);
        ApplicationDetails? details = command.Details is not { ValueKind: JsonValueKind.Object } json
            ? null
            : type switch
            {
                ApplicationType.FirstRegistration => FirstRegistrationDetails.Read(json, code, form),
                ApplicationType.Transfer => TransferDetails.Read(json, code, form),
                ApplicationType.Mortgage => MortgageDetails.Read(json, code, form),
                ApplicationType.MortgageDischarge => MortgageDischargeDetails.Read(json, form),
                ApplicationType.Seizure => SeizureDetails.Read(json, form),
                ApplicationType.SeizureRelease => SeizureReleaseDetails.Read(json, form),
                ApplicationType.Objection => ObjectionDetails.Read(json, form),
                ApplicationType.ObjectionLawsuit => ObjectionLawsuitDetails.Read(json, form),
                ApplicationType.ObjectionCancellation => ObjectionCancellationDetails.Read(json, form),
                ApplicationType.AdvanceNotice => AdvanceNoticeDetails.Read(json, form),
                ApplicationType.AdvanceNoticeCancellation => AdvanceNoticeCancellationDetails.Read(json, form),
                ApplicationType.Change => ChangeDetails.Read(json, form),
                ApplicationType.Cancellation => CancellationDetails.Read(json, form),
                ApplicationType.Correction => CorrectionDetails.Read(json, code, form),
                ApplicationType.Easement => EasementDetails.Read(json, code, form),
                ApplicationType.Split => SplitDetails.Read(json, code, form),
                ApplicationType.Merge => MergeDetails.Read(json, code, form),
                _ => throw new ArgumentOutOfRangeException(nameof(command), type, "every application type has a reader"),
            };
        if (command.Details is not { ValueKind: JsonValueKind.Object }) form.Fail("details", "details is an object; see the contract for this type.");
        if (form.Errors.Count > 0 || details is null)
            return (null, Problems.Invalid(form.Code ?? "invalid-application", "The application is incomplete or has invalid values.", form.Errors));
        if (details is not CorrectionDetails && ClosedUnit.Refusal(unit) is { } closed)
            return (null, Problems.Refused(closed.Code, closed.Detail));
        if (details.CheckAtCounter(unit) is { } refusal)
            return (null, Problems.Invalid(refusal.Code, refusal.Detail));
        return (new Intake(type, unit, applicants, details), WolverineContinue.NoProblems);
    }

    [Authorize(Roles = Roles.Clerk)]
    [WolverinePost("/api/applications")]
    [Tags("Applications")]
    [EndpointSummary("Accept an application (受理); fixes its priority")]
    public static async Task<ApplicationAcceptedResponse> Post(
        AcceptApplication command, Intake intake, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        var now = clock.GetUtcNow();
        var sequence = await NumberSeries.IssueAsync(session, intake.Unit.Office, RegistryTime.Year(now), Series.Application, ct);
        var number = $"{intake.Unit.Office}{RegistryTime.Year(now)}{sequence:D7}";
        var id = Guid.CreateVersion7(now).ToString();

        session.Events.StartStream<Application>(id, new ApplicationAccepted(
            id, number, intake.Unit.Office, intake.Type, intake.Unit.Id, intake.Applicants, intake.Details, now, caller.Signature, caller.Sub,
            intake.Details.OtherUnits(intake.Unit) is { Count: > 0 } others ? others : null));
        return new ApplicationAcceptedResponse(id, number, ApplicationStatus.Accepted, now);
    }

    static bool TryReadType(string? text, out ApplicationType type)
    {
        type = default;
        if (text is null) return false;
        try
        {
            type = JsonSerializer.Deserialize<ApplicationType>($"\"{JsonEncodedText.Encode(text)}\"", LedgerJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    static List<Applicant> ReadApplicants(IReadOnlyList<ApplicantForm>? forms, DetailsForm form)
    {
        if (forms is not { Count: > 0 }) form.Fail("applicants", "at least one applicant is required.");
        var applicants = new List<Applicant>();
        for (var i = 0; i < (forms?.Count ?? 0); i++)
        {
            var a = forms![i];
            if (string.IsNullOrWhiteSpace(a.Name)) form.Fail($"applicants[{i}].name", "the applicant's name is required.");
            if (!PartyNumber.TryNormalize(a.IdNumber, out var id, out var error)) form.Fail($"applicants[{i}].idNumber", error!);
            else if (!string.IsNullOrWhiteSpace(a.Name)) applicants.Add(new Applicant(a.Name.Trim(), id!));
        }
        return applicants;
    }
}
