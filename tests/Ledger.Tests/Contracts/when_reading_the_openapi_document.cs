using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Tests.Support;

namespace Ledger.Tests.Contracts;

public sealed class when_reading_the_openapi_document(LedgerHost host) : LedgerScenario(host)
{
    /// <summary>
    /// specs/openapi.json is the contract as the server states it. Regenerate it on purpose with
    /// <c>LEDGER_ACCEPT_OPENAPI=1 dotnet test Ledger.sln --filter when_reading_the_openapi_document</c>.
    /// </summary>
    [Fact]
    public async Task the_running_server_states_exactly_the_committed_specs_openapi_json()
    {
        var served = (await Ledger.GetAsync("/openapi/v1.json", null)).ShouldBe(200).Body!;
        var path = Path.Combine(Repository.Root, "specs", "openapi.json");
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

        if (Environment.GetEnvironmentVariable("LEDGER_ACCEPT_OPENAPI") == "1") await File.WriteAllTextAsync(path, text);

        Assert.True(File.Exists(path), "specs/openapi.json is missing; generate it with LEDGER_ACCEPT_OPENAPI=1.");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(path));
        Assert.True(JsonNode.DeepEquals(committed, served),
            "The server's OpenAPI document differs from specs/openapi.json; review the change and regenerate with LEDGER_ACCEPT_OPENAPI=1.");
    }

    [Fact]
    public async Task the_contract_paths_are_all_stated()
    {
        var paths = (await Ledger.GetAsync("/openapi/v1.json", null)).ShouldBe(200).Body!["paths"]!.AsObject().Select(p => p.Key).ToHashSet();
        string[] contract =
        [
            "/dev/tokens", "/api/units", "/api/units/{unitCode}", "/api/units/{unitCode}/history", "/api/applications",
            "/api/applications/{id}", "/api/applications/{id}/review", "/api/applications/{id}/record", "/api/applications/{id}/withdraw", "/health",
        ];
        Assert.All(contract, p => Assert.Contains(p, paths));
    }
}
