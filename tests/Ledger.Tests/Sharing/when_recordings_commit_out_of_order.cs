using System.Text.Json.Nodes;
using Ledger.Tests.Support;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Tests.Sharing;

/// <summary>
/// API.md "Sharing": a consumer that keeps polling with <c>next</c> sees every matching recording exactly once, in
/// recording order, even while recordings commit concurrently and out of sequence order.
/// </summary>
public sealed class when_recordings_commit_out_of_order(LedgerHost host) : LedgerScenario(host)
{
    string _tax = "";

    async Task<string> TaxTokenAsync() =>
        _tax = await Ledger.TokenAsync("tax", new People.Person("国家税务总局北京市朝阳区税务局", "11110105MB0000001X"));

    /// <summary>Polls the tax feed with next until told to stop and then until a page comes back empty after the daemon caught up.</summary>
    async Task<List<JsonNode>> ConsumeAsync(Task writers, string feed = "tax", string? token = null)
    {
        token ??= _tax;
        var seen = new List<JsonNode>();
        var url = $"/api/feeds/{feed}?start=beginning&limit=3";
        var caughtUp = false;
        while (true)
        {
            var page = (await Ledger.GetAsync(url, token)).ShouldBe(200).Body!;
            var items = page["items"]!.AsArray();
            seen.AddRange(items.Select(i => i!));
            url = $"/api/feeds/{feed}?after={Uri.EscapeDataString(page["next"]!.GetValue<string>())}&limit=3";
            if (items.Count > 0) continue;
            if (caughtUp) return seen;
            if (writers.IsCompleted)
            {
                await writers;
                await Host.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
                caughtUp = true;
            }
            else await Task.Delay(20);
        }
    }

    /// <summary>Every transfer in the event log, in global sequence order: what the consumer must have seen.</summary>
    async Task<List<(string Unit, string Certificate)>> TransfersInTheLogAsync()
    {
        await using var session = Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "transfer_recorded").OrderBy(e => e.Sequence).ToListAsync();
        return [.. events.Select(e => (e.StreamKey!, ((global::Ledger.Units.TransferRecorded)e.Data).CertificateNumber))];
    }

    static List<(string Unit, string Certificate)> Read(List<JsonNode> items) =>
        [.. items.Select(i => (i["unitCode"]!.GetValue<string>(), i["certificateNumber"]!.GetValue<string>()))];

    [Fact]
    public async Task eight_writers_and_a_polling_consumer_every_transfer_is_seen_once_in_order()
    {
        await TaxTokenAsync();
        var units = new List<string>();
        for (var i = 0; i < 8; i++) units.Add(await RegisteredToAsync(People.ZhangSan));

        // Eight writers, each passing its unit back and forth five times, all at once.
        var writers = Task.WhenAll(units.Select(async unit =>
        {
            var (from, to) = (People.ZhangSan, People.LiSi);
            for (var round = 0; round < 5; round++)
            {
                (await RecordAsync("transfer", unit, [from, to], SaleTo(to, 1_000_000m + round))).ShouldBe(200);
                (from, to) = (to, from);
            }
        }));
        var seen = await ConsumeAsync(writers);

        var expected = await TransfersInTheLogAsync();
        Assert.Equal(40, expected.Count);
        Assert.Equal(expected, Read(seen));
    }

    [Fact]
    public async Task a_recording_held_open_while_later_ones_commit_is_served_in_its_place_and_never_skipped()
    {
        var bank = await Ledger.TokenAsync("bank", People.Bank);
        var court = new People.Person("北京市朝阳区人民法院", "11110000000021135M");
        var units = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var unit = await RegisteredToAsync(People.ZhangSan);
            (await RecordAsync("mortgage", unit, [People.ZhangSan, People.Bank], MortgageTo(People.Bank))).ShouldBe(200);
            units.Add(unit);
        }
        var held = units[0];
        var seizure = await AcceptAsync("seizure", held, [court], new { court = court.Name, caseNumber = "(2026)京0105执10号" });
        await ApproveAsync(seizure);

        // As Marten's own tests do: a trigger makes the held unit's seizure take its sequence number and then wait six
        // seconds before its transaction can commit (twice the daemon's three-second stale-gap threshold). Seizures
        // issue no numbers, so the later ones wait for no lock of the held one and commit first.
        var store = Host.Services.GetRequiredService<IDocumentStore>();
        await ExecuteAsync(store, $"""
            create or replace function ledger.hold_seizure_for_test() returns trigger language plpgsql as $$
            begin
              if new.stream_id = '{held}' and new.type = 'seizure_recorded' then perform pg_sleep(6); end if;
              return new;
            end $$;
            create trigger hold_seizure_for_test before insert on ledger.mt_events
              for each row execute function ledger.hold_seizure_for_test();
            """);
        try
        {
            var holding = Ledger.PostAsync($"/api/applications/{seizure}/record", null, Reviewer);
            await UntilHeldAsync(store, holding);
            var writers = Task.Run(async () =>
            {
                for (var i = 1; i < units.Count; i++)
                    (await RecordAsync("seizure", units[i], [court], new { court = court.Name, caseNumber = $"(2026)京0105执1{i}号" })).ShouldBe(200);
                Assert.False(holding.IsCompleted, "the later seizures should commit while the held one is still open");
                (await holding).ShouldBe(200);
            });
            var seen = await ConsumeAsync(writers, "bank", bank);

            await using var session = store.QuerySession();
            var log = await session.Events.QueryAllRawEvents()
                .Where(e => e.EventTypeName == "seizure_recorded" || e.EventTypeName == "mortgage_recorded")
                .OrderBy(e => e.Sequence).ToListAsync();
            var seizures = log.Where(e => e.EventTypeName == "seizure_recorded").ToList();
            Assert.Equal(held, seizures[0].StreamKey);
            Assert.Equal(
                log.Select(e => (e.StreamKey!, e.EventTypeName == "seizure_recorded" ? "seizure" : "mortgage")),
                seen.Select(i => (i["unitCode"]!.GetValue<string>(), i["type"]!.GetValue<string>())));
        }
        finally
        {
            await ExecuteAsync(store, "drop trigger if exists hold_seizure_for_test on ledger.mt_events; drop function if exists ledger.hold_seizure_for_test();");
        }
    }

    /// <summary>Until the held seizure's insert sleeps in the trigger, its sequence taken: the later ones start only then.</summary>
    static async Task UntilHeldAsync(IDocumentStore store, Task holding)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select count(*) from pg_stat_activity where wait_event = 'PgSleep' and datname = current_database()", connection);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            Assert.False(holding.IsCompleted, "the held seizure was recorded without waiting in the trigger");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the held seizure never reached the trigger");
            await Task.Delay(10);
        }
    }

    static async Task ExecuteAsync(IDocumentStore store, string sql)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
