using System.Globalization;
using System.Text;

namespace Ledger.Benchmarks.Space;

sealed record SpaceFigures(
    ParcelGrid Grid, LoadFigures Loaded, double VacuumSeconds, IReadOnlyList<(string Name, string Size)> Sizes, long UnitsAtEnd,
    EstablishingFigures Establishing, LookupFigures Lookups, SqlFigures OverlapSql, SqlFigures PointSql,
    CapturedQuery OverlapQuery, CapturedQuery PointQuery, string OverlapPlan, string PointPlan, IReadOnlyList<(string Phase, string Cpu)> Cpu,
    double ServerPeakMiB, double RunnerPeakMiB, int Seconds, double OverlapTargetMs, double PointTargetMs, EstablishingFigures FourClerks);

/// <summary>The space run's figures as Markdown: printed, and kept in results/space.md for the README.</summary>
sealed class SpaceReport(string root, string command)
{
    readonly string _loadBefore = LoadAverage();

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    static string Ms(double value) => value.ToString("F2", CultureInfo.InvariantCulture) + " ms";
    static string Ratio(double http, double sql) => (http / sql).ToString("F1", CultureInfo.InvariantCulture) + "×";

    public void Write(SpaceFigures f)
    {
        var cores = Repository.Run("nproc").Output.Trim();
        var commit = Repository.Run("git", "-C", root, "rev-parse", "--short", "HEAD").Output.Trim();
        var dirty = Repository.Run("git", "-C", root, "status", "--porcelain", "--", "src").Output.Length > 0 ? " (src/ has uncommitted changes)" : "";
        var e = f.Establishing;
        var t = new StringBuilder();
        t.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {cores} cores (nproc), commit {commit}{dirty}, with")
            .AppendLine()
            .AppendLine("```sh").AppendLine(command).AppendLine("```")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Load average (1, 5, 15 min) when the run started: {_loadBefore}; when it ended: {LoadAverage()}.")
            .AppendLine()
            .AppendLine("| what | measured |")
            .AppendLine("|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| parcels bulk-loaded (one county, {f.Grid.Width} × {f.Grid.Rows} grid of ≈ 26 m × 28 m cells, {f.Grid.Districts} district(s) × {f.Grid.SubDistricts} sub-district(s)) | {f.Loaded.Parcels:N0} in {f.Loaded.Seconds:F0} s = {f.Loaded.PerSecond:F0}/s (Marten StartStream, server StoreOptions, {f.Loaded.Workers} tasks × sessions of {f.Loaded.Batch:N0}) |")
            .AppendLine(CultureInfo.InvariantCulture, $"| VACUUM (ANALYZE) + CHECKPOINT after loading | {f.VacuumSeconds:F0} s |")
            .AppendLine(CultureInfo.InvariantCulture, $"| sizes after loading (with indexes and TOAST) | {string.Join(" · ", f.Sizes.Select(s => $"{s.Name} {s.Size}"))} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| units in the register at the end | {f.UnitsAtEnd:N0} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| establishing (POST /api/units), {8} clients, {f.Seconds} s | {e.PerSecond:F0} requests/s: {e.Accepted.Count:N0} accepted (201) + {e.Refused.Count:N0} refused (409 geometry-overlap); unexpected answers {e.Unexpected}{(e.UnexpectedDetail.Length > 0 ? ": " + e.UnexpectedDetail : "")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| point lookups (GET /api/units?point=), 8 clients, {f.Seconds} s | {f.Lookups.PerSecond:F0}/s ({f.Lookups.Latency.Count:N0}); not exactly the one parcel there: {f.Lookups.WrongAnswers}{(f.Lookups.Detail.Length > 0 ? ": " + f.Lookups.Detail : "")} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| peak memory (VmHWM): server / load runner (bulk loader included) | {f.ServerPeakMiB:F0} MiB / {f.RunnerPeakMiB:F0} MiB |")
            .AppendLine()
            .AppendLine("Latency is request sent → answer read, on loopback; the raw SQL replays the very boxes the server was asked about, with the statement the server's code sends (below), 8 connections, every row read.")
            .AppendLine()
            .AppendLine("| query | through HTTP p50 · p99 | raw SQL p50 · p99 (rows per query) | HTTP ÷ SQL p50 · p99 | target (p99) | met? |")
            .AppendLine("|---|---|---|---|---|---|")
            .AppendLine(CultureInfo.InvariantCulture, $"| overlap check, POST /api/units accepted (201) | {Ms(e.Accepted.P50)} · {Ms(e.Accepted.P99)} | {Ms(f.OverlapSql.Latency.P50)} · {Ms(f.OverlapSql.Latency.P99)} ({f.OverlapSql.MeanRows:F1}) | {Ratio(e.Accepted.P50, f.OverlapSql.Latency.P50)} · {Ratio(e.Accepted.P99, f.OverlapSql.Latency.P99)} | ≤ {f.OverlapTargetMs} ms | {Met(e.Accepted.P99, f.OverlapTargetMs)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| overlap check, POST /api/units refused (409) | {Ms(e.Refused.P50)} · {Ms(e.Refused.P99)} | (same replay) | {Ratio(e.Refused.P50, f.OverlapSql.Latency.P50)} · {Ratio(e.Refused.P99, f.OverlapSql.Latency.P99)} | ≤ {f.OverlapTargetMs} ms | {Met(e.Refused.P99, f.OverlapTargetMs)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| overlap check, all POST /api/units | {Ms(e.All.P50)} · {Ms(e.All.P99)} | (same replay) | {Ratio(e.All.P50, f.OverlapSql.Latency.P50)} · {Ratio(e.All.P99, f.OverlapSql.Latency.P99)} | ≤ {f.OverlapTargetMs} ms | {Met(e.All.P99, f.OverlapTargetMs)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| overlap check, all POST /api/units, 4 clients ({f.FourClerks.PerSecond:F0}/s) | {Ms(f.FourClerks.All.P50)} · {Ms(f.FourClerks.All.P99)} | (same replay) | {Ratio(f.FourClerks.All.P50, f.OverlapSql.Latency.P50)} · {Ratio(f.FourClerks.All.P99, f.OverlapSql.Latency.P99)} | ≤ {f.OverlapTargetMs} ms | {Met(f.FourClerks.All.P99, f.OverlapTargetMs)} |")
            .AppendLine(CultureInfo.InvariantCulture, $"| point lookup, GET /api/units?point= | {Ms(f.Lookups.Latency.P50)} · {Ms(f.Lookups.Latency.P99)} | {Ms(f.PointSql.Latency.P50)} · {Ms(f.PointSql.Latency.P99)} ({f.PointSql.MeanRows:F1}) | {Ratio(f.Lookups.Latency.P50, f.PointSql.Latency.P50)} · {Ratio(f.Lookups.Latency.P99, f.PointSql.Latency.P99)} | ≤ {f.PointTargetMs} ms | {Met(f.Lookups.Latency.P99, f.PointTargetMs)} |")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Raw SQL rates: overlap candidates {f.OverlapSql.PerSecond:F0}/s ({f.OverlapSql.Latency.Count:N0} queries), point candidates {f.PointSql.PerSecond:F0}/s ({f.PointSql.Latency.Count:N0}); the HTTP figures above include the whole request (validation, geodesic area, the overlap cell locks, candidates, NetTopologySuite's exact test, and for 201 the append and inline view). The replay runs after the establishing phase, so a free-space box then also finds the parcel established in it.")
            .AppendLine()
            .AppendLine("Where the CPU went (the whole machine from /proc/stat, so other work running on it is counted in the rest):")
            .AppendLine();
        foreach (var (phase, cpu) in f.Cpu) t.AppendLine(CultureInfo.InvariantCulture, $"- {phase}: {cpu}");
        t.AppendLine()
            .AppendLine("Plans (EXPLAIN (ANALYZE, BUFFERS)) after loading, for a parcel in the middle of the grid:")
            .AppendLine()
            .AppendLine("```").Append(f.OverlapPlan).AppendLine("```")
            .AppendLine()
            .AppendLine("```").Append(f.PointPlan).AppendLine("```");
        var folder = Path.Combine(root, "tests", "Ledger.Benchmarks", "results");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "space.md"), t.ToString());
        Console.WriteLine();
        Console.WriteLine(t);
    }

    static string Met(double p99, double target) => p99 <= target ? "yes" : "**no**";
}
