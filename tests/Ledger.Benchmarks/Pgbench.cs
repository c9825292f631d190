using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Hosting;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>The floor: PostgreSQL's own one-row insert rate on the same cluster, same machine, same run.</summary>
static partial class Pgbench
{
    /// <summary>The run's baseline, first in its report: pgbench's one-row inserts, 8 clients, in a database of their own on the run's cluster.</summary>
    public static async Task<double> BaselineAsync(EmbeddedPostgres postgres, int seconds, Report report)
    {
        await postgres.StartAsync("pgbench_baseline");
        Console.WriteLine($"1. pgbench: one-row inserts, 8 clients, {seconds} s");
        var tps = await OneRowInsertTpsAsync(postgres, "pgbench_baseline", seconds);
        report.Add("pgbench one-row insert, 8 clients (baseline)", $"{tps:F0} tps", "1.00");
        return tps;
    }

    public static async Task<double> OneRowInsertTpsAsync(EmbeddedPostgres postgres, string database, int seconds)
    {
        await using (var connection = new NpgsqlConnection(postgres.ConnectionString(database)))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("create table if not exists bench_insert(id bigserial primary key, payload text)", connection);
            await create.ExecuteNonQueryAsync();
        }
        // In the data folder: the postgres user can read it there (the file itself is world-readable).
        var script = Path.Combine(postgres.DataDirectory, "insert.sql");
        await File.WriteAllTextAsync(script, "insert into bench_insert(payload) values ('x');\n");
        string[] pgbench = [Path.Combine(EmbeddedPostgres.DefaultBinaries, "pgbench"), "-n", "-c", "8", "-j", "2",
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", script,
            "-h", postgres.Host, "-p", postgres.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", database];
        var (exit, output) = Environment.UserName == "root"
            ? Repository.Run("runuser", ["-u", "postgres", "--", .. pgbench])
            : Repository.Run(pgbench[0], pgbench[1..]);
        var match = Tps().Match(output);
        if (exit != 0 || !match.Success) throw new InvalidOperationException($"pgbench failed ({exit}): {output}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"tps = ([\d.]+)")]
    private static partial Regex Tps();
}
