using System.Security.Claims;

namespace Ledger.Access;

/// <summary>Who is asking, read once from the verified token.</summary>
public sealed record Caller(string Role, string Sub, string Name, string? Office)
{
    /// <summary>The claim that names the caller on what they record (the identity's name claim).</summary>
    public const string SignatureClaim = "ledger:signature";

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue("role") ?? "",
        user.FindFirstValue("sub") ?? "",
        user.FindFirstValue("name") ?? "",
        user.FindFirstValue("office"));

    public bool IsStaffOf(string office) => Roles.OfficeStaff.Contains(Role) && Office == office;

    /// <summary>Asks as a holder and is one of the unit's current holders (a lower-case check character is the same number).</summary>
    public bool IsHolderOf(Units.Unit unit) =>
        Role == Roles.Holder && unit.Ownership?.Holders.Any(h => string.Equals(h.IdNumber, Sub, StringComparison.OrdinalIgnoreCase)) == true;

    /// <summary>Asks as a bank and is the mortgagee of a mortgage in force on the unit (by its unified social credit code).</summary>
    public bool IsMortgageeOf(Units.Unit unit) =>
        Role == Roles.Bank && unit.Mortgages.Any(m => string.Equals(m.Mortgagee.Code, Sub, StringComparison.OrdinalIgnoreCase));

    /// <summary>How the caller is written on what they record: "clerk:110105:Wang Fang (11010519...)".</summary>
    public string Signature => Office is null ? $"{Role}:{Name} ({Sub})" : $"{Role}:{Office}:{Name} ({Sub})";
}
