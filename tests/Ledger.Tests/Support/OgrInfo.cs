using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Ledger.Tests.Support;

/// <summary>
/// GDAL's <c>ogrinfo</c> (Debian's gdal-bin) as a GIS client of the register: its OAPIF driver is the one QGIS opens an
/// "OGC API – Features" connection with. Missing GDAL fails the test that needs it, saying how to install it.
/// </summary>
public static partial class OgrInfo
{
    public sealed record Run(int ExitCode, string Output, string Errors, string CommandLine)
    {
        public override string ToString() => $"$ {CommandLine}\nexit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
    }

    /// <summary>One feature as ogrinfo prints it: its fields (name → text) and its geometry as WKT.</summary>
    public sealed record Feature(IReadOnlyDictionary<string, string> Fields, string? Wkt);

    public static string Executable { get; } = Find();

    static string Find()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Select(dir => Path.Combine(dir, "ogrinfo")).FirstOrDefault(File.Exists);
        return found ?? "";
    }

    /// <summary>Fails the calling test unless ogrinfo with the OAPIF driver is installed.</summary>
    public static void Require()
    {
        if (Executable.Length == 0)
            Assert.Fail("ogrinfo (GDAL) is not installed, and this test needs it to read the register the way QGIS does: install it with "
                + "`apt-get install -y gdal-bin` (Debian/Ubuntu; .ci/run does so), then run the test again.");
    }

    /// <summary>
    /// Runs ogrinfo with the caller's bearer token in every request (GDAL config <c>GDAL_HTTP_HEADERS</c>) and CPL_DEBUG on,
    /// so that stderr lists each URL GDAL fetched.
    /// </summary>
    public static async Task<Run> RunAsync(string token, params string[] arguments)
    {
        Require();
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            StandardOutputEncoding = System.Text.Encoding.UTF8, StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        string[] all = ["--config", "GDAL_HTTP_HEADERS", $"Authorization: Bearer {token}", "--config", "CPL_DEBUG", "ON",
            "--config", "GDAL_HTTP_TIMEOUT", "30", .. arguments];
        foreach (var argument in all) info.ArgumentList.Add(argument);
        // Loopback is never proxied; GDAL's answers are in English whatever the machine's locale.
        info.Environment["NO_PROXY"] = info.Environment["no_proxy"] = "127.0.0.1,localhost";
        info.Environment["LC_ALL"] = "C.UTF-8";

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"ogrinfo {string.Join(' ', arguments)} ran for more than 120 s");
        }
        var commandLine = "ogrinfo " + string.Join(' ', all.Select(a => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a))
            .Replace(token, "<token>", StringComparison.Ordinal);
        return new Run(process.ExitCode, await output, await errors, commandLine);
    }

    [GeneratedRegex(@"^Layer name: (?<name>.+)$[\s\S]*?^Feature Count: (?<count>-?\d+)$", RegexOptions.Multiline)]
    private static partial Regex LayerSummary();

    // "1: parcels (title: Land parcels (宗地))" or "1: parcels (Polygon)": the name, then what GDAL knows of the layer.
    [GeneratedRegex(@"^\d+: (?<name>\S+)( \((?<type>.*)\))?$", RegexOptions.Multiline)]
    private static partial Regex LayerLine();

    [GeneratedRegex(@"^  (?<name>\S+) \((?<type>[^)]+)\) = (?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex FieldLine();

    [GeneratedRegex(@"^  (?<wkt>(MULTI)?POLYGON .*)$", RegexOptions.Multiline)]
    private static partial Regex GeometryLine();

    /// <summary>The layers of the data source, as listed by <c>ogrinfo -ro -q</c>: name → the parenthesis after it.</summary>
    public static IReadOnlyDictionary<string, string> Layers(string output) =>
        LayerLine().Matches(output).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["type"].Value);

    /// <summary>Each layer's "Feature Count" in a summary (<c>-so</c>).</summary>
    public static IReadOnlyDictionary<string, int> FeatureCounts(string output) =>
        LayerSummary().Matches(output).ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["count"].Value, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The features of a full listing, in the order printed.</summary>
    public static IReadOnlyList<Feature> Features(string output) =>
        [.. output.Split("\nOGRFeature(").Skip(1).Select(block => new Feature(
            FieldLine().Matches(block).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value),
            GeometryLine().Match(block) is { Success: true } g ? g.Groups["wkt"].Value : null))];
}
