using System.Text.Json.Nodes;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

/// <summary><c>GET /api/holders/{idNumber}/units</c>: the units a person holds now, for that person and auditors.</summary>
public sealed class when_asking_what_a_person_holds(LedgerHost host) : LedgerScenario(host)
{
    static string Text(JsonNode? node) => node!.GetValue<string>();

    async Task<JsonArray> HeldAsync(People.Person person, string? token = null) =>
        (await Ledger.GetAsync($"/api/holders/{person.IdNumber}/units", token ?? await Ledger.TokenAsync("holder", person))).ShouldBe(200).Body!.AsArray();

    [Fact]
    public async Task a_transfer_moves_the_unit_from_the_seller_to_the_buyers_in_their_shares()
    {
        var code = await EstablishedParcelAsync();
        Assert.Empty(await HeldAsync(People.ZhangSan));
        var first = Text((await RecordAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200).Body!["certificateNumber"]);

        var held = Assert.Single(await HeldAsync(People.ZhangSan))!;
        Assert.Equal(code, Text(held["unitCode"]));
        Assert.Equal(Text((await UnitAsync(code))["location"]), Text(held["location"]));
        Assert.Equal("3", Text(held["rightType"]));
        Assert.Null(held["share"]);
        Assert.Equal(first, Text(held["certificateNumber"]));

        var sold = (await RecordAsync("transfer", code, [People.ZhangSan], new
        {
            to = new[]
            {
                new { name = People.LiSi.Name, idNumber = People.LiSi.IdNumber, share = "1/3" },
                new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber, share = "2/3" },
            },
            coOwnership = "shares", reason = "sale", price = 3_000_000m,
        })).ShouldBe(200).Body!;

        Assert.Empty(await HeldAsync(People.ZhangSan));
        var li = Assert.Single(await HeldAsync(People.LiSi))!;
        Assert.Equal(("1/3", Text(sold["certificateNumber"])), (Text(li["share"]), Text(li["certificateNumber"])));
        Assert.Equal("2/3", Text(Assert.Single(await HeldAsync(People.WangWu))!["share"]));

        // A second unit for the same person; an auditor reads anyone's list; the old certificate is nowhere.
        var other = await RegisteredToAsync(People.LiSi);
        var auditor = await Ledger.TokenAsync("auditor", People.ReviewerZhao);
        var audited = await HeldAsync(People.LiSi, auditor);
        Assert.Equal(new[] { code, other }.Order(StringComparer.Ordinal), audited.Select(u => Text(u!["unitCode"])));
    }

    [Fact]
    public async Task a_cancelled_unit_is_held_by_no_one_and_a_corrected_holder_takes_its_place()
    {
        var corrected = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("correction", corrected, [People.ZhangSan], new
        {
            correctsVersion = 2, basis = "court",
            corrected = new { holders = new[] { new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber } } },
        })).ShouldBe(200);
        Assert.Empty(await HeldAsync(People.ZhangSan));
        Assert.Equal(corrected, Text(Assert.Single(await HeldAsync(People.WangWu))!["unitCode"]));

        var cancelled = await RegisteredToAsync(People.LiSi);
        Assert.Single(await HeldAsync(People.LiSi));
        (await RecordAsync("cancellation", cancelled, [People.LiSi], new { reason = "destroyed" })).ShouldBe(200);
        Assert.Empty(await HeldAsync(People.LiSi));
    }

    [Fact]
    public async Task only_the_person_and_auditors_may_ask_and_the_number_must_be_one()
    {
        await RegisteredToAsync(People.ZhangSan);
        // The check character may be written in lower case; it is the same person.
        var own = (await Ledger.GetAsync($"/api/holders/{People.ZhangSan.IdNumber.ToLowerInvariant()}/units", await Ledger.TokenAsync("holder", People.ZhangSan))).ShouldBe(200);
        Assert.Single(own.Body!.AsArray());

        var someoneElse = await Ledger.TokenAsync("holder", People.LiSi);
        (await Ledger.GetAsync($"/api/holders/{People.ZhangSan.IdNumber}/units", someoneElse)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync($"/api/holders/{People.ZhangSan.IdNumber}/units", Clerk)).ShouldBeRefused(403, "not-allowed-to-view");
        (await Ledger.GetAsync($"/api/holders/110105194912310021/units", someoneElse)).ShouldBeRefused(400, "invalid-id-number");
        (await Ledger.GetAsync($"/api/holders/{People.ZhangSan.IdNumber}/units", token: null)).ShouldBeRefused(401, "identity-required");
    }
}
