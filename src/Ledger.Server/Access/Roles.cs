namespace Ledger.Access;

/// <summary>The roles of the HTTP contract (API.md "Identity").</summary>
public static class Roles
{
    public const string Clerk = "clerk";
    public const string Reviewer = "reviewer";
    public const string Holder = "holder";
    public const string Party = "party";
    public const string Prospect = "prospect";
    public const string Agency = "agency";
    public const string Tax = "tax";
    public const string Bank = "bank";
    public const string Auditor = "auditor";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
        { Clerk, Reviewer, Holder, Party, Prospect, Agency, Tax, Bank, Auditor };

    /// <summary>Roles that act for a registry office and must carry its 6-digit county code.</summary>
    public static readonly IReadOnlySet<string> OfficeStaff = new HashSet<string>(StringComparer.Ordinal) { Clerk, Reviewer };
}
