extern alias server;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Ledger.Benchmarks.Space;
using Ledger.Hosting;
using Ledger.Units;
using Ledger.Values;
using Marten;
using Npgsql;

namespace Ledger.Benchmarks.Sharing;

/// <summary>
/// The sharing run (issue 6): a register of N events, then, in the same run, a raw sequential read of the events table
/// (the baseline), the same events read through Marten (the floor under reading them), a full rebuild of every projection,
/// the rebuilt views' rows copied inside PostgreSQL (the floor under writing them), the live daemon folding the feeds, and
/// the feeds pulled through HTTP.
///   dotnet run -c Release --project tests/Ledger.Benchmarks -- sharing [--events 1000000] [--build] [--keep]
/// </summary>
static partial class SharingRun
{
    const string Clerk = "clerk:110105:王芳 (110105198001010016)";
    const string Reviewer = "reviewer:110105:李强 (110105197505050017)";
    const int EventsPerUnit = 8;
    const int FeedPage = 5_000;
    const double RebuildTarget = 0.25, FeedTarget = 0.5;
    static readonly Mortgagee[] Banks =
    [
        new("中国工商银行北京朝阳支行", "91350100M000100Y43"), new("中国建设银行北京朝阳支行", "91110000600037341L"),
    ];

    public static async Task RunAsync(string[] args)
    {
        var events = Arguments.Option(args, "--events", 1_000_000);
        var units = events / EventsPerUnit;
        var root = Repository.Root();
        var command = "dotnet run -c Release --project tests/Ledger.Benchmarks -- sharing " + string.Join(' ', args);
        var folder = Path.Combine("/tmp", $"ledger-sharing-{Guid.NewGuid():N}");
        var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
        var rows = new List<(string What, string Measured, string Ratio)>();
        ServerProcess? serverProcess = null;
        try
        {
            await postgres.StartAsync("ledger_sharing", m => Console.WriteLine(m));
            var connectionString = postgres.ConnectionString("ledger_sharing");
            var grid = new ParcelGrid(units);

            Console.WriteLine($"1. a register of {units:N0} units × {EventsPerUnit} events (established, first registration, mortgage, sale, seizure, release, discharge, sale)");
            double loadSeconds;
            double rebuildSeconds;
            var rebuilt = new List<(string Name, double Seconds)>();
            await using (var loader = await BulkLoad.StartAsync(root, connectionString))
            {
                loadSeconds = await LoadAsync(loader.Store, grid);
                Console.WriteLine("2. VACUUM (ANALYZE), CHECKPOINT");
                await Sql.ExecuteAsync(connectionString, "vacuum (analyze)", "checkpoint");

                Console.WriteLine("3. raw sequential read of the events table (baseline)");
                var (rawCount, rawSeconds) = await RawReadAsync(connectionString);
                var raw = rawCount / rawSeconds;
                rows.Add(("raw sequential read of ledger.mt_events (Npgsql, every column, in seq_id order) — baseline", $"{raw:F0} events/s ({rawCount:N0} in {rawSeconds:F1} s)", "1.00"));

                Console.WriteLine("3b. every event read and deserialized once through Marten, folded into nothing (what any rebuild of .NET views pays first)");
                var (martenCount, martenSeconds, martenCpu) = await MartenReadAsync(loader.Store);
                if (martenCount != rawCount) throw new InvalidOperationException($"Marten read {martenCount:N0} events, the raw read {rawCount:N0}");
                var martenRate = martenCount / martenSeconds;
                rows.Add(("every event read once through Marten and deserialized to its .NET event (`QueryAllRawEvents`, in seq_id order, after an untimed pass over the first 50,000): the floor under any rebuild that folds .NET views",
                    $"{martenRate:F0} events/s ({martenCount:N0} in {martenSeconds:F1} s; the machine's CPU {martenCpu:F1} s)", Ratio(martenRate / raw, null)));

                Console.WriteLine("4. full rebuild of every projection: the server's own command, `projections rebuild`, start to exit");
                var dll = ServerProcess.Dll(root, args.Contains("--build"));
                var info = new ProcessStartInfo("dotnet")
                {
                    WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                };
                foreach (var a in new[] { dll, "projections", "rebuild" }) info.ArgumentList.Add(a);
                info.Environment["ConnectionStrings__Ledger"] = connectionString;
                info.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
                var said = new System.Text.StringBuilder();
                var rebuildBusy = Machine.Busy();
                var watch = Stopwatch.StartNew();
                using (var rebuild = Process.Start(info)!)
                {
                    void Heard(object _, DataReceivedEventArgs e)
                    {
                        if (e.Data is not { } line) return;
                        lock (said) said.AppendLine(line);
                        if (!line.Contains("ebuil", StringComparison.Ordinal) && !line.Contains("omplete", StringComparison.Ordinal)) return;
                        Console.WriteLine($"   {watch.Elapsed.TotalSeconds,6:F1} s  {line.Trim()}");
                        if (FinishedRebuilding().Match(line) is { Success: true } finished)
                            lock (rebuilt) rebuilt.Add((finished.Groups[1].Value, watch.Elapsed.TotalSeconds));
                    }
                    rebuild.OutputDataReceived += Heard;
                    rebuild.ErrorDataReceived += Heard;
                    rebuild.BeginOutputReadLine();
                    rebuild.BeginErrorReadLine();
                    await rebuild.WaitForExitAsync();
                    if (rebuild.ExitCode != 0) throw new InvalidOperationException($"projections rebuild failed ({rebuild.ExitCode}):\n{said}");
                }
                rebuildSeconds = watch.Elapsed.TotalSeconds;
                var rebuildCpu = (Machine.Busy() - rebuildBusy).TotalSeconds;
                var rebuildRate = rawCount / rebuildSeconds;
                var projections = ((StoreOptions)loader.Store.Options).Projections.All.Count;
                rows.Add(($"full rebuild of all {projections} projections: `projections rebuild`, the server's own command (Release), from process start to exit ({string.Join(", ", rebuilt.Select(r => $"{r.Name} done after {r.Seconds:F0} s"))})",
                    $"{rebuildRate:F0} events/s ({rawCount:N0} events in {rebuildSeconds:F0} s; the machine's CPU {rebuildCpu:F0} s)", Ratio(rebuildRate / raw, RebuildTarget)));

                Console.WriteLine("4b. the rebuilt views' rows written once more inside PostgreSQL (the floor under writing them)");
                var busy = Machine.Busy();
                var (copiedRows, copiedBytes, copySeconds) = await CopyViewsAsync(connectionString, (StoreOptions)loader.Store.Options);
                var copyCpu = (Machine.Busy() - busy).TotalSeconds;
                var copyRate = rawCount / copySeconds;
                rows.Add(($"every row of the rebuilt views ({copiedRows:N0} rows, {copiedBytes / 1024.0 / 1024.0:N0} MiB) copied inside PostgreSQL into empty tables like them, their indexes included (`INSERT … SELECT`, two sessions at once): no event read, nothing folded, no JSON parsed — the floor under writing the views, which any rebuild pays",
                    $"{copyRate:F0} events/s ({rawCount:N0} events' views in {copySeconds:F1} s; the machine's CPU {copyCpu:F1} s)", Ratio(copyRate / raw, null)));

                Console.WriteLine("5. the server (Release) as a child process: its daemon folds the feeds from nothing; then the feeds through HTTP");
                await Sql.ExecuteAsync(connectionString, "delete from ledger.mt_doc_feeditem", "delete from ledger.mt_doc_sharedunit", "delete from ledger.mt_doc_monthlytally", "delete from ledger.mt_event_progression where name like 'sharing:%'");
                serverProcess = await ServerProcess.StartAsync(root, connectionString, rebuild: args.Contains("--build"));
                var caughtUp = Stopwatch.StartNew();
                await ServerProcess.WaitForAsyncViewsAsync(connectionString);
                var foldRate = rawCount / caughtUp.Elapsed.TotalSeconds;
                rows.Add(("the server's daemon folding feeds and statistics from nothing (sharing projection, live)",
                    $"{foldRate:F0} events/s ({caughtUp.Elapsed.TotalSeconds:F0} s)", Ratio(foldRate / raw, null)));

                // As before the raw read: the freshly written rows vacuumed and analysed (what autovacuum does in service).
                await Sql.ExecuteAsync(connectionString, "vacuum (analyze) ledger.mt_doc_feeditem");
                using var http = new HttpClient { BaseAddress = serverProcess.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
                foreach (var (feed, role, sub) in new[] { ("tax", "tax", "11110105MB0000001X"), ("bank", "bank", Banks[0].Code) })
                {
                    var token = await TokenAsync(http, role, sub);
                    // Untimed: the whole feed once with each consumer, so that neither timed pull below meets the server's page
                    // loop or its own parser before the tiered JIT has promoted them (a fresh server wrote its first 200 tax
                    // pages at 24.5 ms each and the next 200 at 18 ms, curl, 200,000 events).
                    await PullAsync(http, feed, token, ReadWhole);
                    await PullAsync(http, feed, token, ReadForward);
                    var (items, seconds, pages) = await PullAsync(http, feed, token, ReadWhole);
                    rows.Add(($"GET /api/feeds/{feed} from the beginning, limit {FeedPage:N0}, following next ({pages:N0} pages); the consumer parses each page whole (JsonDocument)",
                        $"{items / seconds:F0} items/s ({items:N0} items in {seconds:F1} s)", Ratio(items / seconds / raw, FeedTarget)));
                    var (forwardItems, forwardSeconds, _) = await PullAsync(http, feed, token, ReadForward);
                    if (forwardItems != items) throw new InvalidOperationException($"the two consumers of the {feed} feed saw {items:N0} and {forwardItems:N0} items");
                    rows.Add(($"the same pull; the consumer reads each page forward (Utf8JsonReader: every item's cursor, type and unit code, no tree)",
                        $"{forwardItems / forwardSeconds:F0} items/s ({forwardItems:N0} items in {forwardSeconds:F1} s)", Ratio(forwardItems / forwardSeconds / raw, FeedTarget)));
                }
            }

            var text = new StringBuilder()
                .AppendLine($"Measured {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Repository.Run("nproc").Output.Trim()} cores, commit {Repository.Run("git", "-C", root, "rev-parse", "--short", "HEAD").Output.Trim()}: `{command}`.")
                .AppendLine()
                .AppendLine($"A register of {units:N0} units and {units * EventsPerUnit:N0} events, loaded through the server's own StoreOptions in {loadSeconds:F0} s.")
                .AppendLine()
                .AppendLine("| what | measured | ratio to the raw read (target) |")
                .AppendLine("|---|---|---|");
            foreach (var (what, measured, ratio) in rows) text.AppendLine($"| {what} | {measured} | {ratio} |");
            var results = Path.Combine(root, "tests", "Ledger.Benchmarks", "results");
            Directory.CreateDirectory(results);
            await File.WriteAllTextAsync(Path.Combine(results, "sharing.md"), text.ToString());
            Console.WriteLine();
            Console.WriteLine(text);
        }
        finally
        {
            serverProcess?.Dispose();
            await postgres.StopAsync();
            if (args.Contains("--keep")) Console.WriteLine($"kept the cluster in {folder}");
            else try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Each unit's life in one stream, appended as the recordings would append it; sessions of 250 units, 2 tasks.</summary>
    static async Task<double> LoadAsync(IDocumentStore store, ParcelGrid grid)
    {
        const int batch = 250;
        var loaded = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        using var progress = new Timer(_ =>
        {
            var done = Volatile.Read(ref loaded);
            var rate = done / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            Console.WriteLine($"   units {done:N0}/{grid.Parcels:N0} ({100.0 * done / grid.Parcels:F1} %) · {rate * EventsPerUnit:F0} events/s · ETA {TimeSpan.FromSeconds((grid.Parcels - done) / Math.Max(rate, 1)):hh\\:mm\\:ss}");
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) * batch < grid.Parcels)
            {
                await using var session = store.LightweightSession();
                for (var i = b * batch; i < Math.Min(grid.Parcels, (b + 1) * batch); i++)
                    session.Events.StartStream<Unit>(grid.CodeOf(i), LifeOf(grid, i));
                await session.SaveChangesAsync();
                Interlocked.Add(ref loaded, Math.Min(grid.Parcels, (b + 1) * batch) - b * batch);
            }
        })));
        return watch.Elapsed.TotalSeconds;
    }

    static object[] LifeOf(ParcelGrid grid, int i)
    {
        var code = grid.CodeOf(i);
        var boundary = grid.ParcelBoundary(i);
        var at = new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddMinutes(i);
        var owner = new Holder("张三", "11010519491231002X");
        var buyer = new Holder("李四", "110105198505050038");
        var last = new Holder("王五", "110105199001010010");
        var bank = Banks[i % Banks.Length];
        var app = $"0194{i:D8}-0000-7000-8000-000000000000";
        string Cert(int n) => $"京(2025)朝阳区不动产权第{i * 4 + n:D7}号";
        var mortgageId = $"M110105{i:D11}";
        return
        [
            new UnitEstablished(code, ParcelGrid.County, UnitKind.Land, $"北京市朝阳区建国路{i % 999 + 1}号", ParcelGrid.AreaOf(boundary), "城镇住宅用地", boundary, null, at, Clerk),
            new FirstRegistrationRecorded(app, ParcelGrid.County, "3", CoOwnership.Sole, [owner], null, Cert(0), at.AddDays(1), Reviewer),
            new MortgageRecorded(app, ParcelGrid.County, mortgageId, bank, 1_000_000m + i, null, new Term(new DateOnly(2025, 2, 1), new DateOnly(2045, 1, 31)), false,
                $"京(2025)朝阳区不动产证明第{i:D7}号", at.AddDays(2), Reviewer),
            new TransferRecorded(app, ParcelGrid.County, TransferReason.Sale, 3_000_000m + i, [owner], CoOwnership.Sole, [buyer], Cert(0), Cert(1), at.AddDays(30), Reviewer),
            new SeizureRecorded(app, ParcelGrid.County, $"S{i:D11}", "北京市朝阳区人民法院", $"(2025)京0105执{i}号", null, at.AddDays(60), Reviewer),
            new SeizureReleased(app, ParcelGrid.County, $"S{i:D11}", $"(2025)京0105执{i}号", at.AddDays(90), Reviewer),
            new MortgageDischarged(app, ParcelGrid.County, mortgageId, at.AddDays(120), Reviewer),
            new TransferRecorded(app, ParcelGrid.County, TransferReason.Sale, 3_500_000m + i, [buyer], CoOwnership.Sole, [last], Cert(1), Cert(2), at.AddDays(150), Reviewer),
        ];
    }

    static async Task<(long Count, double Seconds)> RawReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // Warmed as every measured reader in this run is: the first 50,000 events once, untimed.
        _ = await RawReadAsync(connection, "where seq_id <= 50000");
        var watch = Stopwatch.StartNew();
        var count = await RawReadAsync(connection, "");
        return (count, watch.Elapsed.TotalSeconds);
    }

    static async Task<long> RawReadAsync(NpgsqlConnection connection, string where)
    {
        await using var command = new NpgsqlCommand(
            $"select seq_id, id, stream_id, version, data::text, type, timestamp, mt_dotnet_type from ledger.mt_events {where} order by seq_id", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        long count = 0, bytes = 0;
        while (await reader.ReadAsync())
        {
            count++;
            bytes += reader.GetString(4).Length + reader.GetString(2).Length + reader.GetString(5).Length;
            _ = reader.GetInt64(0);
            _ = reader.GetInt32(3);
            _ = reader.GetFieldValue<DateTimeOffset>(6);
        }
        GC.KeepAlive(bytes);
        return count;
    }

    /// <summary>
    /// Every event once through Marten's own reader and serializer, in sequence order, kept nowhere: a rebuild of views
    /// folded from .NET events reads at most this fast, whatever it then folds and writes. The first 50,000 events are read
    /// once untimed, so the pass measures the reader and not the JIT.
    /// </summary>
    /// <summary>
    /// Each table of the projections' documents (each partition of a partitioned one) copied into an empty table like it,
    /// with its indexes, two sessions at once, largest first; the copies dropped afterwards. Rows, their size, seconds.
    /// </summary>
    static async Task<(long Rows, long Bytes, double Seconds)> CopyViewsAsync(string connectionString, StoreOptions options)
    {
        var names = options.Projections.All.SelectMany(p => p.PublishedTypes())
            .Select(t => ((IReadOnlyStoreOptions)options).FindOrResolveDocumentType(t).TableName.Name).Distinct().ToArray();
        var tables = new List<(string Name, long Bytes)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                select c.relname, pg_table_size(c.oid) from pg_class c
                where c.relnamespace = 'ledger'::regnamespace and c.relkind = 'r'
                  and (c.relname = any(@names) or exists (select 1 from pg_inherits i join pg_class p on p.oid = i.inhparent
                                                          where i.inhrelid = c.oid and p.relname = any(@names)))
                order by pg_table_size(c.oid) desc
                """, connection);
            command.Parameters.AddWithValue("names", names);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        await Sql.ExecuteAsync(connectionString, "drop schema if exists copy_floor cascade", "create schema copy_floor");
        foreach (var (name, _) in tables)
            await Sql.ExecuteAsync(connectionString, $"create table copy_floor.{name} (like ledger.{name} including indexes)");

        var next = -1;
        long rows = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            int i;
            while ((i = Interlocked.Increment(ref next)) < tables.Count)
            {
                await using var insert = new NpgsqlCommand($"insert into copy_floor.{tables[i].Name} select * from ledger.{tables[i].Name}", connection) { CommandTimeout = 0 };
                Interlocked.Add(ref rows, await insert.ExecuteNonQueryAsync());
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        await Sql.ExecuteAsync(connectionString, "drop schema copy_floor cascade");
        return (rows, tables.Sum(t => t.Bytes), seconds);
    }

    static async Task<(long Count, double Seconds, double Cpu)> MartenReadAsync(IDocumentStore store)
    {
        await using var session = store.QuerySession();
        await foreach (var _ in session.Events.QueryAllRawEvents().Where(e => e.Sequence <= 50_000).OrderBy(e => e.Sequence).ToAsyncEnumerable()) { }
        var busy = Machine.Busy();
        var watch = Stopwatch.StartNew();
        long count = 0;
        await foreach (var e in session.Events.QueryAllRawEvents().OrderBy(e => e.Sequence).ToAsyncEnumerable())
        {
            if (e.Data is null) throw new InvalidOperationException($"event {e.Sequence} did not deserialize");
            count++;
        }
        return (count, watch.Elapsed.TotalSeconds, (Machine.Busy() - busy).TotalSeconds);
    }

    /// <summary>A consumer following <c>next</c> from the beginning until a page comes back empty (or <paramref name="maxPages"/>).</summary>
    static async Task<(long Items, double Seconds, int Pages)> PullAsync(
        HttpClient http, string feed, string token, Func<Stream, Task<(int Count, string Next)>> read, int maxPages = int.MaxValue)
    {
        var watch = Stopwatch.StartNew();
        long items = 0;
        var pages = 0;
        var url = $"/api/feeds/{feed}?start=beginning&limit={FeedPage}";
        while (pages < maxPages)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var answer = await http.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            var (count, next) = await read(await answer.Content.ReadAsStreamAsync());
            pages++;
            items += count;
            if (count == 0) break;
            url = $"/api/feeds/{feed}?after={Uri.EscapeDataString(next)}&limit={FeedPage}";
        }
        return (items, watch.Elapsed.TotalSeconds, pages);
    }

    /// <summary>The page parsed whole into a document tree, then its items counted and its <c>next</c> read.</summary>
    static async Task<(int Count, string Next)> ReadWhole(Stream body)
    {
        using var page = await System.Text.Json.JsonDocument.ParseAsync(body);
        return (page.RootElement.GetProperty("items").GetArrayLength(), page.RootElement.GetProperty("next").GetString()!);
    }

    /// <summary>
    /// The page read forward, token by token (every byte of it checked as JSON): each item's cursor, type and unit code taken
    /// out, its other members skipped, no tree built; what a consumer that stores items as they come would do.
    /// </summary>
    static async Task<(int Count, string Next)> ReadForward(Stream body)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer);
        return ReadForward(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    static (int Count, string Next) ReadForward(ReadOnlySpan<byte> page)
    {
        var reader = new System.Text.Json.Utf8JsonReader(page);
        var (count, next) = (0, (string?)null);
        if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.StartObject) throw new InvalidDataException("a page is a JSON object");
        while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("items"u8))
            {
                reader.Read();
                while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.StartObject)
                {
                    var (cursor, type, unit) = ((string?)null, (string?)null, (string?)null);
                    while (reader.Read() && reader.TokenType == System.Text.Json.JsonTokenType.PropertyName)
                    {
                        var member = reader.ValueTextEquals("cursor"u8) ? 1 : reader.ValueTextEquals("type"u8) ? 2 : reader.ValueTextEquals("unitCode"u8) ? 3 : 0;
                        reader.Read();
                        switch (member)
                        {
                            case 1: cursor = reader.GetString(); break;
                            case 2: type = reader.GetString(); break;
                            case 3: unit = reader.GetString(); break;
                            default: reader.Skip(); break;
                        }
                    }
                    if (cursor is null || type is null || unit is null) throw new InvalidDataException($"item {count} lacks its cursor, type or unit code");
                    count++;
                }
            }
            else if (reader.ValueTextEquals("next"u8))
            {
                reader.Read();
                next = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return (count, next ?? throw new InvalidDataException("a page without next"));
    }

    static async Task<string> TokenAsync(HttpClient http, string role, string sub)
    {
        using var answer = await http.PostAsJsonAsync("/dev/tokens", new { role, sub, name = role == "tax" ? "国家税务总局北京市朝阳区税务局" : Banks[0].Name });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Finished rebuilding (\S+) in \d+ ms")]
    private static partial System.Text.RegularExpressions.Regex FinishedRebuilding();

    static string Ratio(double ratio, double? target) =>
        target is { } t ? $"{ratio:F3} ({(ratio >= t ? "meets" : "misses")} ≥ {t:F2})" : $"{ratio:F3}";
}
