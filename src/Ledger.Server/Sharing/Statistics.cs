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
