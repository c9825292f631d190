using Ledger.Legacy.Normalising;
using Ledger.Values;

namespace Ledger.Legacy.Importing;

/// <summary>
/// The file read, normalised and de-duplicated before anything is written, the same on every run: which rows are units
/// (<see cref="Records"/>, in file order), which are duplicates of another row, which are rejected and why, and the one
/// spelling each holder gets (the first spelling in the file, normalised; every other spelling is reported).
/// </summary>
public sealed class ImportPlan
{
    public required LegacyFile File { get; init; }
    public required List<LegacyRecord> Records { get; init; }
    public required List<RejectedRow> Rejected { get; init; }
    public required List<MergedRow> Merged { get; init; }
    public required List<NameVariant> NameVariants { get; init; }
    public required List<IdVariant> IdVariants { get; init; }

    public static ImportPlan Make(LegacySource source, LegacyFile file, LegacyMappings mappings, string office)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(mappings);
        var missing = LegacyReaders.Columns[source].Where(c => !file.Header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException($"The file is not a {source.ToString().ToLowerInvariant()} export: its header lacks {string.Join(", ", missing)}.");

        var records = new List<LegacyRecord>();
        var rejected = new List<RejectedRow>();
        var merged = new List<MergedRow>();
        var byKey = new Dictionary<string, LegacyRecord>(StringComparer.Ordinal);
        var byId = new Dictionary<string, LegacyRecord>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var variants = new Dictionary<(string Typed, string Unified, string Id), List<int>>();
        var idVariants = new List<IdVariant>();

        // Reading and checking a row needs that row alone (and the read-only mapping tables): done on every core, in file
        // order; what depends on earlier rows (duplicates, one spelling per person) is decided after, row by row.
        var read = file.Rows.AsParallel().AsOrdered().Select(row =>
        {
            var (record, problems) = LegacyReaders.Read(source, row);
            if (record is not null && Placement(record, mappings, office) is { } placement) problems = [placement];
            return (row, record, problems);
        }).ToList();
        foreach (var (row, record, problems) in read)
        {
            var legacyId = row.Malformed ? null : LegacyText.Compact(row["原记录号"]);
            if (record is null || problems.Count > 0)
            {
                rejected.Add(new RejectedRow(row.Line, legacyId, problems));
                continue;
            }

            if (byKey.TryGetValue(record.Key, out var first) || byId.TryGetValue(record.LegacyId, out first))
            {
                if (Conflict(first, record) is { } conflict)
                    rejected.Add(new RejectedRow(row.Line, legacyId, [new RowProblem("legacy-duplicate-conflict", null,
                        $"Line {first.Line} ({first.LegacyId}) is the same record ({(first.Key == record.Key ? $"certificate {record.Key}" : $"原记录号 {record.LegacyId}")}) but {conflict}.")]));
                else
                {
                    merged.Add(new MergedRow(row.Line, record.LegacyId, record.Key, first.Line, first.LegacyId, null,
                        first.RowSha256 == record.RowSha256 ? "the same row again" : "the same certificate, holders and unit"));
                    Unify(record, names, variants, idVariants);
                }

                continue;
            }

            byKey[record.Key] = record;
            byId[record.LegacyId] = record;
            records.Add(Unify(record, names, variants, idVariants));
        }

        return new ImportPlan
        {
            File = file, Records = records, Rejected = rejected, Merged = merged, IdVariants = idVariants,
            NameVariants = [.. variants.Select(v => new NameVariant(v.Key.Typed, v.Key.Unified, PartyNumber.Mask(v.Key.Id), v.Value))],
        };
    }

    /// <summary>What makes a row impossible to place, judged from the file and the mapping tables alone.</summary>
    static RowProblem? Placement(LegacyRecord record, LegacyMappings mappings, string office)
    {
        if (record.GivenUnitCode is { } given)
        {
            if (!UnitCode.TryParse(given, out var code, out var error)) return new RowProblem("legacy-unit-code-invalid", "宗地代码", error);
            if (code.County != office) return new RowProblem("legacy-unit-code-invalid", "宗地代码", $"The parcel code {given} lies in county {code.County}, not in office {office}.");
            if (code.Kind != UnitKind.Land || code.FixtureKind != 'W' || code.Ownership != record.Ownership || code.RightKind != record.RightKind)
                return new RowProblem("legacy-unit-code-invalid", "宗地代码", $"The parcel code {given} is not a bare {record.Ownership}{record.RightKind} parcel as the record's 权利性质 and 用途 say.");
            return null;
        }

        if (record.Source != LegacySource.House && District(record, mappings, office) is null)
            return new RowProblem("legacy-location-unmapped", record.Source == LegacySource.Land ? "地号/坐落" : "项目名称",
                $"No row of migrations-legacy/mappings/districts.csv for county {office} places '{record.ParcelNumber ?? record.Location}' in a cadastral district.");
        if (record.Mortgage is { } m && mappings.MortgageeCode(m.Mortgagee) is null)
            return new RowProblem("legacy-mortgagee-unknown", "抵押",
                $"The mortgagee '{m.Mortgagee}' is not in migrations-legacy/mappings/mortgagees.csv: add its credit code and import the file again.");
        return null;
    }

    public static string? District(LegacyRecord record, LegacyMappings mappings, string office) =>
        mappings.District(office, [("地号", record.ParcelNumber), ("坐落", record.Location), ("项目名称", record.ProjectName)]);

    static string? Conflict(LegacyRecord first, LegacyRecord again)
    {
        if (!first.Holders.Select(h => h.IdNumber).Order(StringComparer.Ordinal).SequenceEqual(again.Holders.Select(h => h.IdNumber).Order(StringComparer.Ordinal)))
            return "its holders differ";
        if (first.Area != again.Area) return $"its area differs ({first.Area} m² and {again.Area} m²)";
        if (first.Key != again.Key) return $"its certificate number differs ({first.Key} and {again.Key})";
        return first.RegisteredOn != again.RegisteredOn ? "its registration date differs" : null;
    }

    static LegacyRecord Unify(LegacyRecord record, Dictionary<string, string> names, Dictionary<(string, string, string), List<int>> variants, List<IdVariant> idVariants)
    {
        var holders = record.Holders.Select(h =>
        {
            if (!names.TryGetValue(h.IdNumber, out var unified)) names[h.IdNumber] = unified = h.Name;
            if (h.TypedName != unified)
            {
                var key = (h.TypedName, unified, h.IdNumber);
                if (!variants.TryGetValue(key, out var lines)) variants[key] = lines = [];
                lines.Add(record.Line);
            }

            var typed = LegacyText.Compact(h.TypedIdNumber);
            var form = typed.Length == 15 ? "15 digits" : typed.Any(char.IsAsciiLetterLower) ? "lowercase letters" : typed != h.TypedIdNumber.Trim() ? "full width or spaces" : null;
            if (form is not null) idVariants.Add(new IdVariant(record.Line, form, PartyNumber.Mask(h.IdNumber)));
            return h with { Name = unified };
        }).ToList();
        return record with { Holders = holders };
    }
}
