using System.Diagnostics;
using System.Globalization;

namespace Ledger.Benchmarks.Space;

/// <summary>
/// Where the CPU went during a phase: the whole machine (/proc/stat, so other work on it shows), the server
/// process and this load runner; the rest is PostgreSQL and whatever else runs on the machine.
/// </summary>
sealed class CpuMeter(ServerProcess? server)
{
    readonly record struct Sample(long Busy, long Total, TimeSpan Server, TimeSpan Runner, long At);

    Sample _start;

    public void Start() => _start = Take();

    public string Stop()
    {
        var end = Take();
        var seconds = Stopwatch.GetElapsedTime(_start.At, end.At).TotalSeconds;
        var cores = Environment.ProcessorCount;
        var machine = end.Total > _start.Total ? 100.0 * cores * (end.Busy - _start.Busy) / (end.Total - _start.Total) : double.NaN;
        var serverPct = 100 * (end.Server - _start.Server).TotalSeconds / seconds;
        var runnerPct = 100 * (end.Runner - _start.Runner).TotalSeconds / seconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU busy {machine:F0} % of {cores * 100} %: {(server is null ? "" : $"server {serverPct:F0} %, ")}load runner {runnerPct:F0} %, rest (PostgreSQL and other work) {machine - serverPct - runnerPct:F0} %");
    }

    Sample Take()
    {
        long busy = 0, total = 0;
        if (File.Exists("/proc/stat"))
        {
            // cpu  user nice system idle iowait irq softirq steal ...
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            total = fields.Take(8).Sum();
            busy = total - fields[3] - fields[4];
        }
        using var self = Process.GetCurrentProcess();
        return new Sample(busy, total, server?.ProcessorTime ?? TimeSpan.Zero, self.TotalProcessorTime, Stopwatch.GetTimestamp());
    }
}
