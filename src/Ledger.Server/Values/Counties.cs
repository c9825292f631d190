using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Ledger.Values;

/// <summary>The GB/T 2260 county-level divisions, read once from the embedded counties.csv.</summary>
public static class Counties
{
    /// <summary>The manifest name the csproj gives Data/counties.csv.</summary>
    public const string ResourceName = "Ledger.Values.Data.counties.csv";

    private static readonly Lazy<FrozenDictionary<string, County>> Table = new(Load);

    /// <summary>Finds a county-level division by its six-digit code.</summary>
    public static bool TryGet(string? code, [NotNullWhen(true)] out County? county)
    {
        county = null;
        return code is not null && Table.Value.TryGetValue(code, out county);
    }

    /// <summary>How many county-level divisions the table holds.</summary>
    public static int Count => Table.Value.Count;

    /// <summary>Every county-level division, in code order.</summary>
    public static IEnumerable<County> All => Table.Value.Values.OrderBy(c => c.Code, StringComparer.Ordinal);

    private static FrozenDictionary<string, County> Load()
    {
        using var stream = typeof(Counties).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"The county table is missing: embed Values/Data/counties.csv as '{ResourceName}'.");
        using var reader = new StreamReader(stream);
        return Read(reader).ToFrozenDictionary(c => c.Code, StringComparer.Ordinal);
    }

    internal static IEnumerable<County> Read(TextReader reader)
    {
        var header = reader.ReadLine();
        if (header != "code,name,city,province")
        {
            throw new InvalidDataException($"counties.csv has an unexpected header '{header}'.");
        }

        var line = 1;
        while (reader.ReadLine() is { } row)
        {
            line++;
            var cells = row.Split(',');
            var abbreviation = cells.Length == 4 && cells[0].Length == 6 && cells[0].All(char.IsAsciiDigit)
                ? Provinces.AbbreviationFor(cells[0])
                : null;
            if (abbreviation is null || cells.Skip(1).Any(string.IsNullOrWhiteSpace))
            {
                throw new InvalidDataException($"counties.csv line {line} is malformed: '{row}'.");
            }

            yield return new County(cells[0], cells[1], cells[2], cells[3], abbreviation);
        }
    }
}
