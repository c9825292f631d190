using System.Text.Json;
using Ledger.Hosting;
using Ledger.Units;

namespace Ledger.Sharing;

/// <summary>Who a feed item is for: the tax feed, or one institution's bank feed (by its credit code).</summary>
public static class Audience
{
    public const string Tax = "tax";
    public static string Bank(string creditCode) => "bank:" + creditCode.ToUpperInvariant();
}

/// <summary>
/// One recording as a feed serves it to one audience, at the recording's place in the event log (its global
/// sequence). Written by <see cref="SharingProjection"/> behind the daemon's high-water mark, so every row at or
/// below the projection's mark is there for good: a consumer reading <c>sequence &gt; cursor</c> never skips one.
/// <see cref="Item"/> is the item's JSON exactly as the feed serves it (members in the order API.md gives), kept as
/// text: a page copies it out (<c>data -&gt;&gt; 'item'</c>) instead of having PostgreSQL print a jsonb object per item.
/// </summary>
public sealed record FeedItem(string Id, string Audience, long Sequence, string UnitCode, string Item)
{
    public static FeedItem For(string audience, long sequence, string unitCode, object item) =>
        new($"{audience}/{sequence}", audience, sequence, unitCode, JsonSerializer.Serialize(item, item.GetType(), LedgerJson.Options));
}

// What each feed item says. Every item starts with type, recordedAt, unitCode and office (API.md "Sharing").

public sealed record TransferItem(
    string Type, DateTimeOffset RecordedAt, string UnitCode, string Office, string ApplicationId, TransferReason Reason,
    decimal? Price, decimal? Area, IReadOnlyList<Holder> From, CoOwnership CoOwnership, IReadOnlyList<Holder> To,
    string CertificateNumber, string SupersededCertificateNumber, IReadOnlyList<string>? AlsoOn);

public sealed record MortgageItem(
    string Type, DateTimeOffset RecordedAt, string UnitCode, string Office, string ApplicationId, string MortgageId,
    Mortgagee Mortgagee, decimal? Amount, decimal? MaximumAmount, Term Term, bool RestrictsTransfer, string ProofNumber,
    IReadOnlyList<string>? AlsoOn);

public sealed record MortgageDischargeItem(
    string Type, DateTimeOffset RecordedAt, string UnitCode, string Office, string ApplicationId, string MortgageId);

public sealed record SeizureItem(
    string Type, DateTimeOffset RecordedAt, string UnitCode, string Office, string ApplicationId, string SeizureId,
    string? Court, string CaseNumber, Term? Term);

public sealed record ObjectionItem(
    string Type, DateTimeOffset RecordedAt, string UnitCode, string Office, string ApplicationId, string ObjectionId,
    Party Objector, string Reason, string ProofNumber);

public sealed record AdvanceNoticeItem(
    string Type, DateTimeOffset RecordedAt, string UnitCode, string Office, string ApplicationId, string AdvanceNoticeId,
    AdvanceNoticeKind Kind, Party Beneficiary, DateOnly? PossibleFrom, string ProofNumber);

public sealed record UnitClosedItem(
    string Type, DateTimeOffset RecordedAt, string UnitCode, string Office, string ApplicationId,
    IReadOnlyList<string>? Successors, CancellationReason? Reason);
