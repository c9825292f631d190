using JasperFx.Events;
using Ledger.Units;
using Marten;
using Marten.Events.Projections;
using Marten.Patching;

namespace Ledger.Certificates;

public enum IssuedKind { Certificate, Proof }

/// <summary>
/// Every certificate or proof number the register issued, with the unit and the right or encumbrance it
/// proves. Whether it is still valid is read from the unit at the moment of asking (a proof of an
/// objection lapses by itself); only "superseded by" is stored, written when a transfer replaces it.
/// </summary>
public sealed record IssuedNumber(
    string Id, string UnitCode, IssuedKind Kind, string? Subject, DateTimeOffset IssuedAt, string? SupersededBy = null,
    IReadOnlyList<string>? AlsoCovers = null, IReadOnlyList<string>? AlsoSupersededBy = null)
{
    /// <summary>One number over several units (a house with its land share, one mortgage over several): the same document from each unit's event.</summary>
    public static IssuedNumber Covering(string number, string unit, IReadOnlyList<string>? alsoOn, IssuedKind kind, string? subject, DateTimeOffset at)
    {
        var units = new[] { unit }.Concat(alsoOn ?? []).Order(StringComparer.Ordinal).ToList();
        return new IssuedNumber(number, units[0], kind, subject, at, null, units.Count > 1 ? units[1..] : null);
    }

    public IEnumerable<string> Units => [UnitCode, .. AlsoCovers ?? []];
}

/// <summary>Kept inline: a number can be checked the moment its recording commits.</summary>
public sealed partial class IssuedNumbers : EventProjection
{
    /// <summary>
    /// Marks the number a recording replaces as superseded, in place: a patch of its row in the same batch, after the row's
    /// own insert when both are in it (a rebuild), and no read first, so neither a recording nor a rebuild waits for one.
    /// A number the register never issued (a legacy certificate) has no row, and the patch changes nothing.
    /// </summary>
    static void Supersede(IDocumentOperations operations, string? old, string replacement, IReadOnlyList<string>? alsoReplacedBy = null)
    {
        if (old is null) return;
        var patch = operations.Patch<IssuedNumber>(old).Set(n => n.SupersededBy, replacement);
        if (alsoReplacedBy is not null) patch.Set(n => n.AlsoSupersededBy, alsoReplacedBy);
    }

    static void Replace(IDocumentOperations operations, string unit, string? old, string replacement, DateTimeOffset at)
    {
        operations.Store(new IssuedNumber(replacement, unit, IssuedKind.Certificate, null, at));
        Supersede(operations, old, replacement);
    }

    public override ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var unit = e.StreamKey!;
        switch (e.Data)
        {
            case FirstRegistrationRecorded r:
                operations.Store(new IssuedNumber(r.CertificateNumber, unit, IssuedKind.Certificate, null, r.RecordedAt));
                break;
            case TransferRecorded t:
                operations.Store(IssuedNumber.Covering(t.CertificateNumber, unit, t.AlsoOn, IssuedKind.Certificate, null, t.RecordedAt));
                Supersede(operations, t.SupersededCertificateNumber, t.CertificateNumber);
                break;
            case ChangeRecorded { CertificateNumber: { } changed } c:
                Replace(operations, unit, c.SupersededCertificateNumber, changed, c.RecordedAt);
                break;
            case CorrectionRecorded { CertificateNumber: { } corrected } c:
                Replace(operations, unit, c.SupersededCertificateNumber, corrected, c.RecordedAt);
                break;
            case UnitSplit { CertificateNumbers: { } parts } split:
                foreach (var (number, part) in parts.Zip(split.Parts)) operations.Store(new IssuedNumber(number, part, IssuedKind.Certificate, null, split.RecordedAt));
                Supersede(operations, split.SupersededCertificateNumber, parts[0], parts.Count > 1 ? [.. parts.Skip(1)] : null);
                break;
            case UnitMerged { CertificateNumber: { } merged } m:
                Replace(operations, m.Into, m.SupersededCertificateNumber, merged, m.RecordedAt);
                break;
            case MortgageRecorded m:
                operations.Store(IssuedNumber.Covering(m.ProofNumber, unit, m.AlsoOn, IssuedKind.Proof, m.MortgageId, m.RecordedAt));
                break;
            case ObjectionRecorded o:
                operations.Store(new IssuedNumber(o.ProofNumber, unit, IssuedKind.Proof, o.ObjectionId, o.RecordedAt));
                break;
            case EasementRecorded m:
                operations.Store(new IssuedNumber(m.ProofNumber, unit, IssuedKind.Proof, m.EasementId, m.RecordedAt));
                break;
            case AdvanceNoticeRecorded n:
                operations.Store(new IssuedNumber(n.ProofNumber, unit, IssuedKind.Proof, n.AdvanceNoticeId, n.RecordedAt));
                break;
        }
        return ValueTask.CompletedTask;
    }
}
