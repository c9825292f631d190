using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JasperFx.CommandLine;
using Ledger.Hosting;
using Marten;
using Spectre.Console;

namespace Ledger.Legacy.Importing;

public sealed class ImportLegacyInput : NetCoreInput
{
    [Description("The file to import: CSV with a header row, UTF-8 (with or without BOM) or GB18030")]
    public string File { get; set; } = "";

    [Description("land (土地登记卡), house (房屋所有权登记) or sea (海域使用权证)")]
    [FlagAlias("source", 's')]
    public string SourceFlag { get; set; } = "";

    [Description("The county code of the office taking the records over, e.g. 110105")]
    [FlagAlias("office", 'o')]
    public string OfficeFlag { get; set; } = "";

    [Description("Units written per transaction (default 250)")]
    [FlagAlias("batch-size", 'b')]
    public int BatchSizeFlag { get; set; } = 250;

    [Description("Batches written at once, each in its own transaction (default 2)")]
    [FlagAlias("writers", 'w')]
    public int WritersFlag { get; set; } = 2;

    [Description("The folder of districts.csv and mortgagees.csv (default: migrations-legacy/mappings found upwards)")]
    [FlagAlias("mappings", 'm')]
    public string? MappingsFlag { get; set; }

    [Description("Where to write the report (default: beside the file, <file>.report.json and .report.md)")]
    [FlagAlias("report", 'r')]
    public string? ReportFlag { get; set; }
}

/// <summary><c>import-legacy --source land|house|sea --office &lt;county&gt; &lt;file&gt;</c>: takes a legacy register's export over (issue 7).</summary>
[Description("Import a legacy land, house or sea-area register export (存量数据); idempotent and resumable", Name = "import-legacy")]
public sealed class ImportLegacyCommand : JasperFxAsyncCommand<ImportLegacyInput>
{
    public ImportLegacyCommand() => Usage("Import a legacy export").Arguments(x => x.File);

    public override async Task<bool> Execute(ImportLegacyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!Enum.TryParse<LegacySource>(input.SourceFlag, ignoreCase: true, out var source) || !Enum.IsDefined(source))
        {
            AnsiConsole.MarkupLine("[red]--source must be land, house or sea.[/]");
            return false;
        }

        var mappingsFolder = input.MappingsFlag ?? LegacyMappings.Find(input.File);
        if (mappingsFolder is null || !System.IO.File.Exists(input.File))
        {
            AnsiConsole.MarkupLine(mappingsFolder is null ? "[red]No migrations-legacy/mappings folder found; name it with --mappings.[/]" : $"[red]No file {Markup.Escape(input.File)}.[/]");
            return false;
        }

        using var host = input.BuildHost();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var importer = new LegacyImporter(store, LegacyMappings.Load(mappingsFolder), TimeProvider.System);
        var options = new ImportOptions(source, input.OfficeFlag.Trim(), input.File, input.BatchSizeFlag, input.WritersFlag);

        var clock = Stopwatch.StartNew();
        ImportReport report;
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            report = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask($"{source} rows", maxValue: 1);
                    return await importer.RunAsync(options, new Progress<ImportTick>(t =>
                    {
                        task.MaxValue = Math.Max(1, t.Total);
                        task.Value = t.Done;
                        task.Description = string.Create(CultureInfo.InvariantCulture, $"{t.Done:N0}/{t.Total:N0} rows · {t.Done / Math.Max(clock.Elapsed.TotalSeconds, 0.001):N0} rows/s");
                    }), CancellationToken.None);
                });
        }
        else
        {
            // Redirected output (a log, a CI job): one line per tick at most every two seconds, with the same figures.
            var last = TimeSpan.Zero;
            report = await importer.RunAsync(options, new SyncProgress(t =>
            {
                if (clock.Elapsed - last < TimeSpan.FromSeconds(2) && t.Done < t.Total) return;
                last = clock.Elapsed;
                var rate = t.Done / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
                var eta = rate > 0 ? TimeSpan.FromSeconds((t.Total - t.Done) / rate) : TimeSpan.Zero;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import-legacy: {t.Done:N0}/{t.Total:N0} records · {rate:N0} rows/s · ETA {eta:hh\\:mm\\:ss}"));
            }), CancellationToken.None);
        }

        var path = input.ReportFlag ?? input.File;
        await System.IO.File.WriteAllTextAsync(path + ".report.json", JsonSerializer.Serialize(report, ReportJson));
        await System.IO.File.WriteAllTextAsync(path + ".report.md", report.ToMarkdown());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import-legacy: {report.Rows} rows = {report.Imported} imported ({report.ImportedEarlier} earlier) + {report.Merged} merged + {report.Rejected} rejected; {report.LandLinkMissing} land-link-missing; {report.RowsPerSecond:N0} rows/s (file read and checked in {report.PlanSeconds:F1} s); report {path}.report.md"));
        return report.AddsUp;
    }

    static readonly JsonSerializerOptions ReportJson = new(LedgerJson.Options) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    sealed class SyncProgress(Action<ImportTick> report) : IProgress<ImportTick>
    {
        public void Report(ImportTick value) => report(value);
    }
}
