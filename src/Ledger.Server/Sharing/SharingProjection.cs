using JasperFx.Events;
using Ledger.Units;
using Marten;
using Marten.Events.Projections;

namespace Ledger.Sharing;

/// <summary>
/// The tax feed, the bank feeds and the open statistics, folded from every unit's stream by the async daemon in
/// global sequence order and only up to its high-water mark (a recording still committing holds the mark back, so a
/// later one is never served before it). Never on the recording path; rebuildable from the events alone: everything
/// it needs to know about a unit at the moment of a recording (its area, who held mortgages on it) is folded from
/// that unit's earlier events, never read from today's views.
/// </summary>
/// <remarks>
/// The daemon applies one batch after another, each committed with its progress mark, so <see cref="SharedUnit"/> and
/// <see cref="MonthlyTally"/> rows loaded at the start of a batch are exactly what the earlier batches wrote.
/// </remarks>
public sealed class SharingProjection : IProjection
{
    public const string Name = "sharing";

    /// <summary>The events it folds; the daemon fetches no others for it.</summary>
    public static readonly Type[] EventTypes =
    [
        typeof(UnitEstablished), typeof(Legacy.UnitImported), typeof(UnitDerived), typeof(ChangeRecorded), typeof(CorrectionRecorded), typeof(FirstRegistrationRecorded),
        typeof(TransferRecorded), typeof(MortgageRecorded), typeof(MortgageDischarged), typeof(SeizureRecorded), typeof(SeizureReleased),
        typeof(ObjectionRecorded), typeof(AdvanceNoticeRecorded), typeof(UnitSplit), typeof(UnitMerged), typeof(UnitCancelled),
    ];

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // Only unit events reach it (EventTypes): every stream key is a unit code.
        var unitCodes = events.Select(e => e.StreamKey!).Distinct(StringComparer.Ordinal).ToArray();
        if (unitCodes.Length == 0) return;

        var units = (await operations.LoadManyAsync<SharedUnit>(cancellation, unitCodes)).ToDictionary(u => u.Id, StringComparer.Ordinal);
        var changedUnits = new HashSet<string>(StringComparer.Ordinal);
        var tallies = new Dictionary<string, MonthlyTally>(StringComparer.Ordinal);

        foreach (var e in events)
        {
            var code = e.StreamKey!;
            units.TryGetValue(code, out var unit);
            var next = Apply(operations, e, code, unit, units, tallies);
            if (next is not null && !ReferenceEquals(next, unit))
            {
                units[code] = next;
                changedUnits.Add(code);
            }
        }

        foreach (var code in changedUnits) operations.Store(units[code]);
        if (tallies.Count == 0) return;

