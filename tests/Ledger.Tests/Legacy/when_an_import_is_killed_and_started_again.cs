using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Ledger.Hosting;
using Ledger.Legacy;
using Ledger.Legacy.Importing;
using Ledger.Tests.Support;
using Ledger.Values;
using Marten;

namespace Ledger.Tests.Legacy;

/// <summary>
/// The importer as a clerk runs it, a child process (<c>dotnet Ledger.Server.dll import-legacy …</c>) on the test database,
/// killed while it writes and started again: it finishes with every row once, no unit twice and no number skipped.
/// </summary>
public sealed class when_an_import_is_killed_and_started_again(LedgerHost fixture) : LedgerScenario(fixture)
{
    const int Rows = 4000;

    /// <summary>A land export of <paramref name="rows"/> clean rows in sub-district 003-002 of Chaoyang.</summary>
    internal static string LandFile(int rows)
    {
        var path = Path.Combine(Path.GetTempPath(), $"legacy-land-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder("原记录号,土地证号,地号,宗地代码,坐落,权利人,证件号,权利性质,用途,面积,终止日期,登记日期,备注\n");
        for (var i = 1; i <= rows; i++)
        {
            var body = string.Create(CultureInfo.InvariantCulture, $"11010519{60 + i % 40:D2}{1 + i % 12:D2}{1 + i % 28:D2}{i % 1000:D3}");
            text.Append(CultureInfo.InvariantCulture,
                $"K{i:D7},京朝国用({1990 + i % 30})第{i:D6}号,003-002-{i:D5},,北京市朝阳区建国路{i}号,王{i % 97}{i % 89},{body}{IdentityNumber.CheckCharacter(body)},国有出让,城镇住宅用地,{100 + i % 900}.5,2068-05-02,{1990 + i % 30}-{1 + i % 12}-{1 + i % 28},\n");
        }

        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    /// <summary>Deletes a file made by <see cref="LandFile"/> and the reports an import wrote beside it.</summary>
    internal static void Discard(string file)
    {
        foreach (var path in new[] { file, file + ".report.json", file + ".report.md" })
            File.Delete(path);
    }

    static Process Start(string file, string connectionString)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Repository.Root };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Ledger.Server.dll"), "import-legacy", "--source", "land", "--office", "110105", "--batch-size", "40", "--writers", "2", file })
            info.ArgumentList.Add(arg);
        info.Environment["ConnectionStrings__Ledger"] = connectionString;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    [Fact]
    public async Task it_resumes_with_no_row_twice_and_no_number_skipped()
    {
        var file = LandFile(Rows);
        var connection = await TestDatabase.ConnectionStringAsync();
        var store = Host.Services.GetRequiredService<IDocumentStore>();

        try
        {
            using (var first = Start(file, connection))
            {
                // Killed while it writes: after a few batches have committed, wherever it is in the next one.
                var watch = Stopwatch.StartNew();
                while (watch.Elapsed < TimeSpan.FromMinutes(3) && !first.HasExited)
                {
                    await using var query = store.QuerySession();
                    if (await query.Query<ImportBatch>().CountAsync() >= 5) break;
                    await Task.Delay(50);
                }

                Assert.False(first.HasExited, "the import finished before it could be killed; give it more rows");
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }

            int committed;
            await using (var query = store.QuerySession())
            {
                committed = await query.Query<LegacyKey>().CountAsync(k => k.Id.StartsWith("row:"));
                Assert.InRange(committed, 1, Rows - 1);
            }

            using (var second = Start(file, connection))
            {
                await second.WaitForExitAsync();
                Assert.Equal(0, second.ExitCode);
            }

            var report = JsonSerializer.Deserialize<ImportReport>(await File.ReadAllTextAsync(file + ".report.json"), LedgerJson.Options)!;
            Assert.Equal((Rows, Rows, 0, 0), (report.Rows, report.Imported, report.Merged, report.Rejected));
            Assert.Equal(committed, report.ImportedEarlier);

            await using var session = store.QuerySession();
            var codes = (await session.Query<LegacyKey>().Where(k => k.Id.StartsWith("row:")).Select(k => k.UnitCode).ToListAsync()).ToList();
            Assert.Equal(Rows, codes.Distinct().Count());
            var imported = await session.Events.QueryRawEventDataOnly<UnitImported>().CountAsync();
            Assert.Equal(Rows, imported);
            // Numbers are assigned to the whole file from the highest in the register when it was first run: 00001…04000, none skipped,
            // although two writers commit batches out of order and the kill leaves holes the second run fills.
            Assert.Equal(Enumerable.Range(1, Rows), codes.Select(c => int.Parse(c.AsSpan(14, 5), CultureInfo.InvariantCulture)).Order());
        }
        finally
        {
            Discard(file);
        }
    }
}
