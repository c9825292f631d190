using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ledger.Hosting;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Benchmarks;

sealed record ReplayFigures(int Count, double PerSecond, double P50, double P99, double PostgresMs, double ClientMs, int Failed, string FailureDetail, long Verified);

/// <summary>
/// A recording's own SQL without the server. One real recording per office is made through HTTP with PostgreSQL's statement
/// log on; the statements it ran, with their parameters, are then sent again by a bare Npgsql client for other approved
/// applications (their application, unit and certificate number put in), in the round trips <see cref="Trips"/> names. No
/// HTTP, no JSON, no Marten: what PostgreSQL and the kernel spend on those statements, any server issuing them spends too.
/// </summary>
static partial class RecordingReplay
{
    /// <summary>
    /// How the statements go: <see cref="Server"/>, as the server sends them (reads; BEGIN and the number; writes; COMMIT);
    /// <see cref="NumberWithReads"/>, the number taken in the reads' round trip, the fewest a Marten session can send (it commits
    /// apart from its writes, and the writes need the number); <see cref="One"/>, all in one (no client can send fewer).
    /// </summary>
    public enum Trips { Server, NumberWithReads, One }

    internal sealed record Statement(string Sql, string?[] Parameters);

    /// <summary>One recording's statements by round trip: the reads before the transaction, the number issued in it, the writes; then the commit.</summary>
    internal sealed record Template(Approved Source, string CertificateTail, Statement[] Reads, Statement[] Issue, Statement[] Writes)
    {
        public int StatementCount => Reads.Length + Issue.Length + Writes.Length + 2;

        /// <summary>The same recording with no row written to the named tables.</summary>
        public Template Without(IReadOnlyList<string> tables) =>
            this with { Writes = [.. Writes.Where(s => !tables.Any(t => s.Sql.StartsWith($"insert into {t} ", StringComparison.Ordinal)))] };
    }

    public static async Task<IReadOnlyList<Template>> CaptureAsync(EmbeddedPostgres postgres, string connection, LoadRun load, IReadOnlyList<Approved> sources)
    {
        var log = Path.Combine(postgres.DataDirectory, "server.log");
        var offset = new FileInfo(log).Length;
        await Sql.ExecuteAsync(connection, "alter system set log_statement = 'all'", "select pg_reload_conf()");
        try
        {
            foreach (var source in sources)
                if (!await load.RecordAsync(source)) throw new InvalidOperationException($"the recording of {source.Id} to capture was refused");
        }
        finally
        {
            await Sql.ExecuteAsync(connection, "alter system reset log_statement", "select pg_reload_conf()");
        }
        var statements = ReadLog(log, offset);
        return [.. sources.Select(source => TemplateOf(statements, source))];
    }

