using Ledger.Access;
using Ledger.Applications;
using Ledger.Values;
using NetTopologySuite.Geometries;

namespace Ledger.Units.Reading;

public enum ViewCut { Full, Holder, Party, Prospect }

public sealed record HolderView(string Name, string IdNumber, string? Share);

public sealed record OwnershipView(
    string RightType, string RightTypeName, CoOwnership CoOwnership, IReadOnlyList<HolderView> Holders, Term? Term,
    string CertificateNumber, DateTimeOffset RecordedAt);

public sealed record MortgageView(
    string MortgageId, int Rank, Mortgagee Mortgagee, decimal? Amount, decimal? MaximumAmount, Term Term,
    bool RestrictsTransfer, string ProofNumber, DateTimeOffset RecordedAt);

public sealed record Flags(bool Seized, bool Mortgaged, bool Objection, bool AdvanceNotice, bool Easement);

public sealed record PendingApplicationView(string ApplicationId, string Number, ApplicationType Type, DateTimeOffset AcceptedAt);

public sealed record Lineage(IReadOnlyList<string> Parents, IReadOnlyList<string> Children);

/// <summary>The unit as the register reads at <see cref="AsOf"/>, cut to what the caller may see (API.md "Units").</summary>
public sealed record UnitView
{
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
    public IReadOnlyList<object>? Seizures { get; init; }
    public IReadOnlyList<object>? Objections { get; init; }
    public IReadOnlyList<object>? AdvanceNotices { get; init; }
    public IReadOnlyList<object>? Easements { get; init; }
    public IReadOnlyList<PendingApplicationView>? PendingApplications { get; init; }
    public Lineage? Lineage { get; init; }

    public static UnitView Of(Unit unit, ViewCut cut, DateTimeOffset asOf, IEnumerable<Application> pending, Disclosure disclosure)
    {
        var flags = new Flags(Seized: false, Mortgaged: unit.Mortgages.Length > 0, Objection: false, AdvanceNotice: false, Easement: false);
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
            Seizures = [], Objections = [], AdvanceNotices = [], Easements = [],
            PendingApplications = [.. pending.OrderBy(a => a.AcceptedAt).ThenBy(a => a.Number, StringComparer.Ordinal)
                .Select(a => new PendingApplicationView(a.Id, a.Number, a.Type, a.AcceptedAt))],
            Lineage = new Lineage([], []),
        };
    }
}
