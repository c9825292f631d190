using Marten;
using Npgsql;

namespace Ledger.Integrity;

/// <summary>
/// The leaf of the event that issued a certificate or proof number, once the log holds it: printed on the certificate
/// check, so that any later checkpoint can prove the registration behind a document (an inclusion proof of that index).
/// </summary>
public static class IssuingLeaf
{
    /// <param name="streams">The streams the issuing event may be on: the document's units and the units they derive from.</param>
    public static async Task<long?> FindAsync(IQuerySession session, IReadOnlyCollection<string> streams, string number, CancellationToken ct)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)session.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            $"""
             select l.leaf_index from {schema}.mt_events e join {schema}.{LogTables.Leaves} l on l.sequence = e.seq_id
             where e.stream_id = any($1)
               and (e.data ->> 'certificateNumber' = $2 or e.data ->> 'proofNumber' = $2 or e.data -> 'certificateNumbers' ? $2)
             order by e.seq_id limit 1
             """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = streams.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = number });
        return await command.ExecuteScalarAsync(ct) is long index ? index : null;
    }
}
