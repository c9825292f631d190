using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

/// <summary>
/// A county registry publishes the server behind its own web server (TLS, its host name): the OGC layer's links, which
/// GIS clients follow, must name what the proxy says, not the address the proxy used to reach the server.
/// </summary>
public sealed class when_the_register_sits_behind_a_reverse_proxy(LedgerHost host, LiveLedger live)
    : LedgerScenario(host), IClassFixture<LiveLedger>
{
    [Fact]
    public async Task the_ogc_links_name_the_scheme_and_host_a_proxy_on_this_machine_forwards()
    {
        using var http = live.CreateClient();
        var ledger = new LedgerClient(http);
        var agency = await ledger.TokenAsync("agency", People.ClerkWang);

        async Task<string> SelfLinkAsync(params (string Name, string Value)[] forwarded)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/ogc");
            request.Headers.Authorization = new("Bearer", agency);
            foreach (var (name, value) in forwarded) request.Headers.Add(name, value);
            using var answer = await http.SendAsync(request);
            answer.EnsureSuccessStatusCode();
            var page = System.Text.Json.Nodes.JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
            return page["links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "self")!["href"]!.GetValue<string>();
        }

        Assert.Equal(new Uri(live.Address, "/ogc").ToString(), await SelfLinkAsync());
        Assert.Equal("https://bdc.chaoyang.example.gov.cn/ogc",
            await SelfLinkAsync(("X-Forwarded-Proto", "https"), ("X-Forwarded-Host", "bdc.chaoyang.example.gov.cn")));
    }
}
