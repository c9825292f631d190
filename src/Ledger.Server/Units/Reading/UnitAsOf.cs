using JasperFx.Events;
using Ledger.Legacy;
using Marten;

namespace Ledger.Units.Reading;

/// <summary>
/// A unit folded as it read at an instant. A sentence takes effect when it was committed, except the import's own
/// sentences: they take effect at the original dates the old register gives (decisions.md "Imported units in time").
/// They open the stream and their dates precede the import, so what was in force at an instant is always a prefix.
/// </summary>
public static class UnitAsOf
{
    public static async Task<Unit?> FoldAsync(IQuerySession session, string unitCode, DateTimeOffset instant, CancellationToken ct)
    {
        var unit = await session.Events.AggregateStreamAsync<Unit>(unitCode, timestamp: instant, token: ct);
        if (unit is { Provenance: null }) return unit;

        var events = await session.Events.FetchStreamAsync(unitCode, token: ct);
        if (events.Count == 0 || events[0].Data is not UnitImported) return unit;
        var inForce = events.TakeWhile(e => EffectiveAt(e) <= instant).ToList();
        return inForce.Count == 0 ? null : await session.Events.AggregateStreamAsync<Unit>(unitCode, version: inForce[^1].Version, token: ct);
    }

    public static DateTimeOffset EffectiveAt(IEvent e) => e.Data switch
    {
        UnitImported i => i.EstablishedAt,
        FirstRegistrationRecorded r when Imported.IsImport(r.ApplicationId) => r.RecordedAt,
        MortgageRecorded m when Imported.IsImport(m.ApplicationId) => m.RecordedAt,
        _ => e.Timestamp,
    };
}
