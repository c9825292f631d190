using JasperFx;
using Ledger.Access;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql.Tables;

namespace Ledger.Units.Queries;

/// <summary>
/// Someone read a unit (不动产登记资料查询暂行办法: every query is recorded with who asked, the purpose stated and what
/// was shown). <c>View</c> is the cut shown (full, holder, party, prospect), or <c>history</c>, <c>proof</c> or
/// <c>certificate-check</c>; <c>AsOf</c> the instant asked for, when one was. A row of the query log; registers written
/// before the log was a table of its own hold it as an event, alone on a stream <c>queries:{unitCode}</c> per unit.
/// </summary>
public sealed record UnitQueried(
    string UnitCode, string Office, string View, string? Purpose, DateTimeOffset? AsOf,
    string Role, string Name, string Sub, DateTimeOffset At);

/// <summary>
/// The query log: an append-only table beside the register, one row per query of a unit, written by the read itself in
/// one statement that commits before the answer leaves (a crash loses no answered query; a read whose query cannot be
/// recorded fails instead of answering). Not an event: a read changes no right, never moves a unit's version, and needs
/// no stream, no projection and no place in the recordings' order — only a durable row, for the cost of one insert.
/// </summary>
public sealed class QueryLog(string schema, bool enabled)
{
    /// <summary>Off only in local mode, to measure what logging costs a read (<c>Ledger:QueryLog:Enabled=false</c>).</summary>
    public const string EnabledKey = "Ledger:QueryLog:Enabled";
    public const string TableName = "ledger_unit_queries";

    /// <summary>
    /// One row per query, numbered in the order they were recorded; read by unit, so one index on (unit, number).
    /// Nothing updates or deletes a row.
    /// </summary>
    public static Table Table(string schema)
    {
        var table = new Table($"{schema}.{TableName}");
        table.AddColumn<long>("id").BigAutoIncrement().AsPrimaryKey();
        table.AddColumn<string>("unit_code").NotNull();
        table.AddColumn<string>("office").NotNull();
        table.AddColumn<string>("view").NotNull();
        table.AddColumn<string>("purpose");
        table.AddColumn<DateTimeOffset>("as_of");
        table.AddColumn<string>("role").NotNull();
        table.AddColumn<string>("name").NotNull();
        table.AddColumn<string>("sub").NotNull();
        table.AddColumn<DateTimeOffset>("at").NotNull();
        table.Indexes.Add(new IndexDefinition($"{TableName}_idx_unit") { Columns = ["unit_code", "id"] });
        return table;
    }

    public static UnitQueried Entry(Unit unit, Caller caller, string view, string? purpose, DateTimeOffset? asOf, DateTimeOffset at) =>
        new(unit.Id, unit.Office, view, Purpose(purpose), asOf, caller.Role, caller.Name, caller.Sub, at);

    /// <summary>The purpose as recorded: trimmed, and none when only blanks were given.</summary>
    public static string? Purpose(string? stated) => string.IsNullOrWhiteSpace(stated) ? null : stated.Trim();

