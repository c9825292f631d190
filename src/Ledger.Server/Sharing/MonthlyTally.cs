namespace Ledger.Sharing;

/// <summary>The kinds of recording the open statistics count.</summary>
public static class Tallied
{
    public const string Transfer = "transfer";
    public const string Mortgage = "mortgage";
    public const string FirstRegistration = "first-registration";
    public const string Seizure = "seizure";
    public static readonly string[] All = [FirstRegistration, Transfer, Mortgage, Seizure];
}

/// <summary>
/// One county's recordings of one kind in one calendar month (China Standard Time): how many, and for transfers the
/// prices and areas summed (priced sales only), for mortgages the amounts secured. No personal data.
/// </summary>
public sealed record MonthlyTally(string Id, string County, string Month, string Kind, int Count, decimal Sum, decimal Area)
{
    public static string Key(string county, string month, string kind) => $"{county}/{month}/{kind}";
}
