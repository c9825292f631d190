using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Units.Holdings;

/// <summary>
/// One person's (or organisation's) holding in one unit as the register reads now: the row behind
/// <c>GET /api/holders/{idNumber}/units</c>. Keyed by holder and unit, so that recordings on different units of the
/// same holder, committing at the same moment, never write the same row.
/// </summary>
public sealed record Holding(string Id, string IdNumber, string UnitCode, string? Share)
{
    public static Holding Of(string unitCode, Holder holder) => new($"{holder.IdNumber}:{unitCode}", holder.IdNumber, unitCode, holder.Share);
}

/// <summary>
/// Who holds what, across every unit's stream, kept inline: right the moment a recording commits. Each event that
/// changes a unit's holders replaces that unit's rows; a unit closed by a split, merge or cancellation is held by no one.
/// A rename changes no holding (the identity number stays).
/// </summary>
public sealed partial class Holdings : EventProjection
{
    public Holdings()
    {
        // Only the sentences that move a right: every other event of a unit (and the query log) passes by.
        IncludeType<FirstRegistrationRecorded>();
        IncludeType<TransferRecorded>();
        IncludeType<CorrectionRecorded>();
        IncludeType<UnitDerived>();
        IncludeType<UnitSplit>();
        IncludeType<UnitMerged>();
        IncludeType<UnitCancelled>();
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var unit = e.StreamKey!;
        switch (e.Data)
        {
            // The first right in a unit: nobody held it before, so there are no rows to replace (one statement per
            // holder, not a delete first: a legacy import records hundreds of thousands of these).
            case FirstRegistrationRecorded r:
                foreach (var holder in r.Holders) operations.Store(Holding.Of(unit, holder));
                break;
            case TransferRecorded t:
                HeldBy(operations, unit, t.To);
                break;
            case CorrectionRecorded { Corrected.Holders: { } holders }:
                HeldBy(operations, unit, holders);
                break;
            case UnitDerived { Carried.Ownership: { } carried } d:
                HeldBy(operations, d.UnitCode, carried.Holders);
                break;
            case UnitSplit or UnitMerged or UnitCancelled:
                operations.DeleteWhere<Holding>(h => h.UnitCode == unit);
                break;
        }
        return ValueTask.CompletedTask;
    }

    static void HeldBy(IDocumentOperations operations, string unit, IEnumerable<Holder> holders)
    {
        operations.DeleteWhere<Holding>(h => h.UnitCode == unit);
        foreach (var holder in holders) operations.Store(Holding.Of(unit, holder));
    }
}
