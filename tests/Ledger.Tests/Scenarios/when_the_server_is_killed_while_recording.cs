using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Ledger.Tests.Support;

namespace Ledger.Tests.Scenarios;

/// <summary>
/// The real server killed outright (SIGKILL) while eight reviewers record, then started again on the same database:
/// every recording that was answered is in the register; every application is either recorded with its unit, or neither
/// (nothing half-recorded); the certificate numbers issued have no gap and no duplicate, the series row agrees, and the
/// applications left over record afterwards with the next numbers.
/// </summary>
public sealed partial class when_the_server_is_killed_while_recording(Xunit.Abstractions.ITestOutputHelper log)
{
    const int Count = 80;

    [Fact]
    public async Task nothing_answered_is_lost_nothing_is_half_recorded_and_no_number_is_skipped()
    {
        await using var scratch = await ScratchDatabase.CreateAsync("crash");
        var keyFolder = Directory.CreateTempSubdirectory("ledger-crash-key-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Ledger"] = scratch.ConnectionString,
            ["Ledger__Integrity__SigningKeyFile"] = Path.Combine(keyFolder, "integrity-signing-key.pem"),
        };
        try
        {
            var answered = new ConcurrentDictionary<string, string>();
            List<(string Id, string Unit)> approved;
            var (server, _) = await ServerRun.StartAsync(environment);
            await using (server)
            {
                var ledger = new LedgerClient(new HttpClient { BaseAddress = server.Address });
                var (clerk, reviewer) = (await ledger.TokenAsync("clerk", People.ClerkWang, People.Office), await ledger.TokenAsync("reviewer", People.ReviewerLi, People.Office));
                approved = [];
                for (var n = 1; n <= Count; n++) approved.Add(await ApprovedAsync(ledger, clerk, reviewer, n));

                // Eight reviewers record them all; the server is killed once a quarter have been answered.
                var next = -1;
                var reviewers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < Count)
                    {
                        try
                        {
                            var answer = await ledger.PostAsync($"/api/applications/{approved[i].Id}/record", null, reviewer);
                            if (answer.Status == 200) answered[approved[i].Id] = answer.Body!["certificateNumber"]!.GetValue<string>();
                        }
                        catch (HttpRequestException) { return; }
                        catch (TaskCanceledException) { return; }
                    }
                })).ToList();
                while (answered.Count < Count / 4 && !reviewers.All(r => r.IsCompleted)) await Task.Delay(1);
                await server.KillAsync();
                await Task.WhenAll(reviewers);
            }
            Assert.True(answered.Count < Count, "every recording was answered before the kill; give the reviewers more to record");
            log.WriteLine($"{answered.Count} of {Count} recordings answered before the kill");

            var (again, _) = await ServerRun.StartAsync(environment);
            await using (again)
            {
                var ledger = new LedgerClient(new HttpClient { BaseAddress = again.Address });
                var reviewer = await ledger.TokenAsync("reviewer", People.ReviewerLi, People.Office);
                var issued = new List<int>();
                var leftOver = new List<(string Id, string Unit)>();
                foreach (var (id, unit) in approved)
                {
                    var file = (await ledger.GetAsync($"/api/applications/{id}", reviewer)).ShouldBe(200).Body!;
                    var page = (await ledger.GetAsync($"/api/units/{unit}", reviewer)).ShouldBe(200).Body!;
                    var certificate = page["ownership"]?["certificateNumber"]?.GetValue<string>();
                    var recorded = file["status"]!.GetValue<string>() == "recorded";
                    Assert.True(recorded == (certificate is not null),
                        $"application {id} is {file["status"]} while unit {unit} is at version {page["version"]} with certificate {certificate ?? "none"}");
                    if (answered.TryGetValue(id, out var told)) Assert.True(told == certificate, $"{id} was answered {told}, and the register says {certificate ?? "nothing"}");
                    if (recorded) issued.Add(Sequence(certificate!));
                    else leftOver.Add((id, unit));
                }

                log.WriteLine($"{issued.Count} recorded after the restart (in flight at the kill: {issued.Count - answered.Count} committed unanswered), {leftOver.Count} left over");
                // No gap and no duplicate in what was issued, and the series row agrees.
                Assert.Equal(Enumerable.Range(1, issued.Count), issued.Order());
                Assert.Equal(issued.Count, await scratch.ScalarAsync<int>(
                    $"select last_issued from ledger.ledger_number_series where office = '{People.Office}' and series = 'certificate'"));

                // What was left records now, with the next numbers.
                foreach (var (id, _) in leftOver)
                {
                    var answer = (await ledger.PostAsync($"/api/applications/{id}/record", null, reviewer)).ShouldBe(200);
                    issued.Add(Sequence(answer.Body!["certificateNumber"]!.GetValue<string>()));
                }
                Assert.Equal(Enumerable.Range(1, Count), issued.Order());
            }
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    /// <summary>A parcel of the office (n-th of a row of squares), accepted for first registration and approved.</summary>
    static async Task<(string Id, string Unit)> ApprovedAsync(LedgerClient ledger, string clerk, string reviewer, int n)
    {
        var unit = string.Create(CultureInfo.InvariantCulture, $"{People.Office}003002GB{n:D5}W00000000");
        var lon = 116.30 + n * 0.002;
        double[][][] square = [[[lon, 39.90], [lon + 0.001, 39.90], [lon + 0.001, 39.901], [lon, 39.901], [lon, 39.90]]];
        (await ledger.PostAsync("/api/units", new
        {
            unitCode = unit, location = "北京市朝阳区建国路88号", area = 9495.26, use = "城镇住宅用地", geometry = new { type = "Polygon", coordinates = square },
        }, clerk)).ShouldBe(201);
        var holder = new { name = People.ZhangSan.Name, idNumber = People.ZhangSan.IdNumber };
        var id = (await ledger.PostAsync("/api/applications", new
        {
            type = "first-registration", unitCode = unit, applicants = new[] { holder },
            details = new { rightType = "3", coOwnership = "sole", holders = new[] { holder } },
        }, clerk)).ShouldBe(201).Body!["applicationId"]!.GetValue<string>();
        (await ledger.PostAsync($"/api/applications/{id}/review", new { decision = "approve", opinion = "材料齐全" }, reviewer)).ShouldBe(200);
        return (id, unit);
    }

    static int Sequence(string certificate) =>
        int.Parse(CertificateSequence().Match(certificate).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex("第(\\d{7})号")]
    private static partial Regex CertificateSequence();
}
