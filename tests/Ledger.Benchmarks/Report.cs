using System.Text;

namespace Ledger.Benchmarks;

/// <summary>The figures as a Markdown table, printed and kept in results/latest.md for the README.</summary>
sealed class Report(string root, string third = "ratio to pgbench", string file = "latest.md")
{
    readonly List<(string What, string Measured, string Ratio)> _rows = [];

    public void Add(string what, string measured, string ratio)
    {
        _rows.Add((what, measured, ratio));
        Console.WriteLine($"   {what}: {measured}{(ratio.Length > 0 ? $" ({third} {ratio})" : "")}");
    }

    public void Write()
    {
        var cores = Repository.Run("nproc").Output.Trim();
        var commit = Repository.Run("git", "-C", root, "rev-parse", "--short", "HEAD").Output.Trim();
        var dirty = Repository.Run("git", "-C", root, "status", "--porcelain", "--", "src").Output.Length > 0 ? " (src/ has uncommitted changes)" : "";
        var text = new StringBuilder()
            .AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {cores} cores (nproc), commit {commit}{dirty}.")
            .AppendLine()
            .AppendLine($"| what | measured | {third} |")
            .AppendLine("|---|---|---|");
        foreach (var (what, measured, ratio) in _rows) text.AppendLine($"| {what} | {measured.Replace("|", "\\|", StringComparison.Ordinal)} | {ratio} |");
        var folder = Path.Combine(root, "tests", "Ledger.Benchmarks", "results");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, file), text.ToString());
        Console.WriteLine();
        Console.WriteLine(text);
    }
}
