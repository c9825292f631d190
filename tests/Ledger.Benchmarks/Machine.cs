using System.Globalization;

namespace Ledger.Benchmarks;

static class Machine
{
    static readonly int[] BusyFields = [1, 2, 3, 6, 7, 8];

    /// <summary>CPU time the whole machine has spent busy (all cores; /proc/stat user+nice+system+irq+softirq+steal).</summary>
    public static TimeSpan Busy()
    {
        if (!File.Exists("/proc/stat")) return TimeSpan.Zero;
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = BusyFields.Sum(i => long.Parse(f[i], CultureInfo.InvariantCulture));
        return TimeSpan.FromMilliseconds(ticks * 10.0);
    }
}
