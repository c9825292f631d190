namespace Ledger.Legacy.Importing;

public sealed record RejectedRow(int Line, string? LegacyId, IReadOnlyList<RowProblem> Problems);

/// <summary>A row that is the same record as another: it adds nothing to the register; <c>UnitCode</c> is the unit it merged into.</summary>
public sealed record MergedRow(int Line, string LegacyId, string Key, int? IntoLine, string IntoLegacyId, string? UnitCode, string Why);

/// <summary>A holder written differently than the register writes them; identity numbers masked as for anyone but the holder.</summary>
public sealed record NameVariant(string Typed, string Unified, string IdNumber, IReadOnlyList<int> Lines);

/// <summary>An identity number typed in an older or sloppier form (15 digits, lowercase x, full width) and written as 18 characters.</summary>
public sealed record IdVariant(int Line, string Form, string IdNumber);

public sealed record ImportedRow(int Line, string LegacyId, string UnitCode, bool Earlier, IReadOnlyList<string> Flags);

/// <summary>
/// What became of every row: <c>Rows = Imported + Merged + Rejected</c>. <c>Imported</c> counts the rows whose unit is in
/// the register, whether this run or an earlier one wrote it (<c>ImportedEarlier</c>): a re-run reads the same and adds nothing.
/// </summary>
public sealed record ImportReport(
    LegacySource Source, string Office, string File, string FileSha256, string Encoding, int Rows, int Imported, int Merged, int Rejected,
    int ImportedEarlier, int LandLinkMissing, IReadOnlyList<ImportedRow> Units, IReadOnlyList<RejectedRow> RejectedRows,
    IReadOnlyList<MergedRow> MergedRows, IReadOnlyList<NameVariant> NameVariants, IReadOnlyList<IdVariant> IdVariants,
    DateTimeOffset StartedAt, DateTimeOffset FinishedAt, double PlanSeconds = 0)
{
    public bool AddsUp => Rows == Imported + Merged + Rejected;

    public double RowsPerSecond => Rows / Math.Max((FinishedAt - StartedAt).TotalSeconds, 0.001);

    public string ToMarkdown()
    {
        var md = new System.Text.StringBuilder();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Legacy import: {Source.ToString().ToLowerInvariant()} · office {Office}");
        md.AppendLine();
        md.AppendLine(inv, $"File `{File}` ({Encoding}, SHA-256 `{FileSha256}`), {StartedAt:u} – {FinishedAt:u} (reading and checking the file {PlanSeconds:F1} s, {RowsPerSecond:F0} rows/s overall).");
        md.AppendLine();
        md.AppendLine("| rows | imported | of which earlier | merged | rejected | adds up |");
        md.AppendLine("|---:|---:|---:|---:|---:|:--|");
        md.AppendLine(inv, $"| {Rows} | {Imported} | {ImportedEarlier} | {Merged} | {Rejected} | {(AddsUp ? "yes" : "**NO**")} |");
        md.AppendLine();
        md.AppendLine(inv, $"## Rejected ({RejectedRows.Count})");
        md.AppendLine();
        md.AppendLine("| line | 原记录号 | code | column | reason |");
        md.AppendLine("|---:|---|---|---|---|");
        foreach (var r in RejectedRows)
            foreach (var p in r.Problems)
                md.AppendLine(inv, $"| {r.Line} | {r.LegacyId} | `{p.Code}` | {p.Column} | {p.Message.Replace("|", "\\|", StringComparison.Ordinal)} |");
        md.AppendLine();
        md.AppendLine(inv, $"## Merged into a duplicate ({MergedRows.Count})");
        md.AppendLine();
        md.AppendLine("| line | 原记录号 | same as | unit | why |");
        md.AppendLine("|---:|---|---|---|---|");
        foreach (var m in MergedRows)
            md.AppendLine(inv, $"| {m.Line} | {m.LegacyId} | {(m.IntoLine is { } l ? $"line {l}, " : "")}{m.IntoLegacyId} | {m.UnitCode} | {m.Why} |");
        md.AppendLine();
        md.AppendLine(inv, $"## Name variants unified ({NameVariants.Count})");
        md.AppendLine();
        md.AppendLine("| typed | written as | identity number | lines |");
        md.AppendLine("|---|---|---|---|");
        foreach (var v in NameVariants) md.AppendLine(inv, $"| {v.Typed} | {v.Unified} | {v.IdNumber} | {string.Join(", ", v.Lines)} |");
        md.AppendLine();
        md.AppendLine(inv, $"## Identity numbers in older forms ({IdVariants.Count})");
        md.AppendLine();
        md.AppendLine("| line | form | written as |");
        md.AppendLine("|---:|---|---|");
        foreach (var v in IdVariants) md.AppendLine(inv, $"| {v.Line} | {v.Form} | {v.IdNumber} |");
        md.AppendLine();
        var flagged = Units.Where(u => u.Flags.Count > 0).ToList();
        md.AppendLine(inv, $"## Imported with flags ({flagged.Count})");
        md.AppendLine();
        md.AppendLine("| line | 原记录号 | unit | flags |");
        md.AppendLine("|---:|---|---|---|");
        foreach (var u in flagged) md.AppendLine(inv, $"| {u.Line} | {u.LegacyId} | {u.UnitCode} | {string.Join(", ", u.Flags)} |");
        return md.ToString();
    }
}
