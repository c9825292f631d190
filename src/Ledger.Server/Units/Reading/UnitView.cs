using Ledger.Access;
using Ledger.Applications;
using Ledger.Values;
using NetTopologySuite.Geometries;

namespace Ledger.Units.Reading;

public enum ViewCut { Full, Holder, Party, Prospect }

/// <summary>Who sees which cut of a unit (DOMAIN.md "Who may see what"); null: nothing.</summary>
public static class ViewCuts
{
    public static ViewCut? For(Caller caller, Unit unit) => caller.Role switch
    {
        Roles.Holder => caller.IsHolderOf(unit) ? ViewCut.Holder : null,
        // A bank holding a mortgage in force on the unit holds a right in it (抵押权人): it reads the registration results
        // as an interested party whose relation the register itself proves. Any other bank checks the unit's status
        // before lending, as an intending lender: the physical description and the flags (DOMAIN.md "Sharing").
        Roles.Bank => caller.IsMortgageeOf(unit) ? ViewCut.Party : ViewCut.Prospect,
        _ => ByRole(caller),
    };

    /// <summary>The cut that the caller's role alone decides, whatever the unit; null for a holder and a bank (it depends on the unit) and for roles that see nothing.</summary>
    public static ViewCut? ByRole(Caller caller) => caller.Role switch
    {
        Roles.Clerk or Roles.Reviewer or Roles.Auditor or Roles.Agency => ViewCut.Full,
        Roles.Party => ViewCut.Party,
        Roles.Prospect => ViewCut.Prospect,
        _ => null,
    };
}

public sealed record HolderView(string Name, string IdNumber, string? Share);

public sealed record OwnershipView(
    string RightType, string RightTypeName, CoOwnership CoOwnership, IReadOnlyList<HolderView> Holders, Term? Term,
    string CertificateNumber, DateTimeOffset RecordedAt);

public sealed record MortgageView(
    string MortgageId, int Rank, Mortgagee Mortgagee, decimal? Amount, decimal? MaximumAmount, Term Term,
    bool RestrictsTransfer, string ProofNumber, DateTimeOffset RecordedAt);

public sealed record SeizureView(string SeizureId, string Court, string CaseNumber, SeizureState State, Term? Term, DateTimeOffset RecordedAt);

public sealed record LawsuitView(string Court, string CaseNumber, DateTimeOffset RecordedAt);

public sealed record ObjectionView(string ObjectionId, Party Objector, string Reason, LawsuitView? Lawsuit, DateTimeOffset? LapsesAt, string ProofNumber, DateTimeOffset RecordedAt);

public sealed record AdvanceNoticeView(string AdvanceNoticeId, AdvanceNoticeKind Kind, Party Beneficiary, DateOnly? PossibleFrom, DateTimeOffset? LapsesAt, string ProofNumber, DateTimeOffset RecordedAt);

public sealed record EasementView(string EasementId, EasementSide Side, string OtherUnitCode, string Purpose, Term? Term, string ProofNumber, DateTimeOffset RecordedAt);

public sealed record Flags(bool Seized, bool Mortgaged, bool Objection, bool AdvanceNotice, bool Easement);

public sealed record PendingApplicationView(string ApplicationId, string Number, ApplicationType Type, DateTimeOffset AcceptedAt);

public sealed record Lineage(IReadOnlyList<string> Parents, IReadOnlyList<string> Children);

