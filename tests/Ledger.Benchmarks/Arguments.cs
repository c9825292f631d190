using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>The runs' command-line options: <c>--name value</c>, or the default when not given.</summary>
static class Arguments
{
    public static int Option(string[] args, string name, int fallback) =>
        Text(args, name) is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public static string? Text(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
