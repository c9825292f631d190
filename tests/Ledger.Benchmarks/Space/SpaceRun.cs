using System.Diagnostics;
using System.Globalization;
using System.Text;
using Ledger.Hosting;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Ledger.Benchmarks.Space;

/// <summary>
/// The space run: N parcels in one county, then the overlap check and point lookups through HTTP against the
/// same candidate queries as raw SQL on the same GiST index.
///   dotnet run -c Release --project tests/Ledger.Benchmarks -- space [--parcels 1000000] [--seconds 20] [--workers 4] [--batch 1000] [--build] [--keep] [--no-daemon]
/// </summary>
static class SpaceRun
{
    const int Clients = 8;
    const double OverlapTargetMs = 20, PointTargetMs = 10;

    public static async Task RunAsync(string[] args)
    {
        var parcels = Arguments.Option(args, "--parcels", 1_000_000);
        var seconds = Arguments.Option(args, "--seconds", 20);
        var workers = Arguments.Option(args, "--workers", 4);
        var batch = Arguments.Option(args, "--batch", 1_000);
        var keep = args.Contains("--keep");
        // --no-daemon: the server without its asynchronous views, to see what keeping them up costs the establishments.
        var daemon = !args.Contains("--no-daemon");
        var root = Repository.Root();
        var command = "dotnet run -c Release --project tests/Ledger.Benchmarks -- space " + string.Join(' ', args);
        var grid = new ParcelGrid(parcels);
        var duration = TimeSpan.FromSeconds(seconds);
        var folder = Path.Combine(OperatingSystem.IsWindows() ? Path.GetTempPath() : "/tmp", $"ledger-space-{Guid.NewGuid():N}");
        var postgres = new EmbeddedPostgres(folder, EmbeddedPostgres.FreePort());
        var report = new SpaceReport(root, command);
        ServerProcess? server = null;
        try
        {
            await postgres.StartAsync("ledger_space", m => Console.WriteLine(m));
            var connectionString = postgres.ConnectionString("ledger_space");

            Console.WriteLine($"1. the server's schema and StoreOptions (its Program, in memory); {parcels:N0} parcels, {grid.Width} × {grid.Rows} cells, " +
                $"{grid.Districts} district(s) × {grid.SubDistricts} sub-district(s) of county {ParcelGrid.County}");
            LoadFigures loaded;
            CapturedQuery overlapSql, pointSql;
            await using (var loader = await BulkLoad.StartAsync(root, connectionString))
            {
                Console.WriteLine($"2. bulk load: {workers} tasks, sessions of {batch:N0} new streams (UnitEstablished + inline Unit view)");
                loaded = await loader.LoadAsync(grid, workers, batch);
                Console.WriteLine($"   loaded {loaded.Parcels:N0} parcels in {loaded.Seconds:F0} s ({loaded.PerSecond:F0}/s)");
                (overlapSql, pointSql) = await loader.CaptureCandidateQueriesAsync(grid);
            }

            Console.WriteLine("3. VACUUM (ANALYZE), CHECKPOINT; plans of the candidate queries");
            var watch = Stopwatch.StartNew();
            await Sql.ExecuteAsync(connectionString, "vacuum (analyze)", "checkpoint");
            var vacuumSeconds = watch.Elapsed.TotalSeconds;
            var sizes = await SizesAsync(connectionString);
            var middle = grid.Rows / 2 * grid.Width + grid.Width / 2;
            var (mx, my) = grid.Centre(middle);
            var overlapPlan = await ExplainAsync(connectionString, overlapSql.Inline(grid.ParcelBoundary(middle).EnvelopeInternal));
            var pointPlan = await ExplainAsync(connectionString, pointSql.Inline(new Envelope(mx, mx, my, my)));
            Console.WriteLine(overlapPlan);
            Console.WriteLine(pointPlan);

            Console.WriteLine("4. the server (Release) as a child process");
            if (!daemon) Environment.SetEnvironmentVariable("Ledger__AsyncDaemon", "Disabled"); // the child inherits it
            server = await ServerProcess.StartAsync(root, connectionString, rebuild: args.Contains("--build"));
            // The bulk load ran no daemon: let the server's fold the loaded parcels into the sharing views first, as a
            // register in service would have done long ago, so that the measurements below see only their own work.
            var caughtUp = Stopwatch.StartNew();
            if (daemon) await ServerProcess.WaitForAsyncViewsAsync(connectionString);
            Console.WriteLine($"   the daemon folded the loaded events in {caughtUp.Elapsed.TotalSeconds:F0} s");
            using var load = new SpaceLoad(server.BaseAddress, grid);
            await load.SignInAsync();

            Console.WriteLine($"5. establishing parcels (POST /api/units), {Clients} clients: 3 s warm-up, then {seconds} s; one in {SpaceLoad.OverlapEvery} overlaps registered parcels");
            await load.EstablishAsync(TimeSpan.FromSeconds(3), Clients, measure: false);
            var cpu = new CpuMeter(server);
            cpu.Start();
            var establishing = await load.EstablishAsync(duration, Clients);
            var establishingCpu = cpu.Stop();
            Console.WriteLine($"   {establishing.PerSecond:F0}/s · accepted {establishing.Accepted.Count:N0} p50 {establishing.Accepted.P50:F2} p99 {establishing.Accepted.P99:F2} ms · " +
                $"refused {establishing.Refused.Count:N0} p50 {establishing.Refused.P50:F2} p99 {establishing.Refused.P99:F2} ms · unexpected {establishing.Unexpected} {establishing.UnexpectedDetail}");

            // The same with four clients: the latency a smaller office's clerks see when the server is not saturated.
            Console.WriteLine($"5b. establishing parcels, 4 clients, {seconds} s");
            var fourClerks = await load.EstablishAsync(duration, 4, measure: false);
            Console.WriteLine($"   {fourClerks.PerSecond:F0}/s · all p50 {fourClerks.All.P50:F2} p99 {fourClerks.All.P99:F2} ms · unexpected {fourClerks.Unexpected} {fourClerks.UnexpectedDetail}");

            Console.WriteLine($"6. point lookups (GET /api/units?point=), {Clients} clients: 3 s warm-up, then {seconds} s");
            await load.LookUpAsync(TimeSpan.FromSeconds(3), Clients, measure: false);
            cpu.Start();
            var lookups = await load.LookUpAsync(duration, Clients);
            var lookupsCpu = cpu.Stop();
            Console.WriteLine($"   {lookups.PerSecond:F0}/s · p50 {lookups.Latency.P50:F2} p99 {lookups.Latency.P99:F2} ms · wrong {lookups.WrongAnswers} {lookups.Detail}");
            var serverPeak = server.PeakMemoryMiB();
            server.Dispose();
            server = null;

            Console.WriteLine($"7. the same candidate queries as raw SQL (Npgsql), {Clients} connections, the same boxes (at most {seconds} s each)");
            var sqlCpu = new CpuMeter(null);
            sqlCpu.Start();
            var overlapRaw = await SpaceLoad.ReplayAsync(connectionString, overlapSql, load.OverlapBoxes, Clients, duration);
            var overlapRawCpu = sqlCpu.Stop();
            Console.WriteLine($"   overlap candidates: {overlapRaw.PerSecond:F0}/s · p50 {overlapRaw.Latency.P50:F3} p99 {overlapRaw.Latency.P99:F3} ms · {overlapRaw.MeanRows:F1} rows");
            sqlCpu.Start();
            var pointRaw = await SpaceLoad.ReplayAsync(connectionString, pointSql, load.PointBoxes, Clients, duration);
            var pointRawCpu = sqlCpu.Stop();
            Console.WriteLine($"   point candidates: {pointRaw.PerSecond:F0}/s · p50 {pointRaw.Latency.P50:F3} p99 {pointRaw.Latency.P99:F3} ms · {pointRaw.MeanRows:F1} rows");

            var total = await Sql.ScalarAsync(connectionString, "select count(*) from ledger.mt_doc_unit");
            report.Write(new SpaceFigures(grid, loaded, vacuumSeconds, sizes, total, establishing, lookups, overlapRaw, pointRaw,
                overlapSql, pointSql, overlapPlan, pointPlan, [("establishing through HTTP", establishingCpu), ("point lookups through HTTP", lookupsCpu),
                    ("overlap candidates as raw SQL", overlapRawCpu), ("point candidates as raw SQL", pointRawCpu)], serverPeak, ServerProcess.OwnPeakMemoryMiB(), seconds, OverlapTargetMs, PointTargetMs, fourClerks));
        }
        finally
        {
            server?.Dispose();
            await postgres.StopAsync();
            if (keep) Console.WriteLine($"kept the cluster in {folder}");
            else try { Directory.Delete(folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    static async Task<string> ExplainAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("explain (analyze, buffers) " + sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var plan = new StringBuilder(sql).AppendLine().AppendLine();
        while (await reader.ReadAsync()) plan.AppendLine(reader.GetString(0));
        return plan.ToString();
    }

    /// <summary>The unit view, its indexes and the event table, as PostgreSQL stores them.</summary>
    static async Task<IReadOnlyList<(string Name, string Size)>> SizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select c.relname, pg_size_pretty(pg_total_relation_size(c.oid))
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'ledger' and c.relname in ('mt_doc_unit', 'mt_doc_unit_idx_boundary_box', 'pkey_mt_doc_unit_id', 'mt_events', 'mt_streams')
            order by pg_total_relation_size(c.oid) desc
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var sizes = new List<(string, string)>();
        while (await reader.ReadAsync()) sizes.Add((reader.GetString(0), reader.GetString(1)));
        return sizes;
    }
}