/// <summary>The unit as the register reads at <see cref="AsOf"/>, cut to what the caller may see (API.md "Units").</summary>
public sealed record UnitView
{
    static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Hosting.RegistryTime.Offset).DateTime);

    public required string UnitCode { get; init; }
    public UnitKind Kind { get; init; }
    public ViewCut View { get; init; }
    public UnitStatus Status { get; init; }
    public required string Location { get; init; }
    public decimal Area { get; init; }
    public required string Use { get; init; }
    public required Flags Flags { get; init; }
    public Geometry? Geometry { get; init; }
    public int? Version { get; init; }
    public DateTimeOffset? AsOf { get; init; }
    public string? ParentUnitCode { get; init; }
    public OwnershipView? Ownership { get; init; }
    public IReadOnlyList<MortgageView>? Mortgages { get; init; }
    public IReadOnlyList<SeizureView>? Seizures { get; init; }
    public IReadOnlyList<ObjectionView>? Objections { get; init; }
    public IReadOnlyList<AdvanceNoticeView>? AdvanceNotices { get; init; }
    public IReadOnlyList<EasementView>? Easements { get; init; }
    public IReadOnlyList<PendingApplicationView>? PendingApplications { get; init; }
    public Lineage? Lineage { get; init; }

    public static UnitView Of(Unit unit, ViewCut cut, DateTimeOffset asOf, IEnumerable<Application> pending, Disclosure disclosure)
    {
        var seizures = EncumbrancesAt.Seizures(unit, asOf);
        var objections = EncumbrancesAt.Objections(unit, asOf);
        var notices = EncumbrancesAt.AdvanceNotices(unit, asOf);
        var easements = EncumbrancesAt.Easements(unit, asOf);
        var flags = new Flags(Seized: seizures.Any(s => s.State == SeizureState.InForce), Mortgaged: unit.Mortgages.Length > 0,
            Objection: objections.Count > 0, AdvanceNotice: notices.Count > 0, Easement: easements.Count > 0);
        var view = new UnitView
        {
            UnitCode = unit.Id, Kind = unit.Kind, View = cut, Status = unit.Status, Location = unit.Location, Area = unit.Area,
            Use = unit.Use, Flags = flags,
        };
        if (cut == ViewCut.Prospect) return view;

        return view with
        {
            Geometry = unit.Geometry,
            Version = unit.Version,
            AsOf = asOf,
            ParentUnitCode = unit.ParentUnitCode,
            Ownership = unit.Ownership is { } o
                ? new OwnershipView(o.RightType, RightType.TryParse(o.RightType, out var t) ? t!.Name : o.RightType, o.CoOwnership,
                    [.. o.Holders.Select(h => new HolderView(h.Name, disclosure.IdNumber(h.IdNumber), h.Share))], o.Term,
                    o.CertificateNumber, o.RecordedAt)
                : null,
            Mortgages = [.. unit.Mortgages.Select((m, i) => new MortgageView(m.MortgageId, i + 1, m.Mortgagee, m.Amount, m.MaximumAmount,
                m.Term, m.RestrictsTransfer, m.ProofNumber, m.RecordedAt))],
            Seizures = [.. seizures.Select(s => new SeizureView(s.Seizure.SeizureId, s.Seizure.Court, s.Seizure.CaseNumber, s.State,
                s.TakesEffectAt is { } from && s.EndsAt is { } to ? new Term(DateOf(from), DateOf(to).AddDays(-1)) : null, s.Seizure.RecordedAt))],
            Objections = [.. objections.Select(o => new ObjectionView(o.ObjectionId, o.Objector with { IdNumber = disclosure.IdNumber(o.Objector.IdNumber) },
                o.Reason, o.Lawsuit is { } l ? new LawsuitView(l.Court, l.CaseNumber, l.RecordedAt) : null, o.LapsesAt, o.ProofNumber, o.RecordedAt))],
            AdvanceNotices = [.. notices.Select(n => new AdvanceNoticeView(n.AdvanceNoticeId, n.Kind, n.Beneficiary with { IdNumber = disclosure.IdNumber(n.Beneficiary.IdNumber) },
                n.PossibleFrom, n.LapsesAt, n.ProofNumber, n.RecordedAt))],
            Easements = [.. easements.Select(e => new EasementView(e.EasementId, e.Side, e.OtherUnitCode, e.Purpose, e.Term, e.ProofNumber, e.RecordedAt))],
            PendingApplications = [.. pending.OrderBy(a => a.AcceptedAt).ThenBy(a => a.Number, StringComparer.Ordinal)
                .Select(a => new PendingApplicationView(a.Id, a.Number, a.Type, a.AcceptedAt))],
            Lineage = new Lineage([.. unit.DerivedFrom], [.. unit.SucceededBy]),
        };
    }
}
