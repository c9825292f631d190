using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Ledger.Benchmarks;

sealed record RecordingFigures(double RecordingsPerSecond, double RequestsPerSecond, int Failures);

sealed record ReadFigures(double P50, double P95, double P99, double PerSecond);

/// <summary>Clients on loopback doing what a clerk and a reviewer do, bounded in time and count.</summary>
sealed class LoadRun(Uri baseAddress)
{
    readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    readonly List<string> _codes = [];
    int _next;
    string _clerk = "", _reviewer = "";

    public int UnitCount => _codes.Count;

    public static async Task<string> TokenAsync(HttpClient http, string role, string sub, string name)
    {
        var answer = await http.PostAsJsonAsync("/dev/tokens", new { role, sub, name, office = "110105" });
        return (await answer.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
    }

    public async Task SignInAsync()
    {
        _clerk = await TokenAsync(_http, "clerk", "110105198001010016", "王芳");
        _reviewer = await TokenAsync(_http, "reviewer", "110105197505050017", "李强");
    }

    /// <summary>Unit codes of county 110105: district, sub-district and parcel number walk through 999×999×99,999.</summary>
    string NextCode()
    {
        var n = Interlocked.Increment(ref _next);
        return $"110105{n / 99_999 / 999 % 999 + 1:D3}{n / 99_999 % 999 + 1:D3}GB{n % 99_999 + 1:D5}W00000000";
    }

    async Task<JsonObject?> PostAsync(string url, object? body, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await _http.SendAsync(request);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
    }

    async Task<bool> EstablishAsync(string code)
    {
        var lon = 116.0 + (code.GetHashCode(StringComparison.Ordinal) & 0xFFFF) / 1_000_000.0;
        var square = new[] { new[] { new[] { lon, 39.9 }, [lon + 0.0005, 39.9], [lon + 0.0005, 39.9005], [lon, 39.9005], [lon, 39.9] } };
        var created = await PostAsync("/api/units", new { unitCode = code, location = "北京市朝阳区建国路88号", area = 100.5, use = "城镇住宅用地", geometry = new { type = "Polygon", coordinates = square } }, _clerk);
        if (created is null) return false;
        lock (_codes) _codes.Add(code);
        return true;
    }

    public async Task<RecordingFigures> RecordForAsync(TimeSpan duration, int clients)
    {
        int recorded = 0, requests = 0, failures = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (watch.Elapsed < duration)
            {
                var code = NextCode();
                var ok = await EstablishAsync(code);
                var accepted = ok ? await PostAsync("/api/applications", new
                {
                    type = "first-registration", unitCode = code, applicants = new[] { new { name = "张三", idNumber = "11010519491231002X" } },
                    details = new { rightType = "3", coOwnership = "sole", holders = new[] { new { name = "张三", idNumber = "11010519491231002X" } } },
                }, _clerk) : null;
                var id = accepted?["applicationId"]?.GetValue<string>();
                var reviewed = id is not null && await PostAsync($"/api/applications/{id}/review", new { decision = "approve", opinion = "材料齐全" }, _reviewer) is not null;
                var done = reviewed && await PostAsync($"/api/applications/{id}/record", null, _reviewer) is not null;
                Interlocked.Add(ref requests, 4);
                if (done) Interlocked.Increment(ref recorded); else Interlocked.Increment(ref failures);
            }
        }));
        var s = watch.Elapsed.TotalSeconds;
        return new RecordingFigures(recorded / s, requests / s, failures);
    }

    public async Task EstablishUntilAsync(int target, int clients)
    {
        var watch = Stopwatch.StartNew();
        using var progress = new Timer(_ =>
        {
            var rate = UnitCount / Math.Max(watch.Elapsed.TotalSeconds, 0.001);
            Console.WriteLine($"  establishing units: {UnitCount:N0}/{target:N0} · {rate:F0}/s · ETA {Math.Max(0, target - UnitCount) / Math.Max(rate, 1):F0} s");
        }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (UnitCount < target) await EstablishAsync(NextCode());
        }));
    }

    public async Task<ReadFigures> ReadAsync(int count, int clients)
    {
        var latencies = new double[count];
        var issued = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref issued)) < count)
            {
                var code = _codes[Random.Shared.Next(_codes.Count)];
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/units/{code}");
                request.Headers.Authorization = new("Bearer", _clerk);
                var started = Stopwatch.GetTimestamp();
                using var response = await _http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var s = watch.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        double At(double q) => latencies[(int)Math.Min(count - 1, q * count)];
        return new ReadFigures(At(0.50), At(0.95), At(0.99), count / s);
    }
}
