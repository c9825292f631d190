extern alias server;
using System.Diagnostics;
using Alba;
using Ledger.Units;
using Ledger.Values;
using Marten;
using Marten.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Ledger.Benchmarks.Space;

sealed record LoadFigures(int Parcels, double Seconds, int Workers, int Batch)
{
    public double PerSecond => Parcels / Seconds;
}

/// <summary>
/// The server itself (its <c>Program</c>, in memory, as the HTTP tests host it) on the benchmark database:
/// starting it applies the server's schema, and its <see cref="IDocumentStore"/> carries exactly the server's
/// StoreOptions — the inline Unit projection and the GiST box index — so bulk-loaded parcels have the shape
/// POST /api/units writes: one stream per unit code starting with UnitEstablished, and its Unit view.
/// </summary>
sealed class BulkLoad : IAsyncDisposable
{
    readonly IAlbaHost _host;

    BulkLoad(IAlbaHost host) => _host = host;

    public static async Task<BulkLoad> StartAsync(string root, string connectionString)
    {
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", connectionString);
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        // A loader only appends: the feeds and statistics are folded later, by the server being measured (or a rebuild).
        Environment.SetEnvironmentVariable("Ledger__AsyncDaemon", "Disabled");
        // The server project's folder, as the HTTP tests see it (their manifest is found from their working folder, ours is the repository).
        var host = await AlbaHost.For<server::Program>(x => x.UseContentRoot(Path.Combine(root, "src", "Ledger.Server")).ConfigureServices(services =>
        {
            services.DisableAllExternalWolverineTransports();
            services.RunWolverineInSoloMode();
        }));
        Environment.SetEnvironmentVariable("ConnectionStrings__Ledger", null);
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", null);
        Environment.SetEnvironmentVariable("Ledger__AsyncDaemon", null);
        return new BulkLoad(host);
    }

    public IDocumentStore Store => _host.Services.GetRequiredService<IDocumentStore>();

    /// <summary>Appends the grid's parcels: <paramref name="workers"/> tasks, each saving sessions of <paramref name="batch"/> new streams.</summary>
    public async Task<LoadFigures> LoadAsync(ParcelGrid grid, int workers, int batch)
    {
        const string clerk = "clerk:110105:王芳 (110105198001010016)";
        var loaded = 0;
        var nextBatch = -1;
        var watch = Stopwatch.StartNew();
        var (lastCount, lastTime) = (0, 0.0);
        using var progress = new Timer(_ =>
        {
            var (done, now) = (Volatile.Read(ref loaded), watch.Elapsed.TotalSeconds);
            var rate = done / Math.Max(now, 0.001);
            var recent = (done - lastCount) / Math.Max(now - lastTime, 0.001);
            (lastCount, lastTime) = (done, now);
            Console.WriteLine($"   parcels: {done:N0}/{grid.Parcels:N0} ({100.0 * done / grid.Parcels:F1} %) · {rate:F0}/s overall, {recent:F0}/s last interval · " +
                $"ETA {TimeSpan.FromSeconds(Math.Max(0, grid.Parcels - done) / Math.Max(recent, 1)):hh\\:mm\\:ss} · runner memory {Environment.WorkingSet / 1048576} MiB");
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            int b;
            while ((b = Interlocked.Increment(ref nextBatch)) * (long)batch < grid.Parcels)
            {
                var (from, to) = (b * batch, Math.Min(grid.Parcels, (b + 1) * batch));
                await using var session = Store.LightweightSession();
                session.LastModifiedBy = clerk;
                var at = DateTimeOffset.UtcNow;
                for (var i = from; i < to; i++)
                {
                    var code = grid.CodeOf(i);
                    var boundary = grid.ParcelBoundary(i);
                    session.Events.StartStream<Unit>(code, new UnitEstablished(code, ParcelGrid.County, UnitKind.Land,
                        $"北京市朝阳区建国路{i % 999 + 1}号", ParcelGrid.AreaOf(boundary), "城镇住宅用地", boundary, null, at, clerk));
                }
                await session.SaveChangesAsync();
                Interlocked.Add(ref loaded, to - from);
            }
        })));
        return new LoadFigures(loaded, watch.Elapsed.TotalSeconds, workers, batch);
    }

    /// <summary>
    /// The SQL the server's own code sends for an overlap check (<see cref="Ledger.Units.Establishing.Overlaps"/>) and for a
    /// point lookup (<see cref="Ledger.Units.Finding.FindUnitsEndpoint"/>), caught on the way to PostgreSQL.
    /// </summary>
    public async Task<(CapturedQuery Overlap, CapturedQuery Point)> CaptureCandidateQueriesAsync(ParcelGrid grid)
    {
        var logger = new CapturingLogger();
        CapturedQuery overlap;
        // The establishment's own check: its cell locks and candidates in one batch, the candidates last; the session is
        // dropped unsaved, so the locks go with its transaction.
        await using (var writing = Store.LightweightSession())
        {
            writing.Logger = logger;
            await Ledger.Units.Establishing.Overlaps.LockAndFindAsync(writing, UnitKind.Land, grid.ParcelBoundary(0), CancellationToken.None);
            overlap = logger.Last ?? throw new InvalidOperationException("the overlap check sent no SQL");
        }
        await using var session = Store.QuerySession();
        session.Logger = logger;
        var (x, y) = grid.Centre(0);
        var point = new NetTopologySuite.Geometries.Envelope(x, x, y, y);
        await BoundaryBoxes.TouchingAsync(session, point, Ledger.Units.Finding.FindUnitsEndpoint.MaxCandidates + 1, CancellationToken.None);
        return (overlap, logger.Last ?? throw new InvalidOperationException("the point lookup sent no SQL"));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        await _host.DisposeAsync();
    }

    sealed class CapturingLogger : IMartenSessionLogger
    {
        public CapturedQuery? Last { get; private set; }
        public void LogSuccess(NpgsqlCommand command) => Last = CapturedQuery.From(command);
        public void LogSuccess(NpgsqlBatch batch) => Last = CapturedQuery.From(batch.BatchCommands[^1]);
        public void LogFailure(NpgsqlCommand command, Exception ex) { }
        public void LogFailure(NpgsqlBatch batch, Exception ex) { }
        public void LogFailure(Exception ex, string message) { }
        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit) { }
        public void OnBeforeExecute(NpgsqlCommand command) { }
        public void OnBeforeExecute(NpgsqlBatch batch) { }
    }
}

