using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;

namespace Ledger.Units;

/// <summary>
/// The GiST index on the unit pages' bounding boxes (<see cref="Configuration.BoundaryBox"/>), kept outside Marten's model
/// of the unit table and known by its name only. PostgreSQL prints an expression index back in a form (casts spelt out,
/// parentheses added) that Weasel's comparison never took for the one configured, so every start dropped the index and
/// built it again over every unit, holding the table locked while it did; on 25,000 units that was 0.13 s, on a million
/// several seconds before the server answered. The unit table ignores the index (<c>IgnoreIndex</c>); this feature, applied
/// after the document tables, creates it when it is missing and otherwise leaves it alone.
/// </summary>
public sealed class BoundaryIndex(StoreOptions options) : FeatureSchemaBase("ledger-unit-boundary-index", options.Advanced.Migrator)
{
    public const string Name = "mt_doc_unit_idx_boundary_box";

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        yield return new NamedIndex(options.DatabaseSchemaName);
    }

    sealed class NamedIndex(string schema) : SchemaObjectBase(new PostgresqlObjectName(schema, Name, SchemaUtils.IdentifierUsage.General))
    {
        public override void WriteCreateStatement(Migrator migrator, TextWriter writer) =>
            writer.WriteLine($"create index if not exists {Name} on {schema}.mt_doc_unit using gist ({Configuration.BoundaryBox});");

        public override void WriteDropStatement(Migrator rules, TextWriter writer) =>
            writer.WriteLine($"drop index if exists {schema}.{Name};");

        public override void ConfigureQueryCommand(Weasel.Core.DbCommandBuilder builder)
        {
            var schemaParam = builder.AddParameter(schema).ParameterName;
            var nameParam = builder.AddParameter(Name).ParameterName;
            builder.Append($"select count(*) from pg_indexes where schemaname = :{schemaParam} and indexname = :{nameParam};");
        }
    }
}
