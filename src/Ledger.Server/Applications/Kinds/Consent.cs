using Ledger.Units;

namespace Ledger.Applications.Kinds;

/// <summary>Written consents an application can carry, and who must be among its applicants.</summary>
public static class Consent
{
    static readonly HashSet<string> Known = [TransferDetails.MortgageeConsent, TransferDetails.AdvanceNoticeBeneficiaryConsent];

    public static IReadOnlyList<string> Read(string field, IReadOnlyList<string>? consents, DetailsForm form)
    {
        foreach (var c in consents ?? [])
            if (!Known.Contains(c)) form.Fail(field, $"unknown consent \"{c}\"; known: {string.Join(", ", Known)}.");
        return consents?.Distinct(StringComparer.Ordinal).ToList() ?? [];
    }

    /// <summary>Another unit disposed of together with <paramref name="unit"/>: it exists, is registered, and is held by the applicants.</summary>
    public static Refusal? DisposableTogether(Application application, string code, Unit? other, Unit unit)
    {
        if (other is null) return new Refusal("other-unit-not-found", $"The register holds no unit {code} to dispose of together with {unit.Id}.");
        if (ClosedUnit.Refusal(other) is { } closed) return closed;
        if (other.Status != UnitStatus.Registered || other.Ownership is null)
            return new Refusal("unit-not-registered", $"Unit {code} has no registered right to dispose of.");
        return MissingHolders(application, other) is { } missing
            ? new Refusal("not-current-holder", $"Every holder of unit {code} must be among the applicants; {missing} is not.")
            : null;
    }

    /// <summary>The first current holder not among the applicants, masked; null when all of them apply.</summary>
    public static string? MissingHolders(Application application, Unit unit)
    {
        var applying = application.Applicants.Select(a => a.IdNumber).ToHashSet(StringComparer.Ordinal);
        var missing = unit.Ownership?.Holders.FirstOrDefault(h => !applying.Contains(h.IdNumber));
        return missing is null ? null : $"{missing.Name} ({Values.PartyNumber.Mask(missing.IdNumber)})";
    }
}
