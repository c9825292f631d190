namespace Ledger.Sharing;

/// <summary>
/// 房地产分析预警: a county's month is flagged when its transfers, or their price per square metre, move more than
/// <see cref="Threshold"/> away from the mean of the twelve months before it. A flag needs history: at least
/// <see cref="MinimumHistory"/> of those twelve months with transfers (for the price: with priced transfers).
/// </summary>
public static class EarlyWarning
{
    public const decimal Threshold = 0.30m;
    public const int MinimumHistory = 6;

    public static IReadOnlyList<string> For(MonthlyTally month, IReadOnlyDictionary<string, MonthlyTally> transfersByMonth)
    {
        var trailing = Enumerable.Range(1, 12)
            .Select(back => Statistics.Shift(month.Month, -back))
            .Select(m => transfersByMonth.GetValueOrDefault(m))
            .ToList();
        var warnings = new List<string>();

        if (trailing.Count(t => t is { Count: > 0 }) >= MinimumHistory)
        {
            var mean = trailing.Sum(t => t?.Count ?? 0) / 12m;
            if (Moved(month.Count, mean) is { } direction) warnings.Add($"transfers-{direction}");
        }

        var priced = trailing.Where(t => t is { Area: > 0 }).Select(t => t!.Sum / t.Area).ToList();
        if (priced.Count >= MinimumHistory && month.Area > 0)
            if (Moved(month.Sum / month.Area, priced.Average()) is { } direction) warnings.Add($"price-{direction}");

        return warnings;
    }

    static string? Moved(decimal value, decimal mean) =>
        mean <= 0 ? null
        : value > mean * (1 + Threshold) ? "up"
        : value < mean * (1 - Threshold) ? "down"
        : null;
}
