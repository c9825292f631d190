using Ledger.Integrity;
using Ledger.Integrity.Verifying;
using Ledger.Tests.Support;
using Marten;
using Npgsql;

namespace Ledger.Tests.Integrity;

/// <summary>
/// A register whose events were stored before the log followed them (an upgrade, a restored database): the daemon hands
/// the log the whole backlog as one range, and the log hashes it in slices of <see cref="IntegrityLog.SliceSize"/>, each
/// continuing the tree where the last one left it.
/// </summary>
public sealed class when_the_log_catches_up_a_backlog(LedgerHost fixture) : IntegrityScenario(fixture)
{
    [Fact]
    public async Task a_backlog_of_several_slices_is_logged_whole_and_verifies()
    {
        const int events = IntegrityLog.SliceSize * 2 + 2_345;
        await using (var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync()))
        {
            await connection.OpenAsync();
            foreach (var sql in new[]
                     {
                         $"""
                          insert into ledger.mt_streams (id, version, timestamp, created)
                          select 'queries:110105001001GB' || lpad((s + 1)::text, 5, '0') || 'W00000000', least(5, {events} - s * 5), now(), now()
                          from generate_series(0, {events / 5 - 1}) s
                          """,
                         $"""
                          insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, mt_dotnet_type)
                          select n + 1, gen_random_uuid(), 'queries:110105001001GB' || lpad((n / 5 + 1)::text, 5, '0') || 'W00000000', n % 5 + 1,
                                 jsonb_build_object('unitCode', '110105001001GB' || lpad((n / 5 + 1)::text, 5, '0') || 'W00000000', 'office', '110105',
                                   'view', 'full', 'role', 'clerk', 'name', '王芳', 'sub', '110105198001010016', 'at', now() - make_interval(secs => {events} - n)),
                                 'unit_queried', now() - make_interval(secs => {events} - n), 'Ledger.Units.Queries.UnitQueried, Ledger.Server'
                          from generate_series(0, {events - 1}) n
                          """,
                         $"select setval('ledger.mt_events_sequence', {events})",
                     })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }

        var checkpoint = await CheckpointCoveringAllAsync(await AuditorAsync());

        Assert.Equal(events, checkpoint["treeSize"]!.GetValue<long>());
        Assert.True(SignatureHolds(checkpoint));
        var verification = await IntegrityVerifier.VerifyAsync(
            Host.Services.GetRequiredService<IDocumentStore>(), [Host.Services.GetRequiredService<CheckpointSigner>().PublicKey], CancellationToken.None);
        Assert.True(verification.Intact, string.Join("\n", verification.Findings));
        Assert.Equal(events, verification.Leaves);
    }
}
