using System.Collections.Immutable;
using Ledger.Values;
using NetTopologySuite.Geometries;

namespace Ledger.Units;

/// <summary>Split and Merged close the unit like Cancelled: afterwards only corrections; its successors carry on.</summary>
public enum UnitStatus { Established, Registered, Cancelled, Split, Merged }

public sealed record Ownership(
    string RightType, CoOwnership CoOwnership, ImmutableArray<Holder> Holders, Term? Term,
    string CertificateNumber, DateTimeOffset RecordedAt);

public sealed record Mortgage(
    string MortgageId, Mortgagee Mortgagee, decimal? Amount, decimal? MaximumAmount, Term Term,
    bool RestrictsTransfer, string ProofNumber, DateTimeOffset RecordedAt, IReadOnlyList<string>? AlsoOn = null);

/// <summary>
/// A unit as its register page reads: folded from its stream (keyed by the 28-character unit code),
/// kept inline as the current view and re-folded to any earlier instant for as-of answers.
/// </summary>
public sealed record Unit
{
    public required string Id { get; init; }
    public int Version { get; init; }
    public required string Office { get; init; }
    public UnitKind Kind { get; init; }
    public UnitStatus Status { get; init; }
    public required string Location { get; init; }
    public decimal Area { get; init; }
    public required string Use { get; init; }
    public Geometry? Geometry { get; init; }
    /// <summary>The boundary's bounding box, kept as indexed columns: the candidate filter before the exact overlap test.</summary>
    public double? MinLon { get; init; }
    public double? MinLat { get; init; }
    public double? MaxLon { get; init; }
    public double? MaxLat { get; init; }
    public string? ParentUnitCode { get; init; }
    public Ownership? Ownership { get; init; }
    /// <summary>In force, in order of recording: that order is their rank (Civil Code art. 414).</summary>
    public ImmutableArray<Mortgage> Mortgages { get; init; } = [];
    /// <summary>Every seizure, objection and advance notice recorded; <see cref="EncumbrancesAt"/> says which are in force when.</summary>
    public ImmutableArray<Seizure> Seizures { get; init; } = [];
    public ImmutableArray<Objection> Objections { get; init; } = [];
    public ImmutableArray<AdvanceNotice> AdvanceNotices { get; init; } = [];
    public ImmutableArray<Easement> Easements { get; init; } = [];
    /// <summary>Lineage: the units this one was split or merged from, and those it was split or merged into.</summary>
    public ImmutableArray<string> DerivedFrom { get; init; } = [];
    public ImmutableArray<string> SucceededBy { get; init; } = [];
    public DateTimeOffset EstablishedAt { get; init; }
    public DateTimeOffset LastRecordedAt { get; init; }
    /// <summary>Set when the unit was taken over from a pre-unification register: the record it came from.</summary>
    public Legacy.Provenance? Provenance { get; init; }

    /// <summary>Cancelled, split or merged: closed to every registration but a correction.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsClosed => Status is UnitStatus.Cancelled or UnitStatus.Split or UnitStatus.Merged;

    public static Unit Create(UnitEstablished e) => new()
    {
        Id = e.UnitCode, Office = e.Office, Kind = e.Kind, Status = UnitStatus.Established, Location = e.Location,
        Area = e.Area, Use = e.Use, Geometry = e.Geometry, ParentUnitCode = e.ParentUnitCode,
        MinLon = e.Geometry?.EnvelopeInternal.MinX, MinLat = e.Geometry?.EnvelopeInternal.MinY,
        MaxLon = e.Geometry?.EnvelopeInternal.MaxX, MaxLat = e.Geometry?.EnvelopeInternal.MaxY,
        EstablishedAt = e.EstablishedAt, LastRecordedAt = e.EstablishedAt,
    };

