using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ledger.Benchmarks;

sealed record Person(string Role, string Sub, string Name);

sealed record RecordingFigures(int Recordings, int Requests, double Seconds, int Non2xx, string ErrorDetail)
{
    public double RecordingsPerSecond => Recordings / Seconds;
    public double RequestsPerSecond => Requests / Seconds;
}

sealed record EstablishFigures(int Count, double Seconds, int Non2xx, string ErrorDetail)
{
    public double PerSecond => Seconds > 0 ? Count / Seconds : 0;
}

sealed record ReadFigures(int Count, double P50, double P95, double P99, double Max, double PerSecond, int Non2xx, string ErrorDetail);

/// <summary>Clients on loopback doing what a clerk and a reviewer do, bounded in time and count.</summary>
sealed partial class LoadRun(Uri baseAddress) : IDisposable
{
    public static readonly Person Clerk = new("clerk", "110105198001010016", "王芳");
    public static readonly Person Reviewer = new("reviewer", "110105197505050017", "李强");
    static readonly TimeSpan EstablishLimit = TimeSpan.FromMinutes(30);
    const int FailureLimit = 1_000;

    readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30),
    };
    readonly List<string> _codes = [];
    readonly ConcurrentDictionary<string, int> _errors = new();
    int _next = -1, _requests, _non2xx;
    string _clerk = "", _reviewer = "";

    public int UnitCount { get { lock (_codes) return _codes.Count; } }

    /// <summary>The units established so far, to hand to a run against a restarted server on the same database.</summary>
    public IReadOnlyList<string> Codes { get { lock (_codes) return [.. _codes]; } }

    public void Adopt(IEnumerable<string> codes)
    {
        lock (_codes) _codes.AddRange(codes);
    }

    public static async Task<string> TokenAsync(HttpClient http, Person who, string office = "110105")
    {
        using var answer = await http.PostAsJsonAsync("/dev/tokens", new { role = who.Role, sub = who.Sub, name = who.Name, office });
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    public async Task SignInAsync()
    {
        _clerk = await TokenAsync(_http, Clerk);
        _reviewer = await TokenAsync(_http, Reviewer);
    }

    /// <summary>Unit codes of county 110105: parcel 00001-99999 within sub-district 001-999 within district 001-999.</summary>
    static string CodeOf(int n) => string.Create(CultureInfo.InvariantCulture,
        $"110105{n / 99_999 / 999 % 999 + 1:D3}{n / 99_999 % 999 + 1:D3}GB{n % 99_999 + 1:D5}W00000000");

    /// <summary>One request: its JSON answer when 2xx, else null with the status and problem code tallied.</summary>
    async Task<JsonObject?> SendAsync(HttpMethod method, string url, object? body, string token)
    {
        Interlocked.Increment(ref _requests);
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        try
        {
            using var response = await _http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonObject? json = null;
            try { json = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null; } catch (System.Text.Json.JsonException) { }
            if (response.IsSuccessStatusCode) return json ?? [];
            Tally($"{(int)response.StatusCode} {json?["code"]?.ToString() ?? "?"}");
        }
        catch (HttpRequestException e) { Tally("exception " + e.HttpRequestError); }
        catch (TaskCanceledException) { Tally("timeout"); }
        return null;
    }

    void Tally(string what)
    {
        Interlocked.Increment(ref _non2xx);
        _errors.AddOrUpdate(what, 1, (_, n) => n + 1);
    }

    (int Requests, int Non2xx, string Detail) TakeCounters()
    {
        var detail = _errors.IsEmpty ? "" : ": " + string.Join(", ", _errors.OrderByDescending(e => e.Value).Select(e => $"{e.Key} ×{e.Value}"));
        var counters = (Interlocked.Exchange(ref _requests, 0), Interlocked.Exchange(ref _non2xx, 0), detail);
        _errors.Clear();
        return counters;
    }

    /// <summary>The surveyed area of the 0.0004° square at (lon, lat), as a clerk declares it.</summary>
    internal static double AreaOf(double lon, double lat) =>
        Math.Round(Ledger.Units.GeodesicArea.SquareMetres(new NetTopologySuite.Geometries.GeometryFactory().ToGeometry(
            new NetTopologySuite.Geometries.Envelope(lon, lon + 0.0004, lat, lat + 0.0004))), 2);

    /// <summary>Establishes the next unit; gives its code, or null when refused.</summary>
    async Task<string?> EstablishAsync()
    {
        var n = Interlocked.Increment(ref _next);
        var code = CodeOf(n);
        // A small square (about 40 m) somewhere in Chaoyang, moved along with the sequence number.
        var (lon, lat) = (116.40 + n % 1000 * 0.0005, 39.85 + n / 1000 % 1000 * 0.0005);
        double[][][] square = [[[lon, lat], [lon + 0.0004, lat], [lon + 0.0004, lat + 0.0004], [lon, lat + 0.0004], [lon, lat]]];
        var created = await SendAsync(HttpMethod.Post, "/api/units", new
        {
            unitCode = code, location = "北京市朝阳区建国路88号", area = AreaOf(lon, lat), use = "住宅用地", geometry = new { type = "Polygon", coordinates = square },
        }, _clerk);
        if (created is null) return null;
        lock (_codes) _codes.Add(code);
        return code;
    }

    /// <summary>Each client, on units of its own: establish, accept a first registration, approve (reviewer), record (reviewer).</summary>
    public async Task<RecordingFigures> RecordForAsync(TimeSpan duration, int clients)
    {
        TakeCounters();
        var recorded = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            for (var flows = 0; flows < 1_000_000 && watch.Elapsed < duration; flows++)
            {
                if (await EstablishAsync() is not { } code) continue;
                var accepted = await SendAsync(HttpMethod.Post, "/api/applications", new
                {
                    type = "first-registration", unitCode = code, applicants = new[] { new { name = "张三", idNumber = "11010519491231002X" } },
                    details = new { rightType = "3", coOwnership = "sole", holders = new[] { new { name = "张三", idNumber = "11010519491231002X" } } },
                }, _clerk);
                var id = accepted?["applicationId"]?.ToString();
                if (id is null) continue;
                if (await SendAsync(HttpMethod.Post, $"/api/applications/{id}/review", new { decision = "approve", opinion = "材料齐全" }, _reviewer) is null) continue;
                if (await SendAsync(HttpMethod.Post, $"/api/applications/{id}/record", null, _reviewer) is not null) Interlocked.Increment(ref recorded);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var (requests, non2xx, detail) = TakeCounters();
        return new RecordingFigures(recorded, requests, seconds, non2xx, detail);
    }

    /// <summary>Establishes units until <paramref name="target"/> exist, printing progress every 5 s; gives up after 30 min or 1,000 failures.</summary>
    public async Task<EstablishFigures> EstablishUntilAsync(int target, int clients)
    {
        TakeCounters();
        var before = UnitCount;
        var watch = Stopwatch.StartNew();
        using var progress = new Timer(_ =>
        {
            var done = UnitCount - before;
            var rate = done / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            Console.WriteLine($"   units: {UnitCount:N0}/{target:N0} · {rate:F0}/s · ETA {Math.Max(0, target - UnitCount) / Math.Max(rate, 1):F0} s · non-2xx {_non2xx}");
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (UnitCount < target && watch.Elapsed < EstablishLimit && _non2xx < FailureLimit) await EstablishAsync();
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var (_, non2xx, detail) = TakeCounters();
        if (UnitCount < target) Console.WriteLine($"   stopped at {UnitCount:N0} units (time or failure limit)");
        return new EstablishFigures(UnitCount - before, seconds, non2xx, detail);
    }

    /// <summary>Reads of random established units; latency is request sent to body read.</summary>
    public async Task<ReadFigures> ReadAsync(int count, int clients)
    {
        string[] codes;
        lock (_codes) codes = [.. _codes];
        if (codes.Length == 0) throw new InvalidOperationException("no units were established; nothing to read");
        TakeCounters();
        var latencies = new double[count];
        var issued = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref issued)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await SendAsync(HttpMethod.Get, $"/api/units/{codes[Random.Shared.Next(codes.Length)]}", null, _clerk);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var (_, non2xx, detail) = TakeCounters();
        Array.Sort(latencies);
        double At(double q) => latencies[Math.Clamp((int)Math.Ceiling(q * count) - 1, 0, count - 1)];
        return new ReadFigures(count, At(0.50), At(0.95), At(0.99), latencies[^1], count / seconds, non2xx, detail);
    }

    public void Dispose() => _http.Dispose();
}
