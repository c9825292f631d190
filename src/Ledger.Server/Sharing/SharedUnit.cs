namespace Ledger.Sharing;

/// <summary>
/// What the sharing projection remembers of a unit between batches: its area now (a transfer item states it) and
/// every mortgage ever recorded on it with its mortgagee (a bank sees the unit's recordings once it holds or held one).
/// </summary>
public sealed record SharedUnit(string Id, decimal Area, IReadOnlyList<SharedMortgage> Mortgages)
{
    public IEnumerable<string> Banks => Mortgages.Select(m => m.Bank).Distinct(StringComparer.Ordinal);
}

public sealed record SharedMortgage(string MortgageId, string Bank);
