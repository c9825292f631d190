using System.Text;
using Ledger.Integrity;

namespace Ledger.Tests.Integrity;

/// <summary>The leaf entry as specs/integrity.md defines it, from the columns of mt_events as PostgreSQL returns them.</summary>
public sealed class when_hashing_a_leaf
{
    const string Unit = "110105003002GB00021W00000000";

    /// <summary>The data as jsonb hands it back: keys by length, then bytes; a space after each separator.</summary>
    const string StoredData = "{\"at\": \"2026-11-28T09:30:00+08:00\", \"sub\": \"110105198001010016\", \"asOf\": null, \"name\": \"王芳\", \"role\": \"clerk\", " +
                              "\"view\": \"full\", \"office\": \"110105\", \"purpose\": null, \"unitCode\": \"110105003002GB00021W00000000\"}";

    [Fact]
    public void the_worked_example_of_specs_integrity_md_is_what_the_log_computes()
    {
        var leaf = new LeafEntry(7, $"queries:{Unit}", 1, "unit_queried", new DateTimeOffset(2026, 11, 28, 9, 30, 0, 123, 456, TimeSpan.FromHours(8)), StoredData);

        Assert.Equal(
            "{\"data\":{\"asOf\":null,\"at\":\"2026-11-28T09:30:00+08:00\",\"name\":\"王芳\",\"office\":\"110105\",\"purpose\":null,\"role\":\"clerk\"," +
            "\"sub\":\"110105198001010016\",\"unitCode\":\"110105003002GB00021W00000000\",\"view\":\"full\"},\"recordedAt\":\"2026-11-28T01:30:00.123456Z\"," +
            "\"sequence\":7,\"streamKey\":\"queries:110105003002GB00021W00000000\",\"type\":\"unit_queried\",\"version\":1}",
            Encoding.UTF8.GetString(leaf.Canonical()));
        Assert.Equal("19e45316363102fc30516b9618d46dab8e92f212f146aeaf507e231aa74eef8f", Convert.ToHexStringLower(leaf.LeafHash()));
        Assert.Contains("19e45316363102fc30516b9618d46dab8e92f212f146aeaf507e231aa74eef8f",
            File.ReadAllText(Path.Combine(Support.Repository.Root, "specs", "integrity.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void the_same_event_stored_in_any_spelling_is_the_same_leaf_and_any_change_is_another()
    {
        var at = DateTimeOffset.Parse("2026-11-28T01:30:00.123456Z", System.Globalization.CultureInfo.InvariantCulture);
        var leaf = new LeafEntry(9, Unit, 2, "transfer_recorded", at, "{\"price\": 3500000.00, \"reason\": \"sale\"}").LeafHash();
        Assert.Equal(leaf, new LeafEntry(9, Unit, 2, "transfer_recorded", at, "{\"reason\":\"sale\",\"price\":3.5e6}").LeafHash());
        Assert.NotEqual(leaf, new LeafEntry(9, Unit, 2, "transfer_recorded", at, "{\"reason\":\"sale\",\"price\":1}").LeafHash());
        Assert.NotEqual(leaf, new LeafEntry(10, Unit, 2, "transfer_recorded", at, "{\"reason\":\"sale\",\"price\":3500000}").LeafHash());
        Assert.NotEqual(leaf, new LeafEntry(9, Unit, 2, "transfer_recorded", at.AddTicks(10), "{\"reason\":\"sale\",\"price\":3500000}").LeafHash());
    }
}
