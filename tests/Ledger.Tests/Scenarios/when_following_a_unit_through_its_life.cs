using Ledger.Hosting;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

public sealed class when_following_a_unit_through_its_life(LedgerHost host) : LedgerScenario(host)
{
    [Fact]
    public async Task the_register_reads_each_recording_and_remembers_every_earlier_state()
    {
        var code = await EstablishedParcelAsync();
        var first = (await RecordAsync("first-registration", code, [People.ZhangSan], SoleOwnership(People.ZhangSan))).ShouldBe(200);
        // Numbers run per office and per year of recording (Beijing time), so the year is this one's.
        var year = RegistryTime.Year(DateTimeOffset.UtcNow);
        Assert.Equal($"京({year})朝阳区不动产权第0000001号", first.Body!["certificateNumber"]!.GetValue<string>());
        var afterFirst = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(50);

        var transfer = (await RecordAsync("transfer", code, [People.ZhangSan], SaleTo(People.LiSi))).ShouldBe(200);
        var mortgage = (await RecordAsync("mortgage", code, [People.LiSi], MortgageTo(People.Bank))).ShouldBe(200);
        Assert.Equal($"京({year})朝阳区不动产证明第0000001号", mortgage.Body!["proofNumber"]!.GetValue<string>());

        var now = await UnitAsync(code);
        Assert.Equal("registered", now["status"]!.GetValue<string>());
        Assert.Equal(4, now["version"]!.GetValue<int>());
        Assert.Equal(People.LiSi.IdNumber, now["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());
        Assert.Equal(transfer.Body!["certificateNumber"]!.GetValue<string>(), now["ownership"]!["certificateNumber"]!.GetValue<string>());
        Assert.Equal(1, now["mortgages"]![0]!["rank"]!.GetValue<int>());
        Assert.True(now["flags"]!["mortgaged"]!.GetValue<bool>());

        var then = await UnitAsync(code, afterFirst);
        Assert.Equal(2, then["version"]!.GetValue<int>());
        Assert.Equal(People.ZhangSan.IdNumber, then["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());
        Assert.Empty(then["mortgages"]!.AsArray());

        var history = (await Ledger.GetAsync($"/api/units/{code}/history", Clerk)).ShouldBe(200).Body!;
        var types = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["unit-established", "first-registration-recorded", "transfer-recorded", "mortgage-recorded"], types);
        var recorders = history["events"]!.AsArray().Select(e => e!["recordedBy"]!.GetValue<string>()).ToList();
        Assert.StartsWith("clerk:110105:王芳", recorders[0]);
        Assert.All(recorders.Skip(1), r => Assert.StartsWith("reviewer:110105:李强", r));
        Assert.Equal(first.Body!["certificateNumber"]!.GetValue<string>(),
            history["events"]![2]!["data"]!["supersededCertificateNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task a_transfer_carries_the_mortgage_to_the_new_holder_and_a_discharge_lifts_it()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("mortgage", code, [People.ZhangSan], MortgageTo(People.Bank))).ShouldBe(200);
        (await RecordAsync("transfer", code, [People.ZhangSan], SaleTo(People.WangWu))).ShouldBe(200);

        var carried = await UnitAsync(code);
        var mortgageId = carried["mortgages"]![0]!["mortgageId"]!.GetValue<string>();
        Assert.Equal(People.WangWu.IdNumber, carried["ownership"]!["holders"]![0]!["idNumber"]!.GetValue<string>());

        (await RecordAsync("mortgage-discharge", code, [People.Bank], new { mortgageId })).ShouldBe(200);
        var discharged = await UnitAsync(code);
        Assert.Empty(discharged["mortgages"]!.AsArray());
        Assert.False(discharged["flags"]!["mortgaged"]!.GetValue<bool>());
    }

    [Fact]
    public async Task the_history_carries_the_recorder_and_the_request_trace_as_correlation()
    {
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        var code = NewParcelCode();
        (await Ledger.SendAsync(HttpMethod.Post, "/api/units", Survey(code), Clerk,
            r => r.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01"))).ShouldBe(201);

        var store = Host.Services.GetService(typeof(Marten.IDocumentStore)) as Marten.IDocumentStore;
        await using var session = store!.QuerySession();
        var established = (await session.Events.FetchStreamAsync(code)).Single();
        Assert.Equal(traceId, established.CorrelationId);
        Assert.Equal($"clerk:110105:{People.ClerkWang.Name} ({People.ClerkWang.IdNumber})", established.UserName);
    }
}
