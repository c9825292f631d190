using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Bogus;
using Ledger.Hosting;
using Ledger.Legacy.Importing;
using Ledger.Values;
using Npgsql;

namespace Ledger.Benchmarks.Import;

/// <summary>
/// The legacy import run (issue 7): N Bogus-generated land rows (土地登记卡) imported by the real command as a child process,
/// against a raw <c>COPY</c> of the same file into a plain table of text columns, in the same run on the same PostgreSQL.
///   dotnet run -c Release --project tests/Ledger.Benchmarks -- import [--rows 1000000] [--batch-size 250] [--writers 2] [--build] [--keep]
/// </summary>
static class ImportRun
{
    const double TargetRowsPerSecond = 5_000;

    public static async Task RunAsync(string[] args)
    {
        var rows = Arguments.Option(args, "--rows", 1_000_000);
        var batch = Arguments.Option(args, "--batch-size", 250);
        var writers = Arguments.Option(args, "--writers", 2);
        var root = Repository.Root();
        var command = "dotnet run -c Release --project tests/Ledger.Benchmarks -- import " + string.Join(' ', args);
        var folder = Path.Combine(OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp", $"ledger-import-{Guid.NewGuid():N}");
        var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
        var file = Path.Combine(folder + "-files", "land.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            await postgres.StartAsync("ledger_import", m => Console.WriteLine(m));
            var connectionString = postgres.ConnectionString("ledger_import");

            Console.WriteLine($"1. generating {rows:N0} land rows (Bogus, seed 7) into {file}");
            var watch = Stopwatch.StartNew();
            Generate(file, rows);
            Console.WriteLine($"   {new FileInfo(file).Length / 1_048_576.0:F0} MiB in {watch.Elapsed.TotalSeconds:F0} s");

            Console.WriteLine("2. COPY of the same file into a plain table of text columns (the floor)");
            var copySeconds = await CopyAsync(connectionString, file);
            Console.WriteLine($"   {rows / copySeconds:F0} rows/s ({copySeconds:F1} s)");

            var dll = Path.Combine(root, "src", "Ledger.Server", "bin", "Release", "net10.0", "Ledger.Server.dll");
            if (args.Contains("--build") || !File.Exists(dll))
            {
                Console.WriteLine("   building src/Ledger.Server (Release)");
                var (exit, output) = Repository.Run("dotnet", "build", "-c", "Release", Path.Combine(root, "src", "Ledger.Server"));
                if (exit != 0) throw new InvalidOperationException("the server does not build:\n" + output);
            }

            Console.WriteLine($"3. import-legacy --source land --office 110105 --batch-size {batch} --writers {writers} (child process)");
            watch.Restart();
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, WorkingDirectory = root };
            foreach (var a in new[] { dll, "import-legacy", "--source", "land", "--office", "110105", "--batch-size", batch.ToString(CultureInfo.InvariantCulture), "--writers", writers.ToString(CultureInfo.InvariantCulture), file })
                info.ArgumentList.Add(a);
            info.Environment["ConnectionStrings__Ledger"] = connectionString;
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            using (var process = Process.Start(info)!)
            {
                await process.WaitForExitAsync();
                if (process.ExitCode != 0) throw new InvalidOperationException($"import-legacy exited with {process.ExitCode}");
            }

            var wall = watch.Elapsed.TotalSeconds;
            var report = JsonSerializer.Deserialize<ImportReport>(await File.ReadAllTextAsync(file + ".report.json"), LedgerJson.Options)!;
            var importRate = report.RowsPerSecond;
            var cores = Repository.Run("nproc").Output.Trim();
            var commit = Repository.Run("git", "-C", root, "rev-parse", "--short", "HEAD").Output.Trim();
            var text = new StringBuilder()
                .AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {cores} cores (nproc), commit {commit}, with `{command}`.")
                .AppendLine()
                .AppendLine("| what | measured | ratio to COPY |")
                .AppendLine("|---|---|---|")
                .AppendLine(CultureInfo.InvariantCulture, $"| COPY of the file into a plain table (text columns) | {rows / copySeconds:F0} rows/s ({copySeconds:F1} s) | 1.00 |")
                .AppendLine(CultureInfo.InvariantCulture, $"| import-legacy: read, normalise, write (the importer's own clock) | {importRate:F0} rows/s ({report.Rows:N0} rows: {report.Imported:N0} imported, {report.Merged:N0} merged, {report.Rejected:N0} rejected) | {importRate / (rows / copySeconds):F3} |")
                .AppendLine(CultureInfo.InvariantCulture, $"| of which reading, normalising and checking the file (no database) | {report.PlanSeconds:F1} s ({rows / Math.Max(report.PlanSeconds, 0.001):F0} rows/s) | |")
                .AppendLine(CultureInfo.InvariantCulture, $"| import-legacy wall time, process start to exit | {wall:F1} s ({rows / wall:F0} rows/s) | {rows / wall / (rows / copySeconds):F3} |")
                .AppendLine(CultureInfo.InvariantCulture, $"| target ≥ {TargetRowsPerSecond:N0} rows/s, every row imported | {(importRate >= TargetRowsPerSecond && report.Imported == report.Rows ? "met" : "**not met**")} | |");
            var results = Path.Combine(root, "tests", "Ledger.Benchmarks", "results");
            Directory.CreateDirectory(results);
            await File.WriteAllTextAsync(Path.Combine(results, "import.md"), text.ToString());
            Console.WriteLine();
            Console.WriteLine(text);
        }
        finally
        {
            await postgres.StopAsync();
            if (!args.Contains("--keep"))
            {
                try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                try { Directory.Delete(Path.GetDirectoryName(file)!, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>
    /// The 地号 prefixes the rows are spread over (all in migrations-legacy/mappings/districts.csv): a sub-district holds at
    /// most 99,999 parcels of one ownership and right kind, so a million rows need at least eleven of them.
    /// </summary>
    static readonly string[] Prefixes =
        ["003-002", "003-005", "012-004", .. Enumerable.Range(1, 10).Select(i => $"004-{i:D3}")];

    /// <summary>Clean but varied rows, as a county's land register exports them: every area and date style, some 15-digit numbers.</summary>
    static void Generate(string path, int rows)
    {
        Randomizer.Seed = new Random(7);
        var faker = new Faker("zh_CN");
        using var writer = new StreamWriter(path, false, new UTF8Encoding(true), 1 << 20);
        writer.WriteLine("原记录号,土地证号,地号,宗地代码,坐落,权利人,证件号,权利性质,用途,面积,终止日期,登记日期,备注");
        string[] uses = ["城镇住宅用地", "商服用地", "工业用地", "机关团体用地"];
        for (var i = 1; i <= rows; i++)
        {
            var born = faker.Date.Between(new DateTime(1940, 1, 1), new DateTime(2000, 12, 31));
            var body = string.Create(CultureInfo.InvariantCulture, $"110105{born:yyyyMMdd}{faker.Random.Number(0, 999):D3}");
            // The old 15-digit form was issued before 2000 only (its year has two digits and reads as 19yy).
            var id = born.Year < 2000 && faker.Random.Number(9) == 0 ? $"110105{born:yyMMdd}{body[14..]}" : body + IdentityNumber.CheckCharacter(body);
            var registered = faker.Date.Between(new DateTime(1988, 1, 1), new DateTime(2020, 12, 31));
            var date = (i % 5) switch
            {
                0 => registered.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                1 => registered.ToString("yyyy.M.d", CultureInfo.InvariantCulture),
                2 => registered.ToString("yyyy年M月d日", CultureInfo.InvariantCulture),
                3 => registered.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                _ => ((int)(registered - new DateTime(1899, 12, 30)).TotalDays).ToString(CultureInfo.InvariantCulture),
            };
            var m2 = faker.Random.Decimal(50, 20_000);
            var area = (i % 4) switch
            {
                0 => m2.ToString("F1", CultureInfo.InvariantCulture),
                1 => m2.ToString("#,##0.00", CultureInfo.InvariantCulture) is var s && s.Contains(',', StringComparison.Ordinal) ? $"\"{s} m2\"" : $"{s} m2",
                2 => $"{m2 / 666.67m:F2}亩",
                _ => $"{m2:F1}平方米",
            };
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"B{i:D8},京朝国用({registered.Year})第{i:D7}号,{Prefixes[i % Prefixes.Length]}-{i:D6},,北京市朝阳区{faker.Address.StreetName()}{faker.Random.Number(1, 999)}号,{faker.Name.LastName()}{faker.Name.FirstName()},{id},国有出让,{uses[i % uses.Length]},{area},{registered.AddYears(70):yyyy-MM-dd},{date},\n"));
        }
    }

    static async Task<double> CopyAsync(string connectionString, string file)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("create table legacy_land_raw (原记录号 text, 土地证号 text, 地号 text, 宗地代码 text, 坐落 text, 权利人 text, 证件号 text, 权利性质 text, 用途 text, 面积 text, 终止日期 text, 登记日期 text, 备注 text)", connection))
            await create.ExecuteNonQueryAsync();
        var watch = Stopwatch.StartNew();
        await using (var copy = await connection.BeginTextImportAsync("copy legacy_land_raw from stdin (format csv, header true)"))
        using (var reader = new StreamReader(file, Encoding.UTF8))
        {
            var buffer = new char[1 << 16];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0) await copy.WriteAsync(buffer, 0, read);
        }

        return watch.Elapsed.TotalSeconds;
    }
}
