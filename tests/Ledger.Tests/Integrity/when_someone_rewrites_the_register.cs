using Ledger.Integrity;
using Ledger.Integrity.Verifying;
using Ledger.Tests.Support;
using Ledger.Units.Queries;
using Marten;
using Npgsql;

namespace Ledger.Tests.Integrity;

/// <summary>
/// An attacker with write access to the database, working in raw SQL on mt_events and the log's tables: the verifier
/// recomputes everything from the events as they stand and names what was touched; an auditor holding an old checkpoint
/// sees a rewritten history fail its consistency proof.
/// </summary>
public sealed class when_someone_rewrites_the_register(LedgerHost fixture) : IntegrityScenario(fixture)
{
    /// <summary>Two units with a few registrations each, all logged and signed, the verifier content.</summary>
    async Task<(string Unit, long Size)> LoggedRegisterAsync()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("transfer", unit, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200);
        await RegisteredToAsync(People.WangWu);
        var size = (await CheckpointCoveringAllAsync(await AuditorAsync()))["treeSize"]!.GetValue<long>();
        var before = await VerifyAsync();
        Assert.True(before.Intact, string.Join("\n", before.Findings));
        Assert.Equal(size, before.Leaves);
        return (unit, size);
    }

    Task<Verification> VerifyAsync() =>
        IntegrityVerifier.VerifyAsync(Host.Services.GetRequiredService<IDocumentStore>(), [Host.Services.GetRequiredService<CheckpointSigner>().PublicKey], CancellationToken.None);

    /// <summary>As the attacker: a superuser, who first switches off the triggers that refuse a rewrite (<see cref="AppendOnly"/>).</summary>
    static async Task<long> SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("set session_replication_role = replica", connection)) await off.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is long l ? l : 0;
    }

    [Fact]
    public async Task the_database_refuses_to_update_or_delete_an_event_or_a_query_until_its_guard_is_switched_off()
    {
        var unit = await RegisteredToAsync(People.ZhangSan);
        (await Ledger.GetAsync($"/api/units/{unit}", Clerk)).ShouldBe(200);
        var registration = await SequenceOfAsync(unit, 2);
        var rewrites = new[]
        {
            $"update ledger.mt_events set data = jsonb_set(data, '{{holders,0,name}}', '\"某人\"') where seq_id = {registration}",
            $"delete from ledger.mt_events where seq_id = {registration}",
            $"delete from ledger.mt_streams where id = '{unit}'",
            $"update ledger.{QueryLog.TableName} set name = '无人' where unit_code = '{unit}'",
            $"delete from ledger.{QueryLog.TableName} where unit_code = '{unit}'",
        };
        var logged = await SqlAsync($"select count(*) from ledger.{QueryLog.TableName} where unit_code = '{unit}'");
        Assert.True(logged > 0);
        await using var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync());
        await connection.OpenAsync();
        foreach (var sql in rewrites)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(AppendOnly.RefusedState, refused.SqlState);
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
        // Nothing moved: the history, the query log and the integrity log are as they were.
        Assert.Equal(logged, await SqlAsync($"select count(*) from ledger.{QueryLog.TableName} where unit_code = '{unit}'"));
        Assert.Equal(2, (await Ledger.GetAsync($"/api/units/{unit}/history", Clerk)).ShouldBe(200).Body!["events"]!.AsArray().Count);
        Assert.Equal("张三", (await UnitAsync(unit))["ownership"]!["holders"]![0]!["name"]!.GetValue<string>());
        await CheckpointCoveringAllAsync(await AuditorAsync());
        var verified = await VerifyAsync();
        Assert.True(verified.Intact, string.Join("\n", verified.Findings));

        // Switched off, by someone with the rights to (here a superuser's session), the guard lets a rewrite through:
        // what it did to the events is then the integrity log's to expose (the tests below).
        await SqlAsync($"delete from ledger.{QueryLog.TableName} where unit_code = '{unit}'");
        Assert.Equal(0, await SqlAsync($"select count(*) from ledger.{QueryLog.TableName} where unit_code = '{unit}'"));
    }

    static Task<long> SequenceOfAsync(string unit, int version) =>
        SqlAsync($"select seq_id from ledger.mt_events where stream_id = '{unit}' and version = {version}");

    async Task<Verification> CaughtAsync(long? firstBadSequence)
    {
        var after = await VerifyAsync();
        Assert.False(after.Intact, "the verifier found nothing");
        Assert.Equal(firstBadSequence, after.FirstBadSequence);
        return after;
    }

    [Fact]
    public async Task changing_one_events_data_is_caught_at_its_sequence()
    {
        var (unit, _) = await LoggedRegisterAsync();
        var sale = await SequenceOfAsync(unit, 3);
        await SqlAsync($"update ledger.mt_events set data = jsonb_set(data, '{{price}}', '1') where seq_id = {sale}");
        var caught = await CaughtAsync(sale);
        Assert.Contains(caught.Findings, f => f.Contains($"sequence {sale}", StringComparison.Ordinal) && f.Contains("leaf hash differs", StringComparison.Ordinal));
    }

    [Fact]
    public async Task deleting_one_event_is_caught_at_its_sequence()
    {
        var (unit, _) = await LoggedRegisterAsync();
        var registration = await SequenceOfAsync(unit, 2);
        await SqlAsync($"delete from ledger.mt_events where seq_id = {registration}");
        var caught = await CaughtAsync(registration);
        Assert.Contains(caught.Findings, f => f.Contains($"sequence {registration} is gone", StringComparison.Ordinal));
        Assert.Contains(caught.Findings, f => f.Contains("checkpoint of tree size", StringComparison.Ordinal));
    }

    [Fact]
    public async Task swapping_two_events_is_caught_at_the_first_of_them()
    {
        var (unit, _) = await LoggedRegisterAsync();
        var (first, second) = (await SequenceOfAsync(unit, 2), await SequenceOfAsync(unit, 3));
        await SqlAsync(
            $"""
             update ledger.mt_events e set data = o.data, type = o.type, mt_dotnet_type = o.mt_dotnet_type
             from ledger.mt_events o where (e.seq_id, o.seq_id) in (({first}, {second}), ({second}, {first}))
             """);
        var caught = await CaughtAsync(first);
        Assert.Contains(caught.Findings, f => f.Contains($"sequence {second}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task cutting_the_tail_is_caught_at_the_first_event_cut()
    {
        var (_, size) = await LoggedRegisterAsync();
        var cut = await SqlAsync($"select seq_id from ledger.mt_events order by seq_id offset {size - 2} limit 1");
        await SqlAsync($"delete from ledger.mt_events where seq_id >= {cut}");
        var caught = await CaughtAsync(cut);
        Assert.Contains(caught.Findings, f => f.Contains("tail of the log was cut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task rewriting_a_checkpoint_is_caught_by_its_signature_and_its_root()
    {
        var (_, size) = await LoggedRegisterAsync();
        await SqlAsync($"update ledger.{LogTables.Checkpoints} set root_hash = sha256('forged'::bytea) where tree_size = {size}");
        var caught = await CaughtAsync(null);
        Assert.Contains(caught.Findings, f => f.Contains($"checkpoint of tree size {size}: its signature does not verify", StringComparison.Ordinal));
        Assert.Contains(caught.Findings, f => f.Contains($"checkpoint of tree size {size} (issued", StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_auditor_holding_an_old_checkpoint_catches_a_history_rewritten_and_rehashed_from_scratch()
    {
        var (unit, _) = await LoggedRegisterAsync();
        var auditor = await AuditorAsync();
        var held = await CheckpointCoveringAllAsync(auditor);

        // The attacker changes a sale, then has the log rebuilt and re-signed from the altered events: every table agrees again.
        var sale = await SequenceOfAsync(unit, 3);
        await SqlAsync($"update ledger.mt_events set data = jsonb_set(data, '{{price}}', '1') where seq_id = {sale}");
        var coordinator = Host.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>();
        await coordinator.PauseAsync();
        await SqlAsync(LogTables.TruncateAll("ledger"));
        await SqlAsync($"delete from ledger.mt_event_progression where name like '{IntegrityLog.SubscriptionName}%'");
        await coordinator.ResumeAsync();
        await RegisteredToAsync(People.LiSi);
        var rewritten = await CheckpointCoveringAllAsync(auditor);
        Assert.True(SignatureHolds(rewritten));

        var (m, n) = (held["treeSize"]!.GetValue<long>(), rewritten["treeSize"]!.GetValue<long>());
        var proof = (await Ledger.GetAsync($"/api/integrity/proofs/consistency?from={m}&to={n}", auditor)).ShouldBe(200).Body!;
        Assert.False(MerkleTree.VerifyConsistency(m, n, Convert.FromHexString(held["rootHash"]!.GetValue<string>()),
            Convert.FromHexString(rewritten["rootHash"]!.GetValue<string>()), HashesOf(proof)), "the rewritten history passed as an extension of the old one");
    }

    /// <summary><c>Ledger.Server verify-integrity</c> as an operator runs it: the server's own binary, on the test database, with the host's key.</summary>
    async Task<(int ExitCode, string Output)> CommandLineAsync()
    {
        var info = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Ledger.Server.dll"));
        info.ArgumentList.Add("verify-integrity");
        info.Environment["ConnectionStrings__Ledger"] = await TestDatabase.ConnectionStringAsync();
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["Ledger__Integrity__SigningKey"] = Host.Services.GetRequiredService<IntegrityOptions>().SigningKey;
        using var process = System.Diagnostics.Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output + await errors);
    }

    [Fact]
    public async Task the_command_line_passes_an_intact_log_and_fails_a_tampered_one_naming_the_first_bad_sequence()
    {
        var (unit, _) = await LoggedRegisterAsync();
        var intact = await CommandLineAsync();
        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Contains("verify-integrity: intact", intact.Output, StringComparison.Ordinal);

        var registration = await SequenceOfAsync(unit, 2);
        await SqlAsync($"update ledger.mt_events set data = jsonb_set(data, '{{recordedBy}}', '\"reviewer:110105:someone else\"') where seq_id = {registration}");
        var tampered = await CommandLineAsync();
        Assert.True(tampered.ExitCode != 0, tampered.Output);
        Assert.Contains($"the first bad sequence is {registration}", tampered.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task checkpoints_signed_before_the_key_was_changed_verify_while_that_key_is_kept_as_a_previous_one()
    {
        await LoggedRegisterAsync();
        // As if every checkpoint so far had been signed by the key the registry used before.
        using var before = new CheckpointSigner(CheckpointSigner.NewKeyPem());
        await using (var connection = new NpgsqlConnection(await TestDatabase.ConnectionStringAsync()))
        {
            await connection.OpenAsync();
            foreach (var c in await Checkpoints.ReadAsync(connection, "ledger", latestOnly: false, CancellationToken.None))
            {
                var resigned = before.Sign(c.TreeSize, Convert.FromHexString(c.RootHash),
                    DateTimeOffset.Parse(c.IssuedAt, System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(c.IssuedAt, resigned.IssuedAt);
                await using var update = new NpgsqlCommand(
                    $"update ledger.{LogTables.Checkpoints} set key_id = $1, public_key = $2, signature = $3 where tree_size = $4", connection);
                update.Parameters.Add(new NpgsqlParameter { Value = resigned.KeyId });
                update.Parameters.Add(new NpgsqlParameter { Value = resigned.PublicKey });
                update.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(resigned.Signature) });
                update.Parameters.Add(new NpgsqlParameter { Value = c.TreeSize });
                await update.ExecuteNonQueryAsync();
            }
        }

        var store = Host.Services.GetRequiredService<IDocumentStore>();
        var signer = Host.Services.GetRequiredService<CheckpointSigner>();
        var forgotten = await IntegrityVerifier.VerifyAsync(store, new IntegrityOptions().TrustedPublicKeys(signer), CancellationToken.None);
        Assert.Contains(forgotten.Findings, f => f.Contains("does not verify with the trusted key", StringComparison.Ordinal));
        var kept = await IntegrityVerifier.VerifyAsync(store, new IntegrityOptions { PreviousPublicKeys = [before.PublicKey] }.TrustedPublicKeys(signer), CancellationToken.None);
        Assert.True(kept.Intact, string.Join("\n", kept.Findings));
    }
}
