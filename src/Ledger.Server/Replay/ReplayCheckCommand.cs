using JasperFx.CommandLine;
using Ledger.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Replay;

public sealed class ReplayCheckInput : NetCoreInput
{
    [Description("Keep the scratch schema (ledger_replay) afterwards to look at the replayed rows")]
    public bool KeepFlag { get; set; }
}

/// <summary><c>dotnet run --project src/Ledger.Server -- replay-check</c>: exits non-zero when any view differs from its replay.</summary>
[Description("Rebuild every projection from the events into a scratch schema and compare it with the live one, row by row", Name = "replay-check")]
public sealed class ReplayCheckCommand : JasperFxAsyncCommand<ReplayCheckInput>
{
    public override async Task<bool> Execute(ReplayCheckInput input)
    {
        using var host = input.BuildHost();
        var connection = host.Services.GetRequiredService<LedgerConnection>();
        var check = new ReplayCheck(connection.ConnectionString);
        var report = await check.RunAsync(Console.Out, CancellationToken.None);
        if (!input.KeepFlag) await check.DropScratchAsync(CancellationToken.None);

        var differing = report.Views.Sum(v => v.Differing);
        Console.WriteLine(report.Clean
            ? $"replay-check: {report.Events:N0} events replayed into {report.Views.Count} views in {report.Took.TotalSeconds:N1} s; no differences"
            : $"replay-check: {differing:N0} rows differ in {report.Views.Count(v => v.Differing > 0)} of {report.Views.Count} views (see above)");
        return report.Clean;
    }
}
