using System.Diagnostics;
using Ledger.Tests.Support;

namespace Ledger.Tests.Contracts;

/// <summary>
/// The server starts fast because Wolverine's endpoint code is generated ahead of time and compiled in
/// (src/Ledger.Server/Internal/Generated). Stale code would run yesterday's endpoint: this test
/// regenerates it and fails on any difference. Refresh it as the README says ("Changing an endpoint").
/// </summary>
public sealed class when_checking_the_pregenerated_code
{
    static Dictionary<string, string> Read(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText)
            : [];

    [Fact]
    public async Task the_committed_code_is_what_wolverine_generates_today()
    {
        var project = Path.Combine(Repository.Root, "src", "Ledger.Server");
        var generated = Path.Combine(project, "Internal", "Generated");
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var server = Path.Combine(project, "bin", configuration, "net10.0", "Ledger.Server.dll");
        Assert.True(File.Exists(server), $"the server is built with the tests: {server}");

        var committed = Read(generated);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { server, "codegen", "write" }) start.ArgumentList.Add(a);
        start.Environment["ConnectionStrings__Ledger"] = await TestDatabase.ConnectionStringAsync();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"codegen write failed: {await errors}{await output}");

        var fresh = Read(generated);
        var stale = fresh.Keys.Union(committed.Keys)
            .Where(k => !committed.TryGetValue(k, out var a) || !fresh.TryGetValue(k, out var b) || a != b).Order().ToList();
        if (stale.Count > 0)
        {
            // Put the committed files back: the test reports, it does not fix.
            foreach (var k in fresh.Keys.Except(committed.Keys)) File.Delete(Path.Combine(generated, k));
            foreach (var (k, text) in committed) await File.WriteAllTextAsync(Path.Combine(generated, k), text);
        }
        Assert.True(stale.Count == 0,
            $"Pre-generated Wolverine code is stale ({string.Join(", ", stale)}). Refresh it: rm -rf src/Ledger.Server/Internal/Generated && dotnet build src/Ledger.Server && (cd src/Ledger.Server && dotnet run --no-build -- codegen write)");
    }
}
