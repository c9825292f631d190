using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ledger.Hosting;
using Ledger.Tests.Support;
using Xunit.Abstractions;

namespace Ledger.Tests.Scenarios;

/// <summary>
/// The README's five-minute tour, exactly as a newcomer copies it: its shell block is taken from README.md, pointed at the
/// real server on Kestrel instead of 127.0.0.1:5080, and run by bash with curl and jq. Each step must answer what the
/// README's comment beside it says, so the tour and the register cannot drift apart.
/// </summary>
public sealed class when_a_newcomer_takes_the_tour(LedgerHost host, LiveLedger live, ITestOutputHelper log)
    : LedgerScenario(host), IClassFixture<LiveLedger>
{
    const string Server = "L=http://127.0.0.1:5080";

    [Fact]
    public async Task every_step_answers_what_the_readme_says()
    {
        foreach (var tool in new[] { "bash", "curl", "jq" })
            if (!File.Exists($"/usr/bin/{tool}") && !File.Exists($"/bin/{tool}"))
                Assert.Fail($"The README's tour needs {tool}: install it with `apt-get install -y {tool}` (.ci/run does so).");

        var script = TourScript();
        Assert.Contains(Server, script, StringComparison.Ordinal);
        var folder = Directory.CreateTempSubdirectory("ledger-tour-").FullName;
        try
        {
            var (exit, output, errors) = await RunAsync(script.Replace(Server, $"L={live.Address.ToString().TrimEnd('/')}", StringComparison.Ordinal), folder);
            log.WriteLine(output);
            Assert.True(exit == 0, $"the tour ended with {exit}: {errors}");
            var answers = JsonValues(output);
            Assert.True(answers.Count == 11, $"the tour printed {answers.Count} JSON values, not 11:\n{output}");
            var year = RegistryTime.Year(DateTimeOffset.UtcNow);
            const string unit = "110105003002GB00021W00000000";

            // 1. → 201 {"unitCode":…,"version":1}
            Assert.Equal(unit, answers[0]["unitCode"]!.GetValue<string>());
            Assert.Equal(1, answers[0]["version"]!.GetValue<int>());

            // 2.–4. first registration 第0000001号, transfer 第0000002号, mortgage proof 证明第0000001号
            Assert.Equal(("recorded", 2), (answers[1]["status"]!.GetValue<string>(), answers[1]["unitVersion"]!.GetValue<int>()));
            Assert.Equal($"京({year})朝阳区不动产权第0000001号", answers[1]["certificateNumber"]!.GetValue<string>());
            Assert.Equal(("recorded", 3), (answers[2]["status"]!.GetValue<string>(), answers[2]["unitVersion"]!.GetValue<int>()));
            Assert.Equal($"京({year})朝阳区不动产权第0000002号", answers[2]["certificateNumber"]!.GetValue<string>());
            Assert.Equal(("recorded", 4), (answers[3]["status"]!.GetValue<string>(), answers[3]["unitVersion"]!.GetValue<int>()));
            Assert.Equal($"京({year})朝阳区不动产证明第0000001号", answers[3]["proofNumber"]!.GetValue<string>());

            // 5. version 4, held by 李四 and 王五 (1/2 each), one mortgage of rank 1
            var now = answers[4];
            Assert.Equal(4, now["version"]!.GetValue<int>());
            Assert.Equal(["李四:1/2", "王五:1/2"], Holders(now["ownership"]!["holders"]!));
            var mortgage = Assert.Single(now["mortgages"]!.AsArray());
            Assert.Equal(1, mortgage!["rank"]!.GetValue<int>());

            // 6. oldest first: unit-established, first-registration-recorded, transfer-recorded, mortgage-recorded
            Assert.Equal(["unit-established", "first-registration-recorded", "transfer-recorded", "mortgage-recorded"],
                answers.Skip(5).Take(4).Select(e => e["type"]!.GetValue<string>()));
            Assert.Equal([1, 2, 3, 4], answers.Skip(5).Take(4).Select(e => e["version"]!.GetValue<int>()));

            // 7. before the sale: version 2, held by 张三, no mortgage
            var before = answers[9];
            Assert.Equal(2, before["version"]!.GetValue<int>());
            Assert.Equal(["张三:"], Holders(before["holders"]!));
            Assert.True(before["mortgages"] is null || before["mortgages"]!.AsArray().Count == 0, before.ToJsonString());

            // 8. the boundary drawn
            var svg = await File.ReadAllTextAsync(Path.Combine(folder, "unit.svg"));
            Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);

            // 9. a wrong check character: problem+json with a stable code, and the mortgage was not accepted
            Assert.Equal(400, answers[10]["status"]!.GetValue<int>());
            Assert.Equal("invalid-application", answers[10]["code"]!.GetValue<string>());
            Assert.Contains("check character", answers[10]["errors"]!["applicants[0].idNumber"]![0]!.GetValue<string>(), StringComparison.Ordinal);
            using var http = live.CreateClient();
            var ledger = new LedgerClient(http);
            var clerk = await ledger.TokenAsync("clerk", People.ClerkWang, People.Office);
            Assert.Equal(4, (await ledger.GetAsync($"/api/units/{unit}", clerk)).Body!["version"]!.GetValue<int>());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The first sh block under "## A five-minute tour".</summary>
    static string TourScript()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var tour = readme.IndexOf("## A five-minute tour", StringComparison.Ordinal);
        Assert.True(tour >= 0, "README.md has no \"## A five-minute tour\" section");
        var start = readme.IndexOf("```sh\n", tour, StringComparison.Ordinal) + "```sh\n".Length;
        var end = readme.IndexOf("```", start, StringComparison.Ordinal);
        return readme[start..end];
    }

    static async Task<(int Exit, string Output, string Errors)> RunAsync(string script, string folder)
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(info)!;
        await process.StandardInput.WriteAsync(script);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await errors);
    }

    /// <summary>Every JSON value the tour printed, in order (curl's bodies and jq's objects, one after another).</summary>
    static List<JsonNode> JsonValues(string output)
    {
        var values = new List<JsonNode>();
        var bytes = Encoding.UTF8.GetBytes(output);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read()) values.Add(JsonNode.Parse(ref reader)!);
        return values;
    }

    static IEnumerable<string> Holders(JsonNode holders) =>
        holders.AsArray().Select(h => $"{h!["name"]!.GetValue<string>()}:{h["share"]?.GetValue<string>()}").Order(StringComparer.Ordinal);
}