    /// <summary>
    /// Records <paramref name="targets"/> with the captured statements, <paramref name="clients"/> at once, each target with the
    /// template of its office; the first <paramref name="warmUp"/> untimed, so that the statements are prepared as the server's are.
    /// In the round trips <paramref name="trips"/> names.
    /// </summary>
    public static async Task<ReplayFigures> ReplayAsync(string connection, IReadOnlyList<Template> templates, IReadOnlyList<Approved> targets, int clients, int warmUp, Trips trips)
    {
        var byOffice = templates.ToDictionary(t => t.Source.Office);
        await using var dataSource = NpgsqlDataSource.Create(LedgerDatabase.Tuned(connection));
        var failures = new Dictionary<string, int>();
        var failed = 0;
        var certificate = 5_000_000;

        async Task<bool> RecordAsync(Approved target)
        {
            var template = byOffice[target.Office];
            var tail = string.Create(CultureInfo.InvariantCulture, $"第{Interlocked.Increment(ref certificate):D7}号");
            string? Put(string? value) => value?.Replace(template.Source.Id, target.Id, StringComparison.Ordinal)
                .Replace(template.Source.UnitCode, target.UnitCode, StringComparison.Ordinal)
                .Replace(template.CertificateTail, tail, StringComparison.Ordinal);
            NpgsqlBatch BatchOf(NpgsqlConnection db, IEnumerable<Statement> statements)
            {
                var batch = new NpgsqlBatch(db);
                foreach (var statement in statements)
                {
                    var command = new NpgsqlBatchCommand(statement.Sql);
                    // Sent untyped, as text: PostgreSQL infers each parameter's type from the statement, as it resolved Marten's.
                    foreach (var value in statement.Parameters)
                        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Unknown, Value = (object?)Put(value) ?? DBNull.Value });
                    batch.BatchCommands.Add(command);
                }
                return batch;
            }
            try
            {
                await using var db = await dataSource.OpenConnectionAsync();
                if (trips == Trips.One)
                {
                    // Everything in one batch: PostgreSQL runs it as one implicit transaction, answered once.
                    await using var all = BatchOf(db, [.. template.Reads, .. template.Issue, .. template.Writes]);
                    await all.ExecuteNonQueryAsync();
                    return true;
                }
                if (trips == Trips.Server)
                    await using (var reads = BatchOf(db, template.Reads)) await reads.ExecuteNonQueryAsync();
                await using var transaction = await db.BeginTransactionAsync();
                await using (var issue = BatchOf(db, trips == Trips.Server ? template.Issue : [.. template.Issue, .. template.Reads])) await issue.ExecuteNonQueryAsync();
                await using (var writes = BatchOf(db, template.Writes)) await writes.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                return true;
            }
            catch (PostgresException e)
            {
                lock (failures)
                {
                    failed++;
                    failures[e.SqlState + " " + e.MessageText] = failures.GetValueOrDefault(e.SqlState + " " + e.MessageText) + 1;
                }
                return false;
            }
        }

        var next = -1;
        async Task RunAsync(int count, double[]? latencies) => await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await RecordAsync(targets[i]);
                if (latencies is not null) latencies[i - warmUp] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));

        await RunAsync(warmUp, null);
        if (failed > 0) Console.WriteLine($"   warm-up: {failed} failed: {string.Join(", ", failures.Select(f => $"{f.Key} ×{f.Value}"))}");
        failed = 0;
        failures.Clear();
        next = warmUp - 1;
        var timed = targets.Count - warmUp;
        var latencies = new double[timed];
        var (selfBefore, machineBefore) = (Environment.CpuUsage.TotalTime, Machine.Busy());
        var watch = Stopwatch.StartNew();
        await RunAsync(targets.Count, latencies);
        var seconds = watch.Elapsed.TotalSeconds;
        var selfMs = (Environment.CpuUsage.TotalTime - selfBefore).TotalMilliseconds;
        var postgresMs = (Machine.Busy() - machineBefore).TotalMilliseconds - selfMs;
        Array.Sort(latencies);
        double At(double q) => latencies.Length == 0 ? 0 : latencies[Math.Clamp((int)Math.Ceiling(q * latencies.Length) - 1, 0, latencies.Length - 1)];

        // The replay did what a recording does: every target's unit went from its establishment (version 1) to its first
        // registration (version 2), and every application from approved (2) to recorded (3).
        var units = string.Join(",", targets.Select(t => $"'{t.UnitCode}'"));
        var applications = string.Join(",", targets.Select(t => $"'{t.Id}'"));
        var recordedUnits = await Sql.ScalarAsync(connection, $"select count(*) from ledger.mt_streams where version = 2 and id in ({units})");
        var recordedApplications = await Sql.ScalarAsync(connection, $"select count(*) from ledger.mt_streams where version = 3 and id in ({applications})");
        var verified = Math.Min(recordedUnits, recordedApplications);

        var detail = failures.Count == 0 ? "" : ": " + string.Join(", ", failures.OrderByDescending(f => f.Value).Select(f => $"{f.Key} ×{f.Value}"));
        return new ReplayFigures(timed, timed / seconds, At(0.50), At(0.99), postgresMs / timed, selfMs / timed, failed, detail, verified);
    }

    public static string Describe(IReadOnlyList<Template> templates)
    {
        var template = templates[0];
        return $"{template.StatementCount} statements: {template.Reads.Length} reads, BEGIN with {template.Issue.Length} to issue the number, " +
               $"{template.Writes.Length} writes, COMMIT";
    }

    static Template TemplateOf(IReadOnlyList<(int Pid, Statement Statement)> log, Approved source)
    {
        bool Names(Statement s) => s.Parameters.Any(p => p is not null && p.Contains(source.Id, StringComparison.Ordinal));
        var pid = log.FirstOrDefault(e => e.Statement.Sql.Contains("mt_quick_append_events", StringComparison.Ordinal) && Names(e.Statement)).Pid;
        var mine = log.Where(e => e.Pid == pid).Select(e => e.Statement)
            .Where(s => !s.Sql.StartsWith("SET SESSION AUTHORIZATION", StringComparison.Ordinal)).ToList();
        int After(int from, Predicate<Statement> match) => from < 0 ? -1 : mine.FindIndex(from, match);
        var first = pid == 0 ? -1 : mine.FindIndex(Names);
        var begin = After(first, s => s.Sql.StartsWith("BEGIN", StringComparison.Ordinal));
        var append = After(begin, s => s.Sql.Contains("mt_quick_append_events", StringComparison.Ordinal));
        var commit = After(append, s => s.Sql.StartsWith("COMMIT", StringComparison.Ordinal));
        if (commit < 0) throw new InvalidOperationException($"the statement log does not hold the recording of {source.Id} whole");
        var tail = mine.Skip(append).SelectMany(s => s.Parameters).Select(p => p is null ? null : CertificateTail().Match(p))
            .FirstOrDefault(m => m is { Success: true })?.Value
            ?? throw new InvalidOperationException($"no certificate number in the recording of {source.Id}");
        return new Template(source, tail, [.. mine[first..begin]], [.. mine[(begin + 1)..append]], [.. mine[append..commit]]);
    }

    /// <summary>The statements in PostgreSQL's log from <paramref name="offset"/> on, with the backend that ran each.</summary>
    static List<(int Pid, Statement Statement)> ReadLog(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var entries = new List<(int Pid, string Level, StringBuilder Text)>();
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('\t') && entries.Count > 0) { entries[^1].Text.Append('\n').Append(line.AsSpan(1)); continue; }
            var match = LogLine().Match(line);
            if (match.Success) entries.Add((int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), match.Groups[2].Value, new StringBuilder(match.Groups[3].Value)));
        }
        var statements = new List<(int Pid, Statement Statement)>();
        foreach (var (pid, level, builder) in entries)
        {
            var text = builder.ToString();
            if (level == "LOG" && text.StartsWith("statement: ", StringComparison.Ordinal))
                statements.Add((pid, new Statement(text["statement: ".Length..], [])));
            else if (level == "LOG" && text.StartsWith("execute ", StringComparison.Ordinal))
                statements.Add((pid, new Statement(text[(text.IndexOf(": ", StringComparison.Ordinal) + 2)..], [])));
            else if (level == "DETAIL" && text.StartsWith("parameters: ", StringComparison.Ordinal) && statements.Count > 0 && statements[^1].Pid == pid)
                statements[^1] = (pid, statements[^1].Statement with { Parameters = ParametersOf(text["parameters: ".Length..]) });
        }
        return statements;
    }

    /// <summary>PostgreSQL's rendering of bound parameters: <c>$1 = 'text with '' doubled', $2 = NULL</c>.</summary>
    static string?[] ParametersOf(string text)
    {
        var values = new List<string?>();
        var i = 0;
        while (i < text.Length)
        {
            var equals = text.IndexOf(" = ", i, StringComparison.Ordinal);
            if (equals < 0) break;
            i = equals + 3;
            if (text.AsSpan(i).StartsWith("NULL")) { values.Add(null); i += 4; }
            else
            {
                var value = new StringBuilder();
                for (i++; i < text.Length; i++)
                {
                    if (text[i] != '\'') { value.Append(text[i]); continue; }
                    if (i + 1 < text.Length && text[i + 1] == '\'') { value.Append('\''); i++; continue; }
                    i++;
                    break;
                }
                values.Add(value.ToString());
            }
            i = text.IndexOf('$', i) is var dollar and >= 0 ? dollar : text.Length;
        }
        return [.. values];
    }

    [GeneratedRegex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\w+):  (.*)$")]
    private static partial Regex LogLine();

    [GeneratedRegex(@"第\d{7}号")]
    private static partial Regex CertificateTail();
}
