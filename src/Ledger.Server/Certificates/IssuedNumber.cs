using JasperFx.Events;
using Ledger.Units;
using Marten;
using Marten.Events.Projections;

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
    static async Task Replace(IDocumentOperations operations, string unit, string? old, string replacement, DateTimeOffset at, CancellationToken ct)
    {
        var previous = old is null ? null : await operations.LoadAsync<IssuedNumber>(old, ct);
        operations.Store(new IssuedNumber(replacement, unit, IssuedKind.Certificate, null, at));
        if (previous is not null) operations.Store(previous with { SupersededBy = replacement });
    }

    public override async ValueTask ApplyAsync(IDocumentOperations operations, IEvent e, CancellationToken cancellation)
    {
        var unit = e.StreamKey!;
        switch (e.Data)
        {
            case FirstRegistrationRecorded r:
                operations.Store(new IssuedNumber(r.CertificateNumber, unit, IssuedKind.Certificate, null, r.RecordedAt));
                break;
            case TransferRecorded t:
                operations.Store(IssuedNumber.Covering(t.CertificateNumber, unit, t.AlsoOn, IssuedKind.Certificate, null, t.RecordedAt));
                if (await operations.LoadAsync<IssuedNumber>(t.SupersededCertificateNumber, cancellation) is { } old)
                    operations.Store(old with { SupersededBy = t.CertificateNumber });
                break;
            case ChangeRecorded { CertificateNumber: { } changed } c:
                await Replace(operations, unit, c.SupersededCertificateNumber, changed, c.RecordedAt, cancellation);
                break;
            case CorrectionRecorded { CertificateNumber: { } corrected } c:
                await Replace(operations, unit, c.SupersededCertificateNumber, corrected, c.RecordedAt, cancellation);
                break;
            case UnitSplit { CertificateNumbers: { } parts } split:
                foreach (var (number, part) in parts.Zip(split.Parts)) operations.Store(new IssuedNumber(number, part, IssuedKind.Certificate, null, split.RecordedAt));
                if (split.SupersededCertificateNumber is { } old1 && await operations.LoadAsync<IssuedNumber>(old1, cancellation) is { } before)
                    operations.Store(before with { SupersededBy = parts[0], AlsoSupersededBy = parts.Count > 1 ? [.. parts.Skip(1)] : null });
                break;
            case UnitMerged { CertificateNumber: { } merged } m:
                await Replace(operations, m.Into, m.SupersededCertificateNumber, merged, m.RecordedAt, cancellation);
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
    }
}
