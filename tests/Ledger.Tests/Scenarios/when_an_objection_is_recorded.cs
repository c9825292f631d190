using Ledger.Tests.Support;
using Ledger.Units.Lapsing;
using Wolverine;
using Wolverine.Runtime;
using Wolverine.Tracking;

namespace Ledger.Tests.Scenarios;

public sealed class when_an_objection_is_recorded(LedgerHost host) : LedgerScenario(host)
{
    [Fact]
    public async Task a_durable_reminder_is_scheduled_in_postgresql_for_the_day_it_lapses()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("objection", code, [People.WangWu],
            new { objector = new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber }, reason = "权属争议" })).ShouldBe(200);
        var objection = (await UnitAsync(code))["objections"]![0]!;
        var lapsesAt = DateTimeOffset.Parse(objection["lapsesAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var stored = await Host.Services.GetRequiredService<IWolverineRuntime>().Storage.Admin.AllIncomingAsync();
        var reminder = Assert.Single(stored, e => e.Status == EnvelopeStatus.Scheduled);
        Assert.Contains("lapse", reminder.MessageType, StringComparison.OrdinalIgnoreCase);
        Assert.True(reminder.ScheduledTime is { } at && (at - lapsesAt).Duration() < TimeSpan.FromMilliseconds(1), $"scheduled at {reminder.ScheduledTime:O}, lapses at {lapsesAt:O}");
    }

    [Fact]
    public async Task a_reminder_handled_before_the_lapse_writes_nothing()
    {
        var code = await RegisteredToAsync(People.ZhangSan);
        (await RecordAsync("objection", code, [People.WangWu],
            new { objector = new { name = People.WangWu.Name, idNumber = People.WangWu.IdNumber }, reason = "权属争议" })).ShouldBe(200);
        var objectionId = (await UnitAsync(code))["objections"]![0]!["objectionId"]!.GetValue<string>();

        await Host.InvokeMessageAndWaitAsync(new LapseFallsDue(code, LapseKind.Objection, objectionId));

        Assert.Equal(3, (await UnitAsync(code))["version"]!.GetValue<int>());
    }
}
