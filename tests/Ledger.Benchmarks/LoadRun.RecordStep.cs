using System.Diagnostics;
using System.Globalization;

namespace Ledger.Benchmarks;

/// <summary>An approved application waiting to be recorded, on a unit of its own.</summary>
sealed record Approved(string Id, string Reviewer, string Office, string UnitCode);

/// <summary>The step's figures; CPU per recording (server, the rest of the machine but this runner, and this runner) when a server was given.</summary>
sealed record StepFigures(int Count, double PerSecond, double P50, double P99, int Non2xx, string ErrorDetail, double ServerMs = 0, double RestMs = 0, double RunnerMs = 0);

sealed partial class LoadRun
{
    int _stepUnit = -1;
    readonly Dictionary<string, (string Clerk, string Reviewer)> _staff = [];

    /// <summary>
    /// Approved first registrations, ready to be recorded, on new units spread over <paramref name="offices"/> in turn; prepared
    /// by <paramref name="clients"/> at once (establish, accept, approve). Those refused on the way are left out.
    /// </summary>
    public async Task<List<Approved>> PrepareApprovedAsync(int count, int clients, IReadOnlyList<string> offices)
    {
        foreach (var office in offices)
            if (!_staff.ContainsKey(office)) _staff[office] = (await TokenAsync(_http, Clerk, office), await TokenAsync(_http, Reviewer, office));
        var prepared = new Approved?[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var office = offices[i % offices.Count];
                var (clerk, reviewer) = _staff[office];
                var n = Interlocked.Increment(ref _stepUnit);
                var code = string.Create(CultureInfo.InvariantCulture, $"{office}5{n / 99_999 % 99 + 1:D2}001GB{n % 99_999 + 1:D5}W00000000");
                var (lon, lat) = (115.70 + n % 1000 * 0.0005, 39.20 + n / 1000 % 1000 * 0.0005);
                double[][][] square = [[[lon, lat], [lon + 0.0004, lat], [lon + 0.0004, lat + 0.0004], [lon, lat + 0.0004], [lon, lat]]];
                if (await SendAsync(HttpMethod.Post, "/api/units", new { unitCode = code, location = "北京市", area = AreaOf(lon, lat), use = "住宅用地", geometry = new { type = "Polygon", coordinates = square } }, clerk) is null) continue;
                var accepted = await SendAsync(HttpMethod.Post, "/api/applications", new
                {
                    type = "first-registration", unitCode = code, applicants = new[] { new { name = "张三", idNumber = "11010519491231002X" } },
                    details = new { rightType = "3", coOwnership = "sole", holders = new[] { new { name = "张三", idNumber = "11010519491231002X" } } },
                }, clerk);
                if (accepted?["applicationId"]?.ToString() is not { } id) continue;
                if (await SendAsync(HttpMethod.Post, $"/api/applications/{id}/review", new { decision = "approve", opinion = "材料齐全" }, reviewer) is null) continue;
                prepared[i] = new Approved(id, reviewer, office, code);
            }
        }));
        return [.. prepared.OfType<Approved>()];
    }

    /// <summary>登簿 of one approved application by its office's reviewer; false when refused.</summary>
    public async Task<bool> RecordAsync(Approved application) =>
        await SendAsync(HttpMethod.Post, $"/api/applications/{application.Id}/record", null, application.Reviewer) is not null;

    /// <summary>
    /// 登簿 alone: approved first registrations are prepared untimed on units spread over <paramref name="offices"/>,
    /// some of them recorded untimed to warm the server, then <paramref name="clients"/> reviewers record <paramref name="count"/>. Each office issues its own gapless certificate series.
    /// </summary>
    public async Task<StepFigures> RecordStepAsync(int count, int clients, IReadOnlyList<string> offices, ServerProcess? server = null, Func<Task>? settle = null)
    {
        // Half as many again (at most 2,000) are recorded untimed first: the server's JIT settles on the endpoint's code
        // (tiered compilation recompiles what runs hot), as it has on a registry that has been recording for hours.
        var warmUp = Math.Min(count / 2, 2_000);
        var prepared = await PrepareApprovedAsync(count + warmUp, clients, offices);

        warmUp = Math.Min(warmUp, prepared.Count);
        var warm = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref warm)) < warmUp)
                await RecordAsync(prepared[i]);
        }));
        prepared.RemoveRange(0, warmUp);

        // What the asynchronous views still have to do for the preparation and the warm-up is not the step's work.
        if (settle is not null) await settle();
        TakeCounters();
        var latencies = new double[prepared.Count];
        var issued = -1;
        var (serverBefore, selfBefore, machineBefore) = (server?.ProcessorTime ?? TimeSpan.Zero, Environment.CpuUsage.TotalTime, Machine.Busy());
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref issued)) < prepared.Count)
            {
                var started = Stopwatch.GetTimestamp();
                await RecordAsync(prepared[i]);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var serverMs = ((server?.ProcessorTime ?? TimeSpan.Zero) - serverBefore).TotalMilliseconds;
        var runnerMs = (Environment.CpuUsage.TotalTime - selfBefore).TotalMilliseconds;
        var restMs = (Machine.Busy() - machineBefore).TotalMilliseconds - serverMs - runnerMs;
        var (_, non2xx, detail) = TakeCounters();
        Array.Sort(latencies);
        double At(double q) => latencies.Length == 0 ? 0 : latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Length) - 1, 0, latencies.Length - 1)];
        return new StepFigures(prepared.Count, prepared.Count / seconds, At(0.50), At(0.99), non2xx, detail,
            server is null ? 0 : serverMs / prepared.Count, server is null ? 0 : restMs / prepared.Count, runnerMs / prepared.Count);
    }
}
