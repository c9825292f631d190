using Marten;
using Npgsql;

namespace Ledger.Integrity;

/// <summary>
/// Signs the tree whenever it has grown since the last checkpoint, checking every <see cref="IntegrityOptions.CheckpointEvery"/>:
/// while events arrive a checkpoint follows within that interval, and every checkpoint is kept. With several servers
/// each may sign; one checkpoint per tree size stands (the first).
/// </summary>
public sealed class Checkpoints(IDocumentStore store, CheckpointSigner signer, IntegrityOptions options, TimeProvider clock, ILogger<Checkpoints> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CheckpointEvery, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await IssueAsync(stoppingToken);
            }
            // Whatever fails, the next tick tries again: a checkpoint missed is only a later one.
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "No checkpoint this time; trying again in {Interval}.", options.CheckpointEvery);
            }
        }
    }

    /// <summary>Signs the current tree if no checkpoint covers it yet; returns the tree size signed, if any.</summary>
    public async Task<long?> IssueAsync(CancellationToken ct)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = (NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync(ct);

        long size;
        byte[] root;
        await using (var read = new NpgsqlCommand(
                         $"""
                          select t.tree_size, t.root_hash from {schema}.{LogTables.Tree} t
                          where t.tree_size > coalesce((select max(tree_size) from {schema}.{LogTables.Checkpoints}), 0)
                          """, connection))
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return null;
            (size, root) = (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }

        var now = clock.GetUtcNow();
        var at = new DateTimeOffset(now.UtcTicks - now.UtcTicks % 10, TimeSpan.Zero);
        var checkpoint = signer.Sign(size, root, at);
        // Only if the tree still reads so: a reset or a rival signer in between leaves nothing behind.
        await using var write = new NpgsqlCommand(
            $"""
             insert into {schema}.{LogTables.Checkpoints} (tree_size, root_hash, issued_at, key_id, signature, public_key)
             select $1, $2, $3, $4, $5, $6 where exists (select 1 from {schema}.{LogTables.Tree} where tree_size = $1 and root_hash = $2)
             on conflict (tree_size) do nothing
             """, connection);
        write.Parameters.Add(new NpgsqlParameter { Value = size });
        write.Parameters.Add(new NpgsqlParameter { Value = root });
        write.Parameters.Add(new NpgsqlParameter { Value = at });
        write.Parameters.Add(new NpgsqlParameter { Value = checkpoint.KeyId });
        write.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(checkpoint.Signature) });
        write.Parameters.Add(new NpgsqlParameter { Value = checkpoint.PublicKey });
        return await write.ExecuteNonQueryAsync(ct) == 1 ? size : null;
    }

    /// <summary>Every stored checkpoint, oldest first (or only the latest).</summary>
    public static async Task<List<Checkpoint>> ReadAsync(NpgsqlConnection connection, string schema, bool latestOnly, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"select tree_size, root_hash, issued_at, key_id, signature, public_key from {schema}.{LogTables.Checkpoints} " +
            (latestOnly ? "order by tree_size desc limit 1" : "order by tree_size"), connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var checkpoints = new List<Checkpoint>();
        while (await reader.ReadAsync(ct))
            checkpoints.Add(new Checkpoint(reader.GetInt64(0), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(1)),
                LeafEntry.Format(reader.GetFieldValue<DateTimeOffset>(2)), reader.GetString(3),
                Convert.ToBase64String(reader.GetFieldValue<byte[]>(4)), reader.GetString(5)));
        return checkpoints;
    }
}
