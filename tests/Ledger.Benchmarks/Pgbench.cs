using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Hosting;
using Npgsql;

namespace Ledger.Benchmarks;

/// <summary>The floor: PostgreSQL's own one-row insert rate on the same cluster, same machine, same run.</summary>
static partial class Pgbench
{
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
            "-h", "127.0.0.1", "-p", postgres.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", database];
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
