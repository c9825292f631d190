using JasperFx;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Ledger.Units.Lapsing;

public enum LapseKind { Objection, AdvanceNotice, Seizure }

/// <summary>
/// A durable, scheduled reminder: "look at this encumbrance when it may have lapsed". Scheduled in the
/// recording's own transaction (Wolverine's outbox), so it survives restarts; handling it twice writes once.
/// </summary>
public sealed record LapseFallsDue(string UnitCode, LapseKind Kind, string Id);

/// <summary>What a reminder finds: a lapse to write into the history, and/or when to look again.</summary>
public sealed record LapseDecision(object? Lapse, DateTimeOffset? LookAgainAt);

public static class Lapsing
{
    public const string Recorder = "system:lapse";

    /// <summary>Pure: the unit as it stands, the reminder, the time — no database, no clock.</summary>
    public static LapseDecision Decide(Unit unit, LapseFallsDue due, DateTimeOffset now)
    {
        switch (due.Kind)
        {
            case LapseKind.Objection:
                var o = unit.Objections.FirstOrDefault(x => x.ObjectionId == due.Id);
                if (o is null || o.LapseRecorded || o.CancelledAt is not null || o.LapsesAt is not { } objectionLapse) return new(null, null);
                return now < objectionLapse
                    ? new(null, objectionLapse)
                    : new(new ObjectionLapsed(unit.Office, o.ObjectionId, objectionLapse, now, Recorder), null);

            case LapseKind.AdvanceNotice:
                var n = unit.AdvanceNotices.FirstOrDefault(x => x.AdvanceNoticeId == due.Id);
                if (n is null || n.LapseRecorded || n.EndedAt is not null || n.LapsesAt is not { } noticeLapse) return new(null, null);
                return now < noticeLapse
                    ? new(null, noticeLapse)
                    : new(new AdvanceNoticeLapsed(unit.Office, n.AdvanceNoticeId, noticeLapse, now, Recorder), null);

            default:
                var period = EncumbrancesAt.Timeline(unit, now).FirstOrDefault(p => p.Seizure.SeizureId == due.Id);
                if (period is null || period.Seizure.EndRecorded || period.Seizure.ReleasedAt is not null) return new(null, null);
                if (now < period.Start) return new(null, period.Start);
                return now < period.End
                    ? new(null, period.End)
                    : new(new SeizureEnded(unit.Office, period.Seizure.SeizureId, period.End, now, Recorder), null);
        }
    }

    /// <summary>The reminders a recording sets: one per encumbrance that can lapse by itself.</summary>
    public static IEnumerable<object> RemindersFor(string unitCode, object recorded) => recorded switch
    {
        ObjectionRecorded o => [new LapseFallsDue(unitCode, LapseKind.Objection, o.ObjectionId).ScheduledAt(o.RecordedAt + Objection.LapsesAfter)],
        AdvanceNoticeRecorded { PossibleFrom: not null } n =>
            [new LapseFallsDue(unitCode, LapseKind.AdvanceNotice, n.AdvanceNoticeId).ScheduledAt(
                new AdvanceNotice(n.AdvanceNoticeId, n.Kind, n.Beneficiary, n.PossibleFrom, n.ProofNumber, n.RecordedAt).LapsesAt!.Value)],
        // A seizure's end depends on the queue; the first look works it out and schedules the next.
        SeizureRecorded s => [new LapseFallsDue(unitCode, LapseKind.Seizure, s.SeizureId)],
        // A new unit of a split or merge watches the encumbrances it carries over from their original instants.
        UnitDerived d => [
            .. d.Carried.Objections.Where(o => o.LapsesAt is not null)
                .Select(o => new LapseFallsDue(unitCode, LapseKind.Objection, o.ObjectionId).ScheduledAt(o.LapsesAt!.Value)),
            .. d.Carried.AdvanceNotices.Where(n => n.LapsesAt is not null)
                .Select(n => new LapseFallsDue(unitCode, LapseKind.AdvanceNotice, n.AdvanceNoticeId).ScheduledAt(n.LapsesAt!.Value)),
        ],
        _ => [],
    };
}

/// <summary>Handles a reminder: writes the lapse if it fell due, or schedules the next look.</summary>
public static class LapseFallsDueHandler
{
    public static async Task<OutgoingMessages> Handle(LapseFallsDue due, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var stream = await session.Events.FetchForWriting<Unit>(due.UnitCode, ct);
        if (stream.Aggregate is not { } unit) return messages;
        var decision = Lapsing.Decide(unit, due, clock.GetUtcNow());
        if (decision.Lapse is { } lapse)
        {
            session.LastModifiedBy = Lapsing.Recorder;
            stream.AppendOne(lapse);
        }
        if (decision.LookAgainAt is { } at) messages.Add(due.ScheduledAt(at));
        return messages;
    }

    /// <summary>A recording on the same unit at the same moment: try again shortly; nothing was written.</summary>
    public static void Configure(Wolverine.Runtime.Handlers.HandlerChain chain) =>
        chain.OnException<ConcurrencyException>().RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(1));
}
