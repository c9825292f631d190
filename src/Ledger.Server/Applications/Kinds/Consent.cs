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

    /// <summary>The first current holder not among the applicants, masked; null when all of them apply.</summary>
    public static string? MissingHolders(Application application, Unit unit)
    {
        var applying = application.Applicants.Select(a => a.IdNumber).ToHashSet(StringComparer.Ordinal);
        var missing = unit.Ownership?.Holders.FirstOrDefault(h => !applying.Contains(h.IdNumber));
        return missing is null ? null : $"{missing.Name} ({Values.PartyNumber.Mask(missing.IdNumber)})";
    }
}
