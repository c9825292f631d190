using System.Security.Claims;
using Ledger.Access;
using Ledger.Hosting;
using Ledger.Numbers;
using Ledger.Units;
using Ledger.Units.Lapsing;
using Wolverine;
using Ledger.Values;
using Marten;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Applications.Recording;

public sealed record ApplicationRecordedResponse(
    string ApplicationId, ApplicationStatus Status, DateTimeOffset RecordedAt, long UnitVersion,
    string? CertificateNumber, string? ProofNumber, IReadOnlyList<string>? CertificateNumbers = null);

/// <summary>Both streams opened for writing: each refuses to save if another recording moved it meanwhile.</summary>
public sealed record RecordingCase(
    IEventStream<Application> File, IEventStream<Unit> Unit, IReadOnlyDictionary<string, IEventStream<Unit>> Others,
    IReadOnlyList<Application> Pending, DateTimeOffset Now);

/// <summary>
/// <c>POST /api/applications/{id}/record</c>: 登簿. Checks the register's rules against the unit as it
/// stands, then appends to the unit and the application file and issues the number in one transaction.
/// </summary>
public static class RecordApplicationEndpoint
{
    public static async Task<(RecordingCase?, ProblemDetails)> LoadAsync(
        string id, HttpContext http, ClaimsPrincipal user, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (!UnitVersionTag.TryRead(http.Request.Headers.IfMatch, out var expected))
            return (null, Problems.Invalid("invalid-if-match", "If-Match carries the unit's version as read, e.g. \"4\"."));
        var (file, problem) = await ApplicationFiles.OpenForOfficeAsync(id, user, session, ct);
        if (file is null) return (null, problem);
        var application = file.Aggregate!;

        // One round trip for everything else the decision reads: the units the application holds a place on (its own and
        // the others named at acceptance), the applications queued on them, and the file's version once more.
        var batch = session.CreateBatchQuery();
        var unitRead = batch.Events.FetchForWriting<Unit>(application.UnitCode);
        var othersRead = application.Queues.Where(c => c != application.UnitCode).Distinct()
            .ToDictionary(c => c, c => batch.Events.FetchForWriting<Unit>(c));
        var queued = batch.Query<Application>("where queues && ?::varchar[]", new object[] { application.Queues.ToArray() });
        var fileNow = batch.Events.FetchStreamState(id);
        await batch.Execute(ct);

        var unit = await unitRead;
        if (expected is { } version && unit.Aggregate?.Version != version)
            return (null, Problems.Refused("concurrency-conflict",
                $"Unit {unit.Key} is at version {unit.Aggregate?.Version}, not {version} as read; read it again before recording."));
        var others = new Dictionary<string, IEventStream<Unit>>();
        foreach (var other in unit.Aggregate is { } u ? application.Details.OtherUnits(u) : [])
            others[other] = othersRead.TryGetValue(other, out var read) ? await read : await session.Events.FetchForWriting<Unit>(other, ct);
        // The units it writes on now are those it queued on at acceptance, but for a discharge of a mortgage re-registered since.
        IReadOnlyList<Application> pending = others.Keys.All(application.Queues.Contains)
            ? [.. (await queued).Where(a => a.IsPending)]
            : await PendingQueues.OnAsync(session, [application.UnitCode, .. others.Keys], ct);
        // The file was read before the units: if another recording committed in between, the units read may already
        // carry it while the file does not. The file's version, read again with the units, tells.
        if ((await fileNow)?.Version != application.Version)
            return (null, Problems.Refused("concurrency-conflict",
                $"Application {application.Number} changed while it was being recorded; nothing was recorded. Read it again."));
        return (new RecordingCase(file, unit, others, pending, clock.GetUtcNow()), WolverineContinue.NoProblems);
    }

    public static ProblemDetails Validate([NotBody] RecordingCase recording) =>
        RecordingDecision.Check(recording.File.Aggregate!, recording.Unit.Aggregate!, recording.Pending, recording.Now,
            recording.Others.ToDictionary(o => o.Key, o => o.Value.Aggregate)) is { } refusal
            ? Problems.Refused(refusal.Code, refusal.Detail)
            : WolverineContinue.NoProblems;

    [Authorize(Roles = Roles.Reviewer)]
    [WolverinePost("/api/applications/{id}/record")]
    [Tags("Applications")]
    [EndpointSummary("Record an approved application in the register (登簿)")]
    public static async Task<(ApplicationRecordedResponse, OutgoingMessages)> Post(
        [NotBody] RecordingCase recording, ClaimsPrincipal user, IDocumentSession session, CancellationToken ct)
    {
        var (file, unitStream, now) = (recording.File, recording.Unit, recording.Now);
        var application = file.Aggregate!;
        var unit = unitStream.Aggregate!;

        IReadOnlyList<string> numbers = [];
        var series = application.Details.IssuesFrom(unit);
        if (series is { } issuing)
        {
            var year = RegistryTime.Year(now);
            var count = application.Details.NumbersIssued(unit);
            var last = await NumberSeries.IssueAsync(session, unit.Office, year, issuing, ct, count);
            var kind = issuing == Series.Certificate ? NumberKind.Certificate : NumberKind.Proof;
            Counties.TryGet(unit.Office, out var county);
            numbers = [.. Enumerable.Range(last - count + 1, count).Select(n => CertificateNumber.For(county!, year, kind, n).ToString())];
        }
        var number = numbers.Count > 0 ? numbers[0] : null;

        var by = Caller.From(user).Signature;
        var entry = new RegisterEntry(application.Id, unit.Office, now, by, number, numbers.Count > 0 ? numbers : null);
        var events = RecordingDecision.Events(application, unit, entry);
        unitStream.AppendMany(events);
        var others = recording.Others.ToDictionary(o => o.Key, o => o.Value.Aggregate);
        var onOthers = RecordingDecision.EventsOnOthers(application, unit, others, entry);
        foreach (var (other, e) in onOthers) recording.Others[other].AppendOne(e);
        var reminders = new OutgoingMessages();
        reminders.AddRange(events.SelectMany(e => Lapsing.RemindersFor(unit.Id, e)));
        reminders.AddRange(onOthers.SelectMany(o => Lapsing.RemindersFor(o.UnitCode, o.Event)));
        var unitVersion = unit.Version + events.Count;
        var certificate = series == Series.Certificate ? number : null;
        var proof = series == Series.Proof ? number : null;
        var certificates = series == Series.Certificate && numbers.Count > 1 ? numbers : null;
        file.AppendOne(new ApplicationRecorded(application.Id, unit.Id, unitVersion, certificate, proof, now, by, certificates));
        return (new ApplicationRecordedResponse(application.Id, ApplicationStatus.Recorded, now, unitVersion, certificate, proof, certificates), reminders);
    }
}
