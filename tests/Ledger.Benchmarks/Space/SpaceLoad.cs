using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NetTopologySuite.Geometries;
using Npgsql;

namespace Ledger.Benchmarks.Space;

/// <summary>Latencies in milliseconds, sorted once, read at quantiles (nearest rank).</summary>
sealed class Latencies
{
    readonly double[] _sorted;

    public Latencies(IEnumerable<double> samples)
    {
        _sorted = [.. samples];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;
    public double P50 => At(0.50);
    public double P99 => At(0.99);
    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];
    double At(double q) => _sorted.Length == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(q * _sorted.Length) - 1, 0, _sorted.Length - 1)];
}

sealed record EstablishingFigures(Latencies Accepted, Latencies Refused, Latencies All, double Seconds, int Unexpected, string UnexpectedDetail)
{
    public double PerSecond => All.Count / Seconds;
}

sealed record LookupFigures(Latencies Latency, double Seconds, int WrongAnswers, string Detail)
{
    public double PerSecond => Latency.Count / Seconds;
}

sealed record SqlFigures(Latencies Latency, double Seconds, double MeanRows)
{
    public double PerSecond => Latency.Count / Seconds;
}

/// <summary>
/// Clients on loopback against the real server: clerks establishing parcels (most in free space, a share over
/// registered parcels that must be refused), lookups at random parcels; then the same candidate queries as raw SQL.
/// Every box the server was asked about is kept, so the raw SQL replays exactly those boxes.
/// </summary>
sealed class SpaceLoad(Uri baseAddress, ParcelGrid grid) : IDisposable
{
    /// <summary>One establishing request in this many draws a boundary over registered parcels.</summary>
    public const int OverlapEvery = 10;

    readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30),
    };
    readonly ConcurrentDictionary<string, int> _unexpected = new();
    readonly ConcurrentQueue<Envelope> _overlapBoxes = new();
    readonly ConcurrentQueue<Envelope> _pointBoxes = new();
    string _clerk = "";
    int _free = -1, _overlapping = -1, _draws = -1;

    public int FreeParcelsEstablished { get; private set; }

    public async Task SignInAsync() => _clerk = await LoadRun.TokenAsync(_http, LoadRun.Clerk);

    /// <summary>POST /api/units for <paramref name="duration"/>; when <paramref name="measure"/> is false, a warm-up whose boxes are not kept.</summary>
    public async Task<EstablishingFigures> EstablishAsync(TimeSpan duration, int clients, bool measure = true)
    {
        var accepted = new ConcurrentBag<double[]>();
        var refused = new ConcurrentBag<double[]>();
        var unexpected = 0;
        _unexpected.Clear();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client * 7919 + 17);
            List<double> ok = [], no = [];
            while (watch.Elapsed < duration)
            {
                var overlap = (Interlocked.Increment(ref _draws) + 1) % OverlapEvery == 0;
                var (code, boundary) = overlap
                    ? grid.OverlappingParcel(Interlocked.Increment(ref _overlapping), random.Next(grid.Parcels))
                    : ParcelGrid.FreeParcel(Interlocked.Increment(ref _free), grid.Width);
                var body = new
                {
                    unitCode = code, location = "北京市朝阳区建国路88号", area = ParcelGrid.AreaOf(boundary), use = "城镇住宅用地",
                    geometry = ParcelGrid.GeoJson(boundary),
                };
                var started = Stopwatch.GetTimestamp();
                var (status, problem) = await PostAsync("/api/units", body);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (measure) _overlapBoxes.Enqueue(boundary.EnvelopeInternal);
                if (!overlap && status == HttpStatusCode.Created) ok.Add(elapsed);
                else if (overlap && status == HttpStatusCode.Conflict && problem == "geometry-overlap") no.Add(elapsed);
                else
                {
                    Interlocked.Increment(ref unexpected);
                    _unexpected.AddOrUpdate($"{(overlap ? "overlapping" : "free")} → {(int)status} {problem}", 1, (_, n) => n + 1);
                }
            }
            accepted.Add([.. ok]);
            refused.Add([.. no]);
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        FreeParcelsEstablished += accepted.Sum(a => a.Length);
        return new EstablishingFigures(new Latencies(accepted.SelectMany(a => a)), new Latencies(refused.SelectMany(a => a)),
            new Latencies(accepted.Concat(refused).SelectMany(a => a)), seconds, unexpected, Detail());
    }

    /// <summary>GET /api/units?point= at the middle of random grid parcels: each answer must name exactly that one parcel.</summary>
    public async Task<LookupFigures> LookUpAsync(TimeSpan duration, int clients, bool measure = true)
    {
        var samples = new ConcurrentBag<double[]>();
        var wrong = 0;
        _unexpected.Clear();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client * 104_729 + 3);
            List<double> mine = [];
            while (watch.Elapsed < duration)
            {
                var parcel = random.Next(grid.Parcels);
                var (x, y) = grid.Centre(parcel);
                var url = FormattableString.Invariant($"/api/units?point={x:R},{y:R}");
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new("Bearer", _clerk);
                string? found = null;
                HttpStatusCode status = 0;
                try
                {
                    using var response = await _http.SendAsync(request);
                    status = response.StatusCode;
                    var json = await response.Content.ReadFromJsonAsync<JsonObject>();
                    if (response.IsSuccessStatusCode && json?["total"]?.GetValue<int>() == 1) found = json["items"]![0]!["unitCode"]!.GetValue<string>();
                }
                catch (HttpRequestException e) { _unexpected.AddOrUpdate("exception " + e.HttpRequestError, 1, (_, n) => n + 1); }
                catch (TaskCanceledException) { _unexpected.AddOrUpdate("timeout", 1, (_, n) => n + 1); }
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                mine.Add(elapsed);
                if (measure) _pointBoxes.Enqueue(new Envelope(x, x, y, y));
                if (found != grid.CodeOf(parcel))
                {
                    Interlocked.Increment(ref wrong);
                    _unexpected.AddOrUpdate(status == HttpStatusCode.OK ? "200 but not exactly that parcel" : $"{(int)status}", 1, (_, n) => n + 1);
                }
            }
            samples.Add([.. mine]);
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        return new LookupFigures(new Latencies(samples.SelectMany(s => s)), seconds, wrong, Detail());
    }

    public IReadOnlyList<Envelope> OverlapBoxes => [.. _overlapBoxes];
    public IReadOnlyList<Envelope> PointBoxes => [.. _pointBoxes];

    async Task<(HttpStatusCode Status, string? Problem)> PostAsync(string url, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", _clerk);
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            string? code = null;
            if (!response.IsSuccessStatusCode)
                try { code = (JsonNode.Parse(text) as JsonObject)?["code"]?.ToString(); } catch (System.Text.Json.JsonException) { }
            return (response.StatusCode, code);
        }
        catch (HttpRequestException e) { return (0, "exception " + e.HttpRequestError); }
        catch (TaskCanceledException) { return (0, "timeout"); }
    }

    string Detail() => _unexpected.IsEmpty ? "" : string.Join(", ", _unexpected.OrderByDescending(e => e.Value).Select(e => $"{e.Key} ×{e.Value}"));

    /// <summary>
    /// The captured statement once for every box in <paramref name="boxes"/>, <paramref name="clients"/> connections at a time,
    /// reading every row as the server does (at most <paramref name="limit"/> long).
    /// </summary>
    public static async Task<SqlFigures> ReplayAsync(string connectionString, CapturedQuery query, IReadOnlyList<Envelope> boxes, int clients, TimeSpan limit)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        var samples = new ConcurrentBag<double[]>();
        long rows = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            await using var connection = await source.OpenConnectionAsync();
            List<double> mine = [];
            int i;
            while ((i = Interlocked.Increment(ref next)) < boxes.Count && watch.Elapsed < limit)
            {
                var started = Stopwatch.GetTimestamp();
                await using var command = query.For(connection, boxes[i]);
                await using var reader = await command.ExecuteReaderAsync();
                var n = 0;
                while (await reader.ReadAsync())
                {
                    for (var f = 0; f < reader.FieldCount; f++) _ = reader.GetValue(f);
                    n++;
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Add(ref rows, n);
            }
            samples.Add([.. mine]);
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var latency = new Latencies(samples.SelectMany(s => s));
        return new SqlFigures(latency, seconds, latency.Count == 0 ? 0 : (double)rows / latency.Count);
    }

    public void Dispose() => _http.Dispose();
}
