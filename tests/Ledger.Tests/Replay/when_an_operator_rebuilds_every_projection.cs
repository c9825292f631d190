using System.Globalization;
using Ledger.Tests.Support;
using Npgsql;

namespace Ledger.Tests.Replay;

/// <summary>
/// The operator's command, as the README gives it (<c>projections rebuild</c>, every projection), on a register of its own
/// that the real server recorded and folded: afterwards every view holds exactly the rows it held before, a view row
/// changed or lost behind the register's back is folded back from the events, and the integrity log (a subscription
/// the command also rewinds) is neither lost nor logged twice.
/// </summary>
public sealed class when_an_operator_rebuilds_every_projection
{
    const string Unit1 = "110105003002GB00031W00000000", Unit2 = "110105003002GB00032W00000000";

    [Fact]
    public async Task every_view_is_folded_again_to_the_same_rows_and_the_integrity_log_is_unchanged()
    {
        await using var scratch = await ScratchDatabase.CreateAsync("rebuild");
        var connection = scratch.ConnectionString;
        var keyFolder = Directory.CreateTempSubdirectory("ledger-rebuild-key-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Ledger"] = connection,
            ["Ledger__Integrity__SigningKeyFile"] = Path.Combine(keyFolder, "integrity-signing-key.pem"),
        };
        try
        {
            // A small register recorded through the real server; its daemon folds the feeds, statistics and the integrity log.
            var (server, _) = await ServerRun.StartAsync(environment);
            await using (server)
            {
                await RecordAsync(new LedgerClient(new HttpClient { BaseAddress = server.Address }));
                await WaitForTheDaemonAsync(scratch);
                Assert.Equal(0, (await server.StopAsync()).Exit);
            }
            var before = await ViewsAsync(connection);
            Assert.Contains(before.Keys, k => k.StartsWith("mt_doc_feeditem/", StringComparison.Ordinal));
            Assert.Contains(before.Keys, k => k.StartsWith("mt_doc_holding/", StringComparison.Ordinal));
            var log = await IntegrityAsync(connection);
            Assert.Equal(await scratch.ScalarAsync<long>("select count(*) from ledger.mt_events"), log.Leaves);

            // Behind the register's back: a unit's page altered, a feed row lost.
            await scratch.ExecuteAsync(
                $"update ledger.mt_doc_unit set data = jsonb_set(data, '{{location}}', '\"改过的地址\"') where id = '{Unit1}'",
                "delete from ledger.mt_doc_feeditem where id = (select min(id) from ledger.mt_doc_feeditem)");
            Assert.NotEqual(before, await ViewsAsync(connection));

            var (exit, said) = await ServerRun.RunAsync(["projections", "rebuild"], environment);
            Assert.True(exit == 0, $"projections rebuild ended with {exit}:\n{said}");

            var after = await ViewsAsync(connection);
            Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
            Assert.All(before, row => Assert.True(after[row.Key] == row.Value, $"{row.Key} was\n{row.Value}\nand is now\n{after[row.Key]}"));
            Assert.Equal(log, await IntegrityAsync(connection));
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    /// <summary>Two parcels, each first registered; one sold and mortgaged (tax and bank feed items), the other sold.</summary>
    static async Task RecordAsync(LedgerClient ledger)
    {
        var clerk = await ledger.TokenAsync("clerk", People.ClerkWang, People.Office);
        var reviewer = await ledger.TokenAsync("reviewer", People.ReviewerLi, People.Office);
        async Task RegisterAsync(object application)
        {
            var id = (await ledger.PostAsync("/api/applications", application, clerk)).ShouldBe(201).Body!["applicationId"]!.GetValue<string>();
            (await ledger.PostAsync($"/api/applications/{id}/review", new { decision = "approve", opinion = "材料齐全" }, reviewer)).ShouldBe(200);
            (await ledger.PostAsync($"/api/applications/{id}/record", null, reviewer)).ShouldBe(200);
        }

        var zhang = new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber };
        var li = new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber };
        foreach (var (unit, lon) in new[] { (Unit1, 116.46), (Unit2, 116.47) })
        {
            double[][][] square = [[[lon, 39.90], [lon + 0.001, 39.90], [lon + 0.001, 39.901], [lon, 39.901], [lon, 39.90]]];
            (await ledger.PostAsync("/api/units", new
            {
                unitCode = unit, location = "北京市朝阳区建国路88号", area = 9495.26, use = "城镇住宅用地",
                geometry = new { type = "Polygon", coordinates = square },
            }, clerk)).ShouldBe(201);
            await RegisterAsync(new
            {
                type = "first-registration", unitCode = unit, applicants = new[] { zhang },
                details = new { rightType = "3", coOwnership = "sole", holders = new[] { zhang } },
            });
            await RegisterAsync(new
            {
                type = "transfer", unitCode = unit, applicants = new[] { zhang },
                details = new { to = new[] { li }, coOwnership = "sole", reason = "sale", price = 3_500_000 },
            });
        }
        await RegisterAsync(new
        {
            type = "mortgage", unitCode = Unit1, applicants = new[] { li },
            details = new
            {
                mortgagee = new { name = People.Bank.Name, code = People.Bank.IdNumber }, amount = 2_000_000,
                term = new { from = "2026-12-01", to = "2046-11-30" }, restrictsTransfer = false,
            },
        });
    }

    /// <summary>Until every asynchronous view and the integrity log stand at the last event.</summary>
    static async Task WaitForTheDaemonAsync(ScratchDatabase scratch)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (await scratch.ScalarAsync<long>("""
                   select (select max(seq_id) from ledger.mt_events)
                        - least(coalesce((select min(last_seq_id) from ledger.mt_event_progression where name like 'sharing:%'), 0),
                                coalesce((select max(last_sequence) from ledger.ledger_integrity_tree), 0))
                   """) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the daemon did not fold the register within a minute");
            await Task.Delay(200);
        }
    }

    /// <summary>Every row of every document table of the register, as "table/id" → its JSON (jsonb's own canonical text).</summary>
    static async Task<Dictionary<string, string>> ViewsAsync(string connection)
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_name from information_schema.tables where table_schema = 'ledger' and table_name like 'mt_doc_%' order by 1", db))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"select id::text, data::text from ledger.{table}", db);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows[$"{table}/{reader.GetString(0)}"] = reader.GetString(1);
        }
        return rows;
    }

    sealed record Log(long Leaves, long TreeSize, long LastSequence, string RootHash);

    static async Task<Log> IntegrityAsync(string connection)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select (select count(*) from ledger.ledger_integrity_leaves), tree_size, last_sequence, encode(root_hash, 'hex') from ledger.ledger_integrity_tree", db);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the integrity log has no tree");
        return new Log(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
    }
}