    public static Unit Create(Legacy.UnitImported e) => new()
    {
        Id = e.UnitCode, Office = e.Office, Kind = e.Kind, Status = UnitStatus.Established, Location = e.Location,
        Area = e.Area, Use = e.Use, Geometry = e.Geometry, ParentUnitCode = e.ParentUnitCode,
        MinLon = e.Geometry?.EnvelopeInternal.MinX, MinLat = e.Geometry?.EnvelopeInternal.MinY,
        MaxLon = e.Geometry?.EnvelopeInternal.MaxX, MaxLat = e.Geometry?.EnvelopeInternal.MaxY,
        EstablishedAt = e.EstablishedAt, LastRecordedAt = e.EstablishedAt,
        Provenance = new Legacy.Provenance(e.Source, e.File, e.Row, e.LegacyId, e.OldCertificateNumber, e.RowSha256, e.Flags, e.ImportedAt),
    };

    public static Unit Create(UnitDerived e) => new()
    {
        Id = e.UnitCode, Office = e.Office, Kind = e.Kind, Status = e.Carried.Ownership is null ? UnitStatus.Established : UnitStatus.Registered,
        Location = e.Location, Area = e.Area, Use = e.Use, Geometry = e.Geometry,
        MinLon = e.Geometry.EnvelopeInternal.MinX, MinLat = e.Geometry.EnvelopeInternal.MinY,
        MaxLon = e.Geometry.EnvelopeInternal.MaxX, MaxLat = e.Geometry.EnvelopeInternal.MaxY,
        Ownership = e.Carried.Ownership, Mortgages = [.. e.Carried.Mortgages], Objections = [.. e.Carried.Objections],
        AdvanceNotices = [.. e.Carried.AdvanceNotices], Easements = [.. e.Carried.Easements],
        DerivedFrom = [.. e.Parents], EstablishedAt = e.RecordedAt, LastRecordedAt = e.RecordedAt,
    };

