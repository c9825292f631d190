using System.Text.Json.Nodes;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

/// <summary>Who sees what of a unit (DOMAIN.md "Who may see what"), and the record of every query that its holders and auditors read.</summary>
public sealed class when_someone_looks_at_a_unit(LedgerHost host) : LedgerScenario(host)
{
    static string Text(JsonNode? node) => node!.GetValue<string>();

    static readonly People.Person Auditor = new("审计员周", "110105197001010012");

    async Task<string> SharedByZhangAndLiAsync()
    {
        var code = await EstablishedParcelAsync();
        (await RecordAsync("first-registration", code, [People.ZhangSan, People.LiSi], new
        {
            rightType = "3", coOwnership = "shares",
            holders = new[]
            {
                new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber, share = "1/3" },
                new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber, share = "2/3" },
            },
        })).ShouldBe(200);
        return code;
    }

    [Fact]
    public async Task identity_numbers_are_whole_only_for_the_person_the_office_and_auditors()
    {
        var code = await SharedByZhangAndLiAsync();
        string IdOf(JsonNode page, int holder) => Text(page["ownership"]!["holders"]![holder]!["idNumber"]);
        const string zhangMasked = "110105********002X", liMasked = "110105********0038";

        var zhang = (await Ledger.GetAsync($"/api/units/{code}", await Ledger.TokenAsync("holder", People.ZhangSan))).ShouldBe(200).Body!;
        Assert.Equal("holder", Text(zhang["view"]));
        Assert.Equal((People.ZhangSan.IdNumber, liMasked), (IdOf(zhang, 0), IdOf(zhang, 1)));

        var reviewer = (await Ledger.GetAsync($"/api/units/{code}", Reviewer)).ShouldBe(200).Body!;
        Assert.Equal((People.ZhangSan.IdNumber, People.LiSi.IdNumber), (IdOf(reviewer, 0), IdOf(reviewer, 1)));
        var auditor = (await Ledger.GetAsync($"/api/units/{code}", await Ledger.TokenAsync("auditor", Auditor))).ShouldBe(200).Body!;
        Assert.Equal((People.ZhangSan.IdNumber, People.LiSi.IdNumber), (IdOf(auditor, 0), IdOf(auditor, 1)));

        var otherOffice = await Ledger.TokenAsync("clerk", People.ClerkWang, People.OtherOffice);
        var far = (await Ledger.GetAsync($"/api/units/{code}", otherOffice)).ShouldBe(200).Body!;
        Assert.Equal("full", Text(far["view"]));
        Assert.Equal((zhangMasked, liMasked), (IdOf(far, 0), IdOf(far, 1)));
        var party = (await Ledger.GetAsync($"/api/units/{code}?purpose={Uri.EscapeDataString("租赁合同")}", await Ledger.TokenAsync("party", People.WangWu))).ShouldBe(200).Body!;
        Assert.Equal("party", Text(party["view"]));
        Assert.Equal((zhangMasked, liMasked), (IdOf(party, 0), IdOf(party, 1)));

        var prospect = (await Ledger.GetAsync($"/api/units/{code}", await Ledger.TokenAsync("prospect", People.WangWu))).ShouldBe(200).Body!;
        Assert.Equal("prospect", Text(prospect["view"]));
        Assert.Null(prospect["ownership"]);
        Assert.Null(prospect["pendingApplications"]);
        (await Ledger.GetAsync($"/api/units/{code}", token: null)).ShouldBeRefused(401, "identity-required");
    }

    [Fact]
    public async Task a_bank_reads_the_results_of_a_unit_it_holds_a_mortgage_on_and_only_the_flags_of_any_other()
    {
        var code = await EstablishedParcelAsync();
        (await RecordAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200);
        var bank = await Ledger.TokenAsync("bank", People.Bank);
        var otherBank = await Ledger.TokenAsync("bank", People.OtherBank);

        // Before lending: the status check any intending lender gets.
        var before = (await Ledger.GetAsync($"/api/units/{code}", bank)).ShouldBe(200).Body!;
        Assert.Equal("prospect", Text(before["view"]));
        Assert.Null(before["ownership"]);
        Assert.False(before["flags"]!["mortgaged"]!.GetValue<bool>());

        (await RecordAsync("mortgage", code, [People.ZhangSan, People.Bank], MortgageTo(People.Bank))).ShouldBe(200);
        var whileHeld = DateTimeOffset.UtcNow;
        // The mortgagee holds a right in the unit: the registration results, no purpose asked (its mortgage is its relation),
        // the owner's identity number masked.
        var mortgagee = (await Ledger.GetAsync($"/api/units/{code}", bank)).ShouldBe(200).Body!;
        Assert.Equal("party", Text(mortgagee["view"]));
        Assert.Equal("110105********002X", Text(mortgagee["ownership"]!["holders"]![0]!["idNumber"]));
        Assert.Equal(People.Bank.IdNumber, Text(mortgagee["mortgages"]![0]!["mortgagee"]!["code"]));
        // Another bank still sees the flags only, now with the mortgage among them.
        var other = (await Ledger.GetAsync($"/api/units/{code}", otherBank)).ShouldBe(200).Body!;
        Assert.Equal("prospect", Text(other["view"]));
        Assert.True(other["flags"]!["mortgaged"]!.GetValue<bool>());
        Assert.Null(other["mortgages"]);
        // The unit's history and map stay its holders' and the register's.
        (await Ledger.GetAsync($"/api/units/{code}/history", bank)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync($"/api/units/{code}/map.svg", bank)).ShouldBeRefused(403, "not-allowed-to-view");

        // Discharged: the former mortgagee is an intending lender again, but as of a time it held the mortgage, it reads the results.
        var mortgageId = Text((await UnitAsync(code))["mortgages"]![0]!["mortgageId"]);
        (await RecordAsync("mortgage-discharge", code, [People.Bank], new { mortgageId })).ShouldBe(200);
        Assert.Equal("prospect", Text((await Ledger.GetAsync($"/api/units/{code}", bank)).ShouldBe(200).Body!["view"]));
        var then = (await Ledger.GetAsync($"/api/units/{code}?asOf={Uri.EscapeDataString(whileHeld.ToString("O"))}", bank)).ShouldBe(200).Body!;
        Assert.Equal("party", Text(then["view"]));

        // Every read is in the unit's query log, with the bank's role and the cut it was shown.
        var seen = (await Ledger.GetAsync($"/api/units/{code}/queries", await Ledger.TokenAsync("holder", People.ZhangSan))).ShouldBe(200).Body!.AsArray();
        var banks = seen.Where(q => Text(q!["role"]) == "bank").ToList();
        Assert.Equal(["prospect", "party", "prospect", "prospect", "party"], banks.Select(q => Text(q!["view"])));
        Assert.Equal([People.Bank.Name, People.Bank.Name, People.OtherBank.Name, People.Bank.Name, People.Bank.Name], banks.Select(q => Text(q!["name"])));
    }

    [Fact]
    public async Task a_holder_sees_an_application_against_their_unit_the_moment_it_is_accepted()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var owner = await Ledger.TokenAsync("holder", People.ZhangSan);
        Assert.Empty((await Ledger.GetAsync($"/api/units/{code}", owner)).ShouldBe(200).Body!["pendingApplications"]!.AsArray());

        // Someone else's objection is taken in at the counter: the holder's page shows it before any review.
        var objector = new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber };
        var id = await AcceptAsync("objection", code, [People.WangWu], new { objector, reason = "权属争议" });
        var pending = (await Ledger.GetAsync($"/api/units/{code}", owner)).ShouldBe(200).Body!["pendingApplications"]!.AsArray();
        Assert.Equal(id, Text(Assert.Single(pending)!["applicationId"]));
        Assert.Equal("objection", Text(pending[0]!["type"]));

        await ApproveAsync(id);
        (await Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer)).ShouldBe(200);
        Assert.Empty((await Ledger.GetAsync($"/api/units/{code}", owner)).ShouldBe(200).Body!["pendingApplications"]!.AsArray());
    }

    [Fact]
    public async Task every_query_is_recorded_and_its_holders_and_auditors_see_who_looked()
    {
        var code = await EstablishedParcelAsync();
        var certificate = Text((await RecordAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200).Body!["certificateNumber"]);
        var owner = await Ledger.TokenAsync("holder", People.ZhangSan);
        var auditor = await Ledger.TokenAsync("auditor", Auditor);
        var party = await Ledger.TokenAsync("party", People.LiSi);
        var prospect = await Ledger.TokenAsync("prospect", People.WangWu);
        var stranger = await Ledger.TokenAsync("holder", People.WangWu);
        var version = (await Ledger.GetAsync($"/api/units/{code}", owner)).ShouldBe(200).ETag;

        (await Ledger.GetAsync($"/api/units/{code}", Clerk)).ShouldBe(200);
        (await Ledger.GetAsync($"/api/units/{code}?purpose={Uri.EscapeDataString("购房合同纠纷诉讼")}", party)).ShouldBe(200);
        (await Ledger.GetAsync($"/api/units/{code}", prospect)).ShouldBe(200);
        var asOf = DateTimeOffset.UtcNow;
        (await Ledger.GetAsync($"/api/units/{code}?asOf={Uri.EscapeDataString(asOf.ToString("O"))}", auditor)).ShouldBe(200);
        (await Ledger.GetAsync($"/api/units/{code}/history", owner)).ShouldBe(200);
        (await Ledger.GetAsync($"/api/certificates/{Uri.EscapeDataString(certificate)}", prospect)).ShouldBe(200);
        // Refused queries showed nothing and are not in the log.
        (await Ledger.GetAsync($"/api/units/{code}", party)).ShouldBeRefused(400, "purpose-required");
        (await Ledger.GetAsync($"/api/units/{code}", stranger)).ShouldBeRefused(403, "not-allowed-to-view");

        var seen = (await Ledger.GetAsync($"/api/units/{code}/queries", owner)).ShouldBe(200).Body!.AsArray();
        Assert.Equal(["holder", "clerk", "party", "prospect", "auditor", "holder", "prospect"], seen.Select(q => Text(q!["role"])));
        Assert.Equal(["holder", "full", "party", "prospect", "full", "history", "certificate-check"], seen.Select(q => Text(q!["view"])));
        Assert.Equal("购房合同纠纷诉讼", Text(seen[2]!["purpose"]));
        Assert.Null(seen[1]!["purpose"]);
        Assert.Equal(People.LiSi.Name, Text(seen[2]!["name"]));
        Assert.Equal(People.ZhangSan.IdNumber, Text(seen[0]!["sub"]));
        Assert.Equal("110105********0038", Text(seen[2]!["sub"]));
        Assert.Equal(asOf.ToUniversalTime(), seen[4]!["asOf"]!.GetValue<DateTimeOffset>(), TimeSpan.FromMilliseconds(1));
        var times = seen.Select(q => q!["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);

        // Reading the log is no query of the unit; an auditor sees the same log with whole numbers.
        var audited = (await Ledger.GetAsync($"/api/units/{code}/queries", auditor)).ShouldBe(200).Body!.AsArray();
        Assert.Equal(seen.Count, audited.Count);
        Assert.Equal(People.LiSi.IdNumber, Text(audited[2]!["sub"]));

        (await Ledger.GetAsync($"/api/units/{code}/queries", stranger)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync($"/api/units/{code}/queries", Clerk)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync($"/api/units/{code}/queries", token: null)).ShouldBeRefused(401, "identity-required");
        // Reads never move the unit's version: an If-Match taken before them still holds.
        Assert.Equal(version, (await Ledger.GetAsync($"/api/units/{code}", owner)).ShouldBe(200).ETag);
        Assert.Equal(2, (await UnitAsync(code))["version"]!.GetValue<int>());
        await using var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        Assert.Null(await session.LoadAsync<global::Ledger.Units.Unit>($"queries:{code}"));
    }

    [Fact]
    public async Task readers_of_one_unit_at_the_same_moment_are_all_recorded()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var auditor = await Ledger.TokenAsync("auditor", Auditor);
        var reads = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Ledger.GetAsync($"/api/units/{code}", auditor)));
        Assert.All(reads, r => r.ShouldBe(200));
        Assert.Equal(16, (await Ledger.GetAsync($"/api/units/{code}/queries", auditor)).ShouldBe(200).Body!.AsArray().Count);
    }

    [Fact]
    public async Task queries_an_earlier_register_kept_as_events_are_shown_with_the_logs_rows_oldest_first()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var auditor = await Ledger.TokenAsync("auditor", Auditor);
        (await Ledger.GetAsync($"/api/units/{code}", auditor)).ShouldBe(200);
        await using (var session = Host.Services.GetRequiredService<Marten.IDocumentStore>().LightweightSession())
        {
            // What a register written before the log was a table holds: each query an event, on a stream per unit.
            session.Events.Append($"queries:{code}", new global::Ledger.Units.Queries.UnitQueried(
                code, "110105", "party", "租赁合同", null, "party", People.LiSi.Name, People.LiSi.IdNumber, DateTimeOffset.UtcNow.AddDays(-1)));
            await session.SaveChangesAsync();
        }

        var seen = (await Ledger.GetAsync($"/api/units/{code}/queries", auditor)).ShouldBe(200).Body!.AsArray();
        Assert.Equal([("party", "party"), ("auditor", "full")], seen.Select(q => (Text(q!["role"]), Text(q!["view"]))));
        Assert.Equal("租赁合同", Text(seen[0]!["purpose"]));
    }

    [Fact]
    public async Task a_read_whose_query_cannot_be_recorded_is_not_answered()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var auditor = await Ledger.TokenAsync("auditor", Auditor);
        var store = Host.Services.GetRequiredService<Marten.IDocumentStore>();
        // The log refuses rows for this unit (as a full disk or a lost database would): the page must not be shown.
        await ExecuteAsync(store, $"""
                create or replace function ledger.refuse_query_for_test() returns trigger language plpgsql as $$
                begin if new.unit_code = '{code}' then raise exception 'query log unavailable'; end if; return new; end $$;
                create trigger refuse_query_for_test before insert on ledger.{(global::Ledger.Units.Queries.QueryLog.TableName)}
                  for each row execute function ledger.refuse_query_for_test();
                """);
        try
        {
            var refused = await Ledger.GetAsync($"/api/units/{code}", auditor);
            Assert.Equal(500, refused.Status);
            Assert.Equal("application/problem+json", refused.MediaType);
            Assert.Null(refused.Body?["unitCode"]);
        }
        finally
        {
            await ExecuteAsync(store, $"drop trigger refuse_query_for_test on ledger.{(global::Ledger.Units.Queries.QueryLog.TableName)}; drop function ledger.refuse_query_for_test()");
        }
        Assert.Empty((await Ledger.GetAsync($"/api/units/{code}/queries", auditor)).ShouldBe(200).Body!.AsArray());
    }

    [Fact]
    public async Task a_read_of_a_unit_the_register_does_not_hold_is_not_recorded()
    {
        const string missing = "110105003002GB09999W00000000";
        var auditor = await Ledger.TokenAsync("auditor", Auditor);
        (await Ledger.GetAsync($"/api/units/{missing}", auditor)).ShouldBeRefused(404, "unit-not-found");
        (await Ledger.GetAsync($"/api/units/{missing}", Clerk)).ShouldBeRefused(404, "unit-not-found");

        var store = Host.Services.GetRequiredService<Marten.IDocumentStore>();
        await using var connection = (Npgsql.NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand(
            $"select count(*) from ledger.{(global::Ledger.Units.Queries.QueryLog.TableName)} where unit_code = $1", connection);
        count.Parameters.Add(new Npgsql.NpgsqlParameter { Value = missing });
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }

    static async Task ExecuteAsync(Marten.IDocumentStore store, string sql)
    {
        await using var connection = (Npgsql.NpgsqlConnection)store.Storage.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task a_holder_reads_the_history_with_the_staffs_identity_numbers_masked_and_the_office_reads_them_whole()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        var holder = await Ledger.TokenAsync("holder", People.ZhangSan);

        var seen = (await Ledger.GetAsync($"/api/units/{code}/history", holder)).ShouldBe(200).Body!.ToJsonString();
        Assert.DoesNotContain(People.ClerkWang.IdNumber, seen, StringComparison.Ordinal);
        Assert.DoesNotContain(People.ReviewerLi.IdNumber, seen, StringComparison.Ordinal);
        Assert.Contains(global::Ledger.Values.PartyNumber.Mask(People.ReviewerLi.IdNumber), seen, StringComparison.Ordinal);

        var office = (await Ledger.GetAsync($"/api/units/{code}/history", Clerk)).ShouldBe(200).Body!.ToJsonString();
        Assert.Contains(People.ReviewerLi.IdNumber, office, StringComparison.Ordinal);
    }
}