        var stored = (await operations.LoadManyAsync<MonthlyTally>(cancellation, tallies.Keys.ToArray())).ToDictionary(t => t.Id, StringComparer.Ordinal);
        foreach (var (id, added) in tallies)
            operations.Store(stored.TryGetValue(id, out var before)
                ? before with { Count = before.Count + added.Count, Sum = before.Sum + added.Sum, Area = before.Area + added.Area }
                : added);
    }

    static SharedUnit? Apply(
        IDocumentOperations operations, IEvent e, string code, SharedUnit? unit, Dictionary<string, SharedUnit> units,
        Dictionary<string, MonthlyTally> tallies)
    {
        var seq = e.Sequence;
        switch (e.Data)
        {
            case UnitEstablished u:
                return new SharedUnit(code, u.Area, []);

            case Legacy.UnitImported imported:
                // An imported unit is first-class: its first registration and mortgage (written by the import at their
                // original dates) count in the statistics of those months and reach the bank; no import is a transfer.
                return new SharedUnit(code, imported.Area, []);

            case UnitDerived d:
                // A part or a merged unit carries its parents' mortgages: their banks go on seeing its recordings.
                return new SharedUnit(code, d.Area, [.. d.Carried.Mortgages.Select(m => new SharedMortgage(m.MortgageId, Bank(m.Mortgagee.Code)))]);

            case ChangeRecorded { Area: { } area } when unit is not null:
                return unit with { Area = area };

            case CorrectionRecorded { Corrected.Area: { } area } when unit is not null:
                return unit with { Area = area };

            case FirstRegistrationRecorded r:
                Tally(tallies, code, r.RecordedAt, Tallied.FirstRegistration, 0m, 0m);
                return unit;

            case TransferRecorded t:
            {
                var area = unit?.Area;
                var item = new TransferItem("transfer", t.RecordedAt, code, t.Office, t.ApplicationId, t.Reason, t.Price, area, t.From,
                    t.CoOwnership, t.To, t.CertificateNumber, t.SupersededCertificateNumber, t.AlsoOn);
                operations.Store(FeedItem.For(Audience.Tax, seq, code, item));
                ToBanks(operations, unit, seq, code, item);
                // Units passing together are one sale: counted once, on the first of them by code.
                if (Leads(code, t.AlsoOn))
                    Tally(tallies, code, t.RecordedAt, Tallied.Transfer, t.Price ?? 0m, t.Price is null ? 0m : area ?? 0m);
                return unit;
            }

            case MortgageRecorded m:
            {
                var bank = Bank(m.Mortgagee.Code);
                var item = new MortgageItem("mortgage", m.RecordedAt, code, m.Office, m.ApplicationId, m.MortgageId, m.Mortgagee,
                    m.Amount, m.MaximumAmount, m.Term, m.RestrictsTransfer, m.ProofNumber, m.AlsoOn);
                operations.Store(FeedItem.For(Audience.Bank(bank), seq, code, item));
                if (Leads(code, m.AlsoOn))
                    Tally(tallies, code, m.RecordedAt, Tallied.Mortgage, m.Amount ?? m.MaximumAmount ?? 0m, 0m);
                var known = unit ?? new SharedUnit(code, 0m, []);
                return known with { Mortgages = [.. known.Mortgages, new SharedMortgage(m.MortgageId, bank)] };
            }

            case MortgageDischarged d:
            {
                // Only the mortgagee hears of its own mortgage's discharge.
                if (unit?.Mortgages.FirstOrDefault(m => m.MortgageId == d.MortgageId) is { } discharged)
                    operations.Store(FeedItem.For(Audience.Bank(discharged.Bank), seq, code,
                        new MortgageDischargeItem("mortgage-discharged", d.RecordedAt, code, d.Office, d.ApplicationId, d.MortgageId)));
                return unit;
            }

            case SeizureRecorded s:
                ToBanks(operations, unit, seq, code,
                    new SeizureItem("seizure", s.RecordedAt, code, s.Office, s.ApplicationId, s.SeizureId, s.Court, s.CaseNumber, s.Term));
                Tally(tallies, code, s.RecordedAt, Tallied.Seizure, 0m, 0m);
                return unit;

            case SeizureReleased r:
                ToBanks(operations, unit, seq, code,
                    new SeizureItem("seizure-released", r.RecordedAt, code, r.Office, r.ApplicationId, r.SeizureId, null, r.CaseNumber, null));
                return unit;

            case ObjectionRecorded o:
                ToBanks(operations, unit, seq, code,
                    new ObjectionItem("objection", o.RecordedAt, code, o.Office, o.ApplicationId, o.ObjectionId, o.Objector, o.Reason, o.ProofNumber));
                return unit;

            case AdvanceNoticeRecorded n:
                ToBanks(operations, unit, seq, code,
                    new AdvanceNoticeItem("advance-notice", n.RecordedAt, code, n.Office, n.ApplicationId, n.AdvanceNoticeId, n.Kind,
                        n.Beneficiary, n.PossibleFrom, n.ProofNumber));
                return unit;

            case UnitSplit split:
                ToBanks(operations, unit, seq, code,
                    new UnitClosedItem("unit-split", split.RecordedAt, code, split.Office, split.ApplicationId, split.Parts, null));
                return unit;

            case UnitMerged merged:
                ToBanks(operations, unit, seq, code,
                    new UnitClosedItem("unit-merged", merged.RecordedAt, code, merged.Office, merged.ApplicationId, [merged.Into], null));
                return unit;

            case UnitCancelled cancelled:
                ToBanks(operations, unit, seq, code,
                    new UnitClosedItem("unit-cancelled", cancelled.RecordedAt, code, cancelled.Office, cancelled.ApplicationId, null, cancelled.Reason));
                return unit;

            default:
                return unit;
        }
    }

    /// <summary>Every bank that holds or held a mortgage on the unit before this recording.</summary>
    static void ToBanks(IDocumentOperations operations, SharedUnit? unit, long seq, string code, object item)
    {
        if (unit is null) return;
        foreach (var bank in unit.Banks) operations.Store(FeedItem.For(Audience.Bank(bank), seq, code, item));
    }

    static string Bank(string creditCode) => creditCode.ToUpperInvariant();

    static bool Leads(string code, IReadOnlyList<string>? alsoOn) =>
        alsoOn is null || alsoOn.All(other => string.CompareOrdinal(code, other) < 0);

    static void Tally(Dictionary<string, MonthlyTally> tallies, string code, DateTimeOffset at, string kind, decimal sum, decimal area)
    {
        var county = code[..6];
        var month = at.ToOffset(Ledger.Hosting.RegistryTime.Offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var id = MonthlyTally.Key(county, month, kind);
        tallies[id] = tallies.TryGetValue(id, out var t)
            ? t with { Count = t.Count + 1, Sum = t.Sum + sum, Area = t.Area + area }
            : new MonthlyTally(id, county, month, kind, 1, sum, area);
    }
}