    // A closed parent keeps its boundary for history and as-of answers, but leaves the box index:
    // "what is here" and the overlap check see its successors only.
    public Unit Apply(UnitSplit e) => this with
    {
        Status = UnitStatus.Split, SucceededBy = [.. e.Parts], MinLon = null, MinLat = null, MaxLon = null, MaxLat = null,
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(UnitMerged e) => this with
    {
        Status = UnitStatus.Merged, SucceededBy = [e.Into], MinLon = null, MinLat = null, MaxLon = null, MaxLat = null,
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(FirstRegistrationRecorded e) => this with
    {
        Status = UnitStatus.Registered,
        Ownership = new Ownership(e.RightType, e.CoOwnership, [.. e.Holders], e.Term, e.CertificateNumber, e.RecordedAt),
        LastRecordedAt = e.RecordedAt,
    };

    // The mortgage follows the property (Civil Code art. 406): a transfer leaves Mortgages untouched.
    // A transfer to the beneficiary of a purchase advance notice is the registration it announced: the notice ends.
    public Unit Apply(TransferRecorded e) => this with
    {
        AdvanceNotices = EndNotices(e.RecordedAt, n => n.Kind is AdvanceNoticeKind.Purchase or AdvanceNoticeKind.PresalePurchase && n.IsFulfilledBy(e.To.Select(h => h.IdNumber))),
        Ownership = Ownership! with
        {
            CoOwnership = e.CoOwnership, Holders = [.. e.To], CertificateNumber = e.CertificateNumber, RecordedAt = e.RecordedAt,
        },
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(MortgageRecorded e) => this with
    {
        AdvanceNotices = EndNotices(e.RecordedAt, n => n.Kind is AdvanceNoticeKind.Mortgage or AdvanceNoticeKind.PresaleMortgage && n.IsFulfilledBy([e.Mortgagee.Code])),
        Mortgages = Mortgages.Add(new Mortgage(e.MortgageId, e.Mortgagee, e.Amount, e.MaximumAmount, e.Term,
            e.RestrictsTransfer, e.ProofNumber, e.RecordedAt, e.AlsoOn)),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(MortgageDischarged e) => this with
    {
        Mortgages = Mortgages.RemoveAll(m => m.MortgageId == e.MortgageId),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(ChangeRecorded e) => this with
    {
        Location = e.Location ?? Location,
        Use = e.Use ?? Use,
        Area = e.Area ?? Area,
        Ownership = Ownership is { } o
            ? o with
            {
                Holders = e.HolderRename is { } rename
                    ? o.Holders.Select(h => h.IdNumber == rename.IdNumber ? h with { Name = rename.NewName } : h).ToImmutableArray()
                    : o.Holders,
                CertificateNumber = e.CertificateNumber ?? o.CertificateNumber,
            }
            : Ownership,
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(CorrectionRecorded e) => this with
    {
        Location = e.Corrected.Location ?? Location,
        Use = e.Corrected.Use ?? Use,
        Area = e.Corrected.Area ?? Area,
        Ownership = Ownership is { } o
            ? o with
            {
                RightType = e.Corrected.RightType ?? o.RightType, Holders = e.Corrected.Holders is { } h ? [.. h] : o.Holders,
                CertificateNumber = e.CertificateNumber ?? o.CertificateNumber,
            }
            : Ownership,
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(EasementRecorded e) => this with
    {
        Easements = Easements.Add(new Easement(e.EasementId, EasementSide.Servient, e.DominantUnitCode, e.Purpose, e.Term, e.ProofNumber, e.RecordedAt)),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(EasementNoted e) => this with
    {
        Easements = Easements.Add(new Easement(e.EasementId, EasementSide.Dominant, e.ServientUnitCode, e.Purpose, e.Term, e.ProofNumber, e.RecordedAt)),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(UnitCancelled e) => this with { Status = UnitStatus.Cancelled, LastRecordedAt = e.RecordedAt };

    public Unit Apply(SeizureRecorded e) => this with
    {
        Seizures = Seizures.Add(new Seizure(e.SeizureId, e.Court, e.CaseNumber, e.Term, e.RecordedAt)), LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(SeizureReleased e) => this with
    {
        Seizures = Seizures.Select(s => s.SeizureId == e.SeizureId ? s with { ReleasedAt = e.RecordedAt } : s).ToImmutableArray(),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(ObjectionRecorded e) => this with
    {
        Objections = Objections.Add(new Objection(e.ObjectionId, e.Objector, e.Reason, e.ProofNumber, e.RecordedAt)), LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(ObjectionLawsuitRecorded e) => this with
    {
        Objections = Objections.Select(o => o.ObjectionId == e.ObjectionId ? o with { Lawsuit = new Lawsuit(e.Court, e.CaseNumber, e.RecordedAt) } : o).ToImmutableArray(),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(ObjectionCancelled e) => this with
    {
        Objections = Objections.Select(o => o.ObjectionId == e.ObjectionId ? o with { CancelledAt = e.RecordedAt } : o).ToImmutableArray(),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(AdvanceNoticeRecorded e) => this with
    {
        AdvanceNotices = AdvanceNotices.Add(new AdvanceNotice(e.AdvanceNoticeId, e.Kind, e.Beneficiary, e.PossibleFrom, e.ProofNumber, e.RecordedAt)),
        LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(AdvanceNoticeCancelled e) => this with
    {
        AdvanceNotices = EndNotices(e.RecordedAt, n => n.AdvanceNoticeId == e.AdvanceNoticeId), LastRecordedAt = e.RecordedAt,
    };

    public Unit Apply(ObjectionLapsed e) => this with
    {
        Objections = Objections.Select(o => o.ObjectionId == e.ObjectionId ? o with { LapseRecorded = true } : o).ToImmutableArray(),
    };

    public Unit Apply(AdvanceNoticeLapsed e) => this with
    {
        AdvanceNotices = AdvanceNotices.Select(n => n.AdvanceNoticeId == e.AdvanceNoticeId ? n with { LapseRecorded = true } : n).ToImmutableArray(),
    };

    public Unit Apply(SeizureEnded e) => this with
    {
        Seizures = Seizures.Select(s => s.SeizureId == e.SeizureId ? s with { EndRecorded = true } : s).ToImmutableArray(),
    };

    ImmutableArray<AdvanceNotice> EndNotices(DateTimeOffset at, Func<AdvanceNotice, bool> which) =>
        AdvanceNotices.Select(n => n.EndedAt is null && which(n) ? n with { EndedAt = at } : n).ToImmutableArray();

    /// <summary>Marten's hook for what a fluent mapping cannot say (a GiST index on an expression).</summary>
    public static void ConfigureMarten(Marten.Schema.DocumentMapping mapping) => Configuration.AddBoundaryIndex(mapping);

}
