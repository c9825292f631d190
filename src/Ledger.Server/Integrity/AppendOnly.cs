using Ledger.Units.Queries;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Triggers;

namespace Ledger.Integrity;

/// <summary>
/// What is recorded stays as recorded, at the database too: an UPDATE or DELETE of an event (<c>mt_events</c>) or of a
/// row of the query log is refused by a trigger, whoever sends it through the register's tables, unless the triggers are
/// switched off first (<c>ALTER TABLE … DISABLE TRIGGER</c>, or a superuser's <c>session_replication_role = replica</c>).
/// That takes the table owner's or a superuser's rights, and what such a rewrite does to the events the integrity log
/// still exposes (<c>verify-integrity</c>). TRUNCATE, a wipe of the whole table, is left to the owner.
/// </summary>
/// <remarks>
/// A storage feature of its own rather than extended schema objects: Marten creates those before the event tables, and
/// registered features after them, so the trigger on <c>mt_events</c> finds its table on a new database.
/// </remarks>
public sealed class AppendOnly(StoreOptions options) : FeatureSchemaBase("ledger-append-only", options.Advanced.Migrator)
{
    public const string FunctionName = "ledger_refuse_rewrite";

    /// <summary>The SQLSTATE of the refusal, in a class PostgreSQL leaves to applications (<c>LG</c>: the ledger).</summary>
    public const string RefusedState = "LG001";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var schema = options.DatabaseSchemaName;
        // Written as PostgreSQL prints them back (pg_get_functiondef, pg_get_triggerdef), so that a start finds nothing to
        // change: a trigger per event, because PostgreSQL prints "DELETE OR UPDATE" where Weasel writes "UPDATE OR DELETE".
        yield return Function.ForSql($$"""
            CREATE OR REPLACE FUNCTION {{schema}}.{{FunctionName}}()
             RETURNS trigger
             LANGUAGE plpgsql
            AS $function$
            begin
              raise exception '% of a row of %.% is refused: the register''s records are append-only', tg_op, tg_table_schema, tg_table_name
                using errcode = '{{RefusedState}}';
            end;
            $function$;
            """);
        foreach (var (name, table) in new[] { ("events", "mt_events"), ("unit_queries", QueryLog.TableName) })
        foreach (var (verb, what) in new[] { ("update", TriggerEvents.Update), ("delete", TriggerEvents.Delete) })
            yield return new Trigger($"{schema}.ledger_{name}_refuse_{verb}", $"{schema}.{table}", $"{schema}.{FunctionName}()")
            {
                Timing = TriggerTiming.Before, Events = what, ForEachRow = true,
            };
    }
}
