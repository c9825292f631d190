using System.Text.RegularExpressions;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed partial class when_reviewers_record_at_the_same_moment(LedgerHost host) : LedgerScenario(host)
{
    [Fact]
    public async Task one_recording_wins_the_other_is_refused_and_no_number_is_lost()
    {
        var certificates = new List<string>();
        for (var round = 0; round < 6; round++)
        {
            var code = await RegisteredToAsync(People.ZhangSan);
            var transfer = await AcceptAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi));
            await ApproveAsync(transfer);

            // Two reviewers press "record" on the same transfer at the same moment.
            var answers = await Task.WhenAll(
                Ledger.PostAsync($"/api/applications/{transfer}/record", null, Reviewer),
                Ledger.PostAsync($"/api/applications/{transfer}/record", null, SecondReviewer));

            Assert.DoesNotContain(answers, a => a.Status >= 500);
            var won = Assert.Single(answers, a => a.Status == 200);
            var refused = Assert.Single(answers, a => a.Status == 409);
            Assert.Equal("application/problem+json", refused.MediaType);
            Assert.Contains(refused.Code, new[] { "concurrency-conflict", "already-recorded" });
            var unit = await UnitAsync(code);
            Assert.Equal(3, unit["version"]!.GetValue<int>());
            certificates.Add(won.Body!["certificateNumber"]!.GetValue<string>());
        }

        // Each round issued two certificates (first registration, transfer); the losers' numbers were given back.
        var last = int.Parse(Sequence().Match(certificates[^1]).Groups[1].Value);
        Assert.Equal(12, last);
    }

    [Fact]
    public async Task many_reviewers_racing_on_one_unit_never_record_two_transfers_from_the_same_holder()
    {
        People.Person[] buyers = [People.LiSi, People.WangWu, People.ReviewerZhao, People.Bank];
        for (var round = 0; round < 3; round++)
        {
            var code = await RegisteredToAsync(People.ZhangSan);
            var transfers = new List<string>();
            foreach (var buyer in buyers)
            {
                var id = await AcceptAsync("transfer", code, [People.ZhangSan], SaleTo(buyer));
                await ApproveAsync(id);
                transfers.Add(id);
            }

            // Every reviewer presses "record" on every transfer, all at once, and then once more each.
            var reviewers = new[] { Reviewer, SecondReviewer };
            var storm = transfers.SelectMany(id => reviewers.Select(r => Ledger.PostAsync($"/api/applications/{id}/record", null, r)));
            var answers = (await Task.WhenAll(storm)).ToList();
            foreach (var id in transfers) answers.Add(await Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer));

            Assert.DoesNotContain(answers, a => a.Status >= 500);
            Assert.All(answers.Where(a => a.Status != 200), a => Assert.Equal(409, a.Status));
            var history = (await Ledger.GetAsync($"/api/units/{code}/history", Clerk)).ShouldBe(200).Body!["events"]!.AsArray();
            var recordedTransfers = history.Where(e => e!["type"]!.GetValue<string>() == "transfer-recorded").ToList();
            Assert.Single(recordedTransfers);
            Assert.Equal(People.ZhangSan.IdNumber, recordedTransfers[0]!["data"]!["from"]![0]!["idNumber"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task certificate_numbers_have_no_gap_and_no_duplicate_under_concurrent_recording()
    {
        var codes = new List<string>();
        for (var i = 0; i < 12; i++) codes.Add(await EstablishedParcelAsync());
        var ids = new List<string>();
        foreach (var code in codes)
        {
            var id = await AcceptAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan));
            await ApproveAsync(id);
            ids.Add(id);
        }

        var answers = await Task.WhenAll(ids.Select(id => Ledger.PostAsync($"/api/applications/{id}/record", null, Reviewer)));

        Assert.All(answers, a => a.ShouldBe(200));
        var sequences = answers.Select(a => int.Parse(Sequence().Match(a.Body!["certificateNumber"]!.GetValue<string>()).Groups[1].Value))
            .Order().ToList();
        Assert.Equal(Enumerable.Range(1, ids.Count), sequences);
    }

    [GeneratedRegex("第(\\d{7})号")]
    private static partial Regex Sequence();
}