    /// <summary>
    /// Records the queries on the read's own connection, in one statement committed on its own (outside any transaction
    /// of the session: a read has none), before the caller answers.
    /// </summary>
    public async Task RecordAsync(IQuerySession session, IReadOnlyCollection<UnitQueried> queries, CancellationToken ct)
    {
        if (!enabled || queries.Count == 0) return;
        var connection = session.Connection;
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(_insert, connection);
        command.Parameters.Add(Texts(queries.Select(q => q.UnitCode)));
        command.Parameters.Add(Texts(queries.Select(q => q.Office)));
        command.Parameters.Add(Texts(queries.Select(q => q.View)));
        command.Parameters.Add(Texts(queries.Select(q => q.Purpose)));
        command.Parameters.Add(Instants(queries.Select(q => q.AsOf)));
        command.Parameters.Add(Texts(queries.Select(q => q.Role)));
        command.Parameters.Add(Texts(queries.Select(q => q.Name)));
        command.Parameters.Add(Texts(queries.Select(q => q.Sub)));
        command.Parameters.Add(Instants(queries.Select(q => (DateTimeOffset?)q.At)));
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task RecordAsync(IQuerySession session, UnitQueried query, CancellationToken ct) => RecordAsync(session, [query], ct);

    /// <summary>
    /// Records one query as part of a batch of reads: the batch's round trip carries the insert, and since a batch outside
    /// a transaction is one implicit transaction, its answers come back only once the row is committed. The row is written
    /// only if the unit exists (its office is taken from the unit's page); true when it was.
    /// </summary>
    public Task<bool> RecordIn(Marten.Services.BatchQuerying.IBatchedQuery batch, UnitQueried query) =>
        enabled ? batch.AddItem(new RecordInBatch(schema, query)) : Task.FromResult(false);

    sealed class RecordInBatch(string schema, UnitQueried q) : Marten.Linq.QueryHandlers.IQueryHandler<bool>
    {
        public void ConfigureCommand(Weasel.Postgresql.ICommandBuilder builder, Weasel.Storage.IStorageSession session)
        {
            var p = builder.AppendWithParameters($"""
                with recorded as (
                  insert into {schema}.{TableName} (unit_code, office, view, purpose, as_of, role, name, sub, at)
                  select u.id, u.data ->> 'office', ?, ?, ?, ?, ?, ?, ? from {schema}.mt_doc_unit u where u.id = ?
                  returning 1)
                select count(*) from recorded
                """);
            (p[0].NpgsqlDbType, p[0].Value) = (NpgsqlDbType.Text, q.View);
            (p[1].NpgsqlDbType, p[1].Value) = (NpgsqlDbType.Text, (object?)q.Purpose ?? DBNull.Value);
            (p[2].NpgsqlDbType, p[2].Value) = (NpgsqlDbType.TimestampTz, (object?)q.AsOf?.ToUniversalTime() ?? DBNull.Value);
            (p[3].NpgsqlDbType, p[3].Value) = (NpgsqlDbType.Text, q.Role);
            (p[4].NpgsqlDbType, p[4].Value) = (NpgsqlDbType.Text, q.Name);
            (p[5].NpgsqlDbType, p[5].Value) = (NpgsqlDbType.Text, q.Sub);
            (p[6].NpgsqlDbType, p[6].Value) = (NpgsqlDbType.TimestampTz, q.At.ToUniversalTime());
            (p[7].NpgsqlDbType, p[7].Value) = (NpgsqlDbType.Text, q.UnitCode);
        }

        public async Task<bool> HandleAsync(System.Data.Common.DbDataReader reader, Weasel.Storage.IStorageSession session, CancellationToken token) =>
            await reader.ReadAsync(token) && reader.GetInt64(0) == 1;

        public Task<int> StreamJson(Stream stream, System.Data.Common.DbDataReader reader, CancellationToken token) =>
            throw new NotSupportedException("The query log answers no JSON.");
    }

    readonly string _insert = $"""
        insert into {schema}.{TableName} (unit_code, office, view, purpose, as_of, role, name, sub, at)
        select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
        """;

    static NpgsqlParameter Texts(IEnumerable<string?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = values.ToArray() };

    static NpgsqlParameter Instants(IEnumerable<DateTimeOffset?> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, Value = values.Select(v => v?.ToUniversalTime()).ToArray() };

    /// <summary>The unit's queries, oldest first: the rows of the log, after the events an earlier register kept per unit.</summary>
    public static async Task<IReadOnlyList<UnitQueried>> OfUnitAsync(IQuerySession session, string unitCode, CancellationToken ct)
    {
        var earlier = await session.Events.FetchStreamAsync($"queries:{unitCode}", token: ct);
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        var connection = session.Connection;
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"select unit_code, office, view, purpose, as_of, role, name, sub, at from {schema}.{TableName} where unit_code = $1 order by id", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = unitCode });
        var rows = new List<UnitQueried>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                rows.Add(new UnitQueried(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                    reader.GetFieldValue<DateTimeOffset>(8)));
        return [.. earlier.Select(e => e.Data).OfType<UnitQueried>().Concat(rows).OrderBy(q => q.At)];
    }
}

public static class QueryLogging
{
    /// <summary>Every query of a unit is recorded; only a local run may turn that off, to measure its cost.</summary>
    public static WebApplicationBuilder AddQueryLog(this WebApplicationBuilder builder)
    {
        var enabled = !builder.Configuration.LocalMode(builder.Environment) || builder.Configuration.GetValue(QueryLog.EnabledKey, true);
        builder.Services.AddSingleton(sp => new QueryLog(sp.GetRequiredService<IDocumentStore>().Options.DatabaseSchemaName, enabled));
        return builder;
    }
}