/// <summary>A statement as Marten sent it: its text and its parameters' types and values, in order.</summary>
sealed record CapturedQuery(string Sql, IReadOnlyList<(NpgsqlTypes.NpgsqlDbType Type, object? Value)> Parameters)
{
    public static CapturedQuery From(NpgsqlCommand command) =>
        new(command.CommandText, command.Parameters.Select(p => (p.NpgsqlDbType, p.Value)).ToList());

    public static CapturedQuery From(NpgsqlBatchCommand command) =>
        new(command.CommandText, command.Parameters.Select(p => (p.NpgsqlDbType, p.Value)).ToList());

    /// <summary>The same statement with its four double parameters (minLon, minLat, maxLon, maxLat) replaced by this box's.</summary>
    public NpgsqlCommand For(NpgsqlConnection connection, NetTopologySuite.Geometries.Envelope box)
    {
        var command = new NpgsqlCommand(Sql, connection);
        double[] corners = [box.MinX, box.MinY, box.MaxX, box.MaxY];
        var next = 0;
        foreach (var (type, value) in Parameters)
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value is double ? corners[next++] : value });
        if (next != 4) throw new InvalidOperationException($"expected four double parameters (the box) in: {Sql}");
        return command;
    }

    /// <summary>The statement with its parameters written in, for EXPLAIN and for the report.</summary>
    public string Inline(NetTopologySuite.Geometries.Envelope box)
    {
        double[] corners = [box.MinX, box.MinY, box.MaxX, box.MaxY];
        var (next, sql) = (0, Sql);
        var values = Parameters.Select(p => p.Value is double ? corners[next++].ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : p.Value is string s ? $"'{s.Replace("'", "''", StringComparison.Ordinal)}'" : Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)!).ToList();
        // $10 before $1.
        for (var i = values.Count; i >= 1; i--) sql = sql.Replace($"${i}", values[i - 1], StringComparison.Ordinal);
        return sql;
    }
}
