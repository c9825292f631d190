using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Hosting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Headers;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Ledger.Sharing;

/// <summary>One county's recordings of one type in one month, with the early warnings that month raised.</summary>
public sealed record MonthlyFigure(
    string County, string Month, string Type, int Count, decimal Sum, decimal Area, decimal? PricePerSquareMetre,
    IReadOnlyList<string> Warnings);

public sealed record TransactionStatistics(string? County, string From, string To, decimal WarningThreshold, IReadOnlyList<MonthlyFigure> Figures);

/// <summary>The months and county asked about, checked.</summary>
public sealed partial record StatisticsRequest(string? County, string From, string To, bool Csv)
{
    [GeneratedRegex(@"^\d{4}-(0[1-9]|1[0-2])$")]
    public static partial Regex MonthPattern();
}

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

/// <summary>
/// <c>GET /api/stats/transactions?county=&amp;from=YYYY-MM&amp;to=YYYY-MM</c>: monthly counts and sums per county and
/// registration type (first registrations, transfers with their total price, mortgages with their total amount,
/// seizures), as JSON or CSV (<c>format=csv</c> or <c>Accept: text/csv</c>). Open to anyone: no personal data.
/// </summary>
public static class Statistics
{
    public static string Shift(string month, int months)
    {
        var date = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(months);
        return date.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    public static (StatisticsRequest?, ProblemDetails) Load(
        [FromQuery] string? county, [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? format, HttpRequest request,
        TimeProvider clock)
    {
        if (county is not null && !(county.Length == 6 && county.All(char.IsAsciiDigit)))
            return (null, Problems.Invalid("invalid-county", "county is a 6-digit county-level code (GB/T 2260), e.g. 370202."));
        var thisMonth = clock.GetUtcNow().ToOffset(RegistryTime.Offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var last = to ?? thisMonth;
        var first = from ?? Shift(last, -11);
        if (!StatisticsRequest.MonthPattern().IsMatch(first) || !StatisticsRequest.MonthPattern().IsMatch(last))
            return (null, Problems.Invalid("invalid-month", "from and to are months as YYYY-MM, e.g. 2026-01."));
        if (string.CompareOrdinal(first, last) > 0)
            return (null, Problems.Invalid("invalid-month", "from must not be after to."));
        if (string.CompareOrdinal(first, Shift(last, -120)) < 0)
            return (null, Problems.Invalid("invalid-month", "Ask for at most ten years at a time."));
        var csv = format switch
        {
            "csv" => true,
            "json" => false,
            null => request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)),
            _ => (bool?)null,
        };
        return csv is null
            ? (null, Problems.Invalid("invalid-format", "format is json or csv."))
            : (new StatisticsRequest(county, first, last, csv.Value), WolverineContinue.NoProblems);
    }

    [AllowAnonymous]
    [WolverineGet("/api/stats/transactions")]
    [Tags("Sharing")]
    [EndpointSummary("Monthly counts and sums per county and registration type, with early warnings; open to anyone")]
    [ProducesResponseType<TransactionStatistics>(200)]
    [Produces("application/json", "text/csv")]
    public static async Task<IResult> Get(StatisticsRequest asked, IQuerySession session, CancellationToken ct)
    {
        var since = Shift(asked.From, -12);
        var query = session.Query<MonthlyTally>();
        var rows = asked.County is { } county
            ? await query.Where(t => t.County == county).ToListAsync(ct)
            : await query.ToListAsync(ct);
        var window = rows.Where(t => string.CompareOrdinal(t.Month, since) >= 0 && string.CompareOrdinal(t.Month, asked.To) <= 0).ToList();
        var transfers = window.Where(t => t.Kind == Tallied.Transfer)
            .GroupBy(t => t.County)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, MonthlyTally>)g.ToDictionary(t => t.Month));

        var figures = window
            .Where(t => string.CompareOrdinal(t.Month, asked.From) >= 0)
            .OrderBy(t => t.County, StringComparer.Ordinal).ThenBy(t => t.Month, StringComparer.Ordinal)
            .ThenBy(t => Array.IndexOf(Tallied.All, t.Kind))
            .Select(t => new MonthlyFigure(t.County, t.Month, t.Kind, t.Count, t.Sum, t.Area,
                t is { Kind: Tallied.Transfer, Area: > 0 } ? decimal.Round(t.Sum / t.Area, 2) : null,
                t.Kind == Tallied.Transfer ? EarlyWarning.For(t, transfers[t.County]) : []))
            .ToList();

        if (!asked.Csv)
            return Results.Json(new TransactionStatistics(asked.County, asked.From, asked.To, EarlyWarning.Threshold, figures), LedgerJson.Options);

        var csv = new StringBuilder("county,month,type,count,sum,area,pricePerSquareMetre,warnings\n");
        foreach (var f in figures)
            csv.Append(CultureInfo.InvariantCulture,
                $"{f.County},{f.Month},{f.Type},{f.Count},{f.Sum},{f.Area},{f.PricePerSquareMetre},{string.Join(' ', f.Warnings)}\n");
        return Results.Text(csv.ToString(), "text/csv; charset=utf-8", Encoding.UTF8);
    }
}
