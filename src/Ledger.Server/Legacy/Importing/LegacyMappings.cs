using System.Text;
using Ledger.Legacy.Normalising;
using Ledger.Values;

namespace Ledger.Legacy.Importing;

/// <summary>
/// The mapping tables of migrations-legacy/mappings: <c>districts.csv</c> (county, field, prefix → cadastral district and
/// sub-district; the longest matching prefix wins, <c>*</c> matches anything) and <c>mortgagees.csv</c> (a mortgagee's name
/// as the old registers wrote it → its unified social credit code).
/// </summary>
public sealed class LegacyMappings
{
    sealed record DistrictRule(string County, string Field, string Prefix, string District, string SubDistrict);

    /// <summary>Each county's rules, longest prefix first (<c>*</c> last).</summary>
    readonly Dictionary<string, DistrictRule[]> _districts;
    readonly Dictionary<string, string> _mortgagees;

    LegacyMappings(List<DistrictRule> districts, Dictionary<string, string> mortgagees) =>
        (_districts, _mortgagees) = (districts.GroupBy(r => r.County, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal), mortgagees);

    public static LegacyMappings Load(string folder)
    {
        var districts = Lines(Path.Combine(folder, "districts.csv"))
            .Select(f => new DistrictRule(f[0], f[1], LegacyNames.Normalize(f[2]), f[3], f[4]))
            .OrderByDescending(r => r.Prefix == "*" ? -1 : r.Prefix.Length).ToList();
        var mortgagees = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Lines(Path.Combine(folder, "mortgagees.csv")))
        {
            if (!CreditCode.TryParse(f[1], out var code, out var error)) throw new InvalidDataException($"mortgagees.csv: {f[0]}: {error}");
            mortgagees[LegacyNames.Normalize(f[0])] = code.Value;
        }

        return new LegacyMappings(districts, mortgagees);
    }

    /// <summary>The folder beside the current directory or any parent of it, or of <paramref name="near"/>.</summary>
    public static string? Find(string near)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), Path.GetDirectoryName(Path.GetFullPath(near))!, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "migrations-legacy", "mappings");
                if (Directory.Exists(candidate)) return candidate;
                if (dir.Name == "migrations-legacy" && Directory.Exists(Path.Combine(dir.FullName, "mappings"))) return Path.Combine(dir.FullName, "mappings");
            }
        }

        return null;
    }

    /// <summary>District and sub-district (six digits) for a value of one of the record's fields, or null when no rule matches.</summary>
    public string? District(string county, IEnumerable<(string Field, string? Value)> fields)
    {
        if (!_districts.TryGetValue(county, out var rules)) return null;
        var values = fields.Where(f => f.Value is { Length: > 0 }).Select(f => (f.Field, Value: LegacyNames.Normalize(f.Value))).ToArray();
        foreach (var rule in rules)
        {
            foreach (var (field, value) in values)
                if (field == rule.Field && (rule.Prefix == "*" || value.StartsWith(rule.Prefix, StringComparison.Ordinal)))
                    return rule.District + rule.SubDistrict;
        }

        return null;
    }

    public string? MortgageeCode(string name) => _mortgagees.TryGetValue(LegacyNames.Normalize(name), out var code) ? code : null;

    static IEnumerable<string[]> Lines(string path) =>
        File.ReadAllLines(path, Encoding.UTF8).Skip(1).Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(',').Select(f => f.Trim()).ToArray());
}
