namespace Ledger.Values;

/// <summary>Which controlled form a number belongs to.</summary>
public enum NumberKind
{
    /// <summary>不动产权证书, issued for ownership-type rights.</summary>
    Certificate,

    /// <summary>不动产登记证明, issued for mortgages, advance notices, objections and the like.</summary>
    Proof,
}
