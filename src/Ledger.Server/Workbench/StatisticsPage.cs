using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static Ledger.Workbench.Layout;

namespace Ledger.Workbench;

/// <summary>
/// The open statistics (<c>GET /api/stats/transactions</c>) for one county, drawn: a bar per month for each type of
/// recording, the early warnings marked on the transfers, and the figures in a table below. Open to anyone.
/// </summary>
public static class StatisticsPage
{
    static readonly (string Type, string Zh, string En, string Colour)[] Types =
    [
        ("first-registration", "首次登记", "First registrations", "#8c6d1f"),
        ("transfer", "转移登记", "Transfers", "#7a1f1f"),
        ("mortgage", "抵押登记", "Mortgages", "#1f4e7a"),
        ("seizure", "查封登记", "Seizures", "#555555"),
    ];

    public static async Task<IResult> Show(HttpContext context, LedgerApi api, CancellationToken ct)
    {
        var v = Visitor.Of(context);
        var county = context.Request.Query["county"].ToString().Trim();
        var from = context.Request.Query["from"].ToString().Trim();
        var to = context.Request.Query["to"].ToString().Trim();
        var title = v.T("登记统计", "Registration statistics");
        var form = Html.Of($"""
            <form method="get" action="/workbench/statistics">
            <label for="county">{v.T("县级行政区划代码", "County code")}</label><input id="county" name="county" value="{county}" placeholder="110105" required>
            <label for="from">{v.T("起始月份", "From month")}</label><input id="from" name="from" value="{from}" placeholder="2026-01">
            <label for="to">{v.T("截止月份", "To month")}</label><input id="to" name="to" value="{to}" placeholder="2026-12">
            <button type="submit">{v.T("查询", "Show")}</button></form>
            """);
        if (county.Length == 0) return Page(context, v, title, form);

        var query = $"/api/stats/transactions?county={Uri.EscapeDataString(county)}"
                    + (from.Length > 0 ? $"&from={Uri.EscapeDataString(from)}" : "") + (to.Length > 0 ? $"&to={Uri.EscapeDataString(to)}" : "");
        var answer = await api.GetAsync(query, v.Token, ct);
        if (!answer.Ok) return Page(context, v, title, Html.Of($"{form}{Refusal(answer)}"), answer.Status);

        var figures = answer.Body!["figures"]!.AsArray().Select(f => f!).ToList();
        var months = Months(answer.Body["from"]!.GetValue<string>(), answer.Body["to"]!.GetValue<string>());
        var threshold = answer.Body["warningThreshold"]!.GetValue<decimal>();
        var csv = Html.Text(query + "&format=csv");
        return Page(context, v, title, Html.Of($"""
            {form}
            <p class="note">{v.T($"预警：当月转移登记量或成交单价偏离前十二个月均值超过 {threshold:P0} 时标出（▲ 上升，▼ 下降）。",
                $"Early warning: a month whose transfers or price per m² move more than {threshold:P0} from the mean of the twelve months before it is marked (▲ up, ▼ down).")}
            <a href="{csv}">CSV</a></p>
            {Chart(v, figures, months)}
            {Table(v, figures)}
            """));
    }

    static List<string> Months(string from, string to)
    {
        var months = new List<string>();
        for (var m = from; string.CompareOrdinal(m, to) <= 0 && months.Count < 121; m = Ledger.Sharing.Statistics.Shift(m, 1)) months.Add(m);
        return months;
    }

    /// <summary>Grouped bars: one group per month, one bar per type, heights to the largest count; warnings above the transfers.</summary>
    static Html Chart(Visitor v, List<JsonNode> figures, List<string> months)
    {
        const int height = 220, top = 24, left = 40, bar = 7, gap = 10;
        var group = Types.Length * bar + gap;
        var width = left + months.Count * group + 10;
        var count = figures.ToDictionary(f => (f["month"]!.GetValue<string>(), f["type"]!.GetValue<string>()));
        var max = Math.Max(1, figures.Select(f => f["count"]!.GetValue<int>()).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"""<svg class="map" role="img" width="{width}" height="{height + top + 40}" viewBox="0 0 {width} {height + top + 40}" xmlns="http://www.w3.org/2000/svg" font-size="11">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title>{Html.Text(v.T("每月登记量", "Recordings per month"))}</title>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{left}" y1="{top + height}" x2="{width}" y2="{top + height}" stroke="#888"/><text x="4" y="{top + 8}">{max}</text><text x="4" y="{top + height}">0</text>""");
        for (var i = 0; i < months.Count; i++)
        {
            var x0 = left + i * group;
            for (var t = 0; t < Types.Length; t++)
            {
                if (!count.TryGetValue((months[i], Types[t].Type), out var f)) continue;
                var n = f["count"]!.GetValue<int>();
                var h = (double)n / max * height;
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<rect x="{x0 + t * bar}" y="{top + height - h:F1}" width="{bar - 1}" height="{h:F1}" fill="{Types[t].Colour}"><title>{months[i]} {Html.Text(v.T(Types[t].Zh, Types[t].En))}: {n}</title></rect>""");
                var warnings = f["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
                if (warnings.Count > 0)
                    svg.Append(CultureInfo.InvariantCulture,
                        $"""<text class="warning" x="{x0 + t * bar - 2}" y="{top + height - h - 4:F1}" fill="#b00020">{(warnings.Any(w => w.EndsWith("-up", StringComparison.Ordinal)) ? "▲" : "▼")}<title>{string.Join(", ", warnings)}</title></text>""");
            }
            if (i % (int)Math.Ceiling(56.0 / group) == 0) // a label needs about 56 px
                svg.Append(CultureInfo.InvariantCulture, $"""<text x="{x0}" y="{top + height + 14}">{months[i]}</text>""");
        }
        for (var t = 0; t < Types.Length; t++)
            svg.Append(CultureInfo.InvariantCulture,
                $"""<rect x="{left + t * 130}" y="{top + height + 24}" width="10" height="10" fill="{Types[t].Colour}"/><text x="{left + t * 130 + 14}" y="{top + height + 33}">{Html.Text(v.T(Types[t].Zh, Types[t].En))}</text>""");
        svg.Append("</svg>");
        return new Html(svg.ToString());
    }

    static Html Table(Visitor v, List<JsonNode> figures)
    {
        if (figures.Count == 0) return Html.Of($"<p class=\"note\" id=\"no-figures\">{v.T("所选期间没有登记。", "No recordings in those months.")}</p>");
        var rows = figures.Select(f => Html.Of($"""
            <tr><td>{S(f["month"])}</td><td>{TypeName(v, f["type"]!.GetValue<string>())}</td><td>{S(f["count"])}</td><td>{S(f["sum"])}</td>
            <td>{S(f["pricePerSquareMetre"])}</td><td class="warnings">{string.Join(", ", f["warnings"]!.AsArray().Select(w => w!.GetValue<string>()))}</td></tr>
            """));
        return Html.Of($"""
            <table id="figures"><thead><tr><th>{v.T("月份", "Month")}</th><th>{v.T("类型", "Type")}</th><th>{v.T("件数", "Count")}</th>
            <th>{v.T("金额合计（元）", "Sum (CNY)")}</th><th>{v.T("成交单价（元/㎡）", "Price per m² (CNY)")}</th><th>{v.T("预警", "Warnings")}</th></tr></thead>
            <tbody>{Html.Join(rows)}</tbody></table>
            """);
    }

    static string TypeName(Visitor v, string type) =>
        Types.FirstOrDefault(t => t.Type == type) is { Type: not null } t ? v.T(t.Zh, t.En) : type;
}
