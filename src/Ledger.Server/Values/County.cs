namespace Ledger.Values;

/// <summary>A county-level division of GB/T 2260, as shipped in Data/counties.csv.</summary>
public sealed record County(string Code, string Name, string City, string Province, string ProvinceAbbreviation);
