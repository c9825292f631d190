using System.Globalization;
using System.Text;
using Ledger.Integrity;

namespace Ledger.Tests.Integrity;

/// <summary>RFC 8785 (JCS): the leaf entry is only recomputable by others if our canonical form is theirs.</summary>
public sealed class when_canonicalizing_json
{
    static string Canonical(string json) => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json));

    /// <summary>RFC 8785 Appendix B: IEEE-754 doubles (as hex bit patterns) and how ECMAScript writes them.</summary>
    [Theory]
    [InlineData("0000000000000000", "0")]
    [InlineData("8000000000000000", "0")]
    [InlineData("0000000000000001", "5e-324")]
    [InlineData("8000000000000001", "-5e-324")]
    [InlineData("7fefffffffffffff", "1.7976931348623157e+308")]
    [InlineData("ffefffffffffffff", "-1.7976931348623157e+308")]
    [InlineData("4340000000000000", "9007199254740992")]
    [InlineData("c340000000000000", "-9007199254740992")]
    [InlineData("4430000000000000", "295147905179352830000")]
    [InlineData("44b52d02c7e14af5", "9.999999999999997e+22")]
    [InlineData("44b52d02c7e14af6", "1e+23")]
    [InlineData("44b52d02c7e14af7", "1.0000000000000001e+23")]
    [InlineData("444b1ae4d6e2ef4e", "999999999999999700000")]
    [InlineData("444b1ae4d6e2ef4f", "999999999999999900000")]
    [InlineData("444b1ae4d6e2ef50", "1e+21")]
    [InlineData("3eb0c6f7a0b5ed8c", "9.999999999999997e-7")]
    [InlineData("3eb0c6f7a0b5ed8d", "0.000001")]
    [InlineData("41b3de4355555553", "333333333.3333332")]
    [InlineData("41b3de4355555554", "333333333.33333325")]
    [InlineData("41b3de4355555555", "333333333.3333333")]
    [InlineData("41b3de4355555556", "333333333.3333334")]
    [InlineData("41b3de4355555557", "333333333.33333343")]
    [InlineData("becbf647612f3696", "-0.0000033333333333333333")]
    [InlineData("43143ff3c1cb0959", "1424953923781206.2")]
    public void numbers_are_written_as_ecmascript_writes_them(string bits, string expected)
    {
        var value = BitConverter.Int64BitsToDouble(long.Parse(bits, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        Assert.Equal(expected, CanonicalJson.Number(value));
        // And the same number read from JSON text in any spelling.
        Assert.Equal(expected, Canonical(value.ToString("E17", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void the_rfcs_example_sorts_members_by_code_units_and_escapes_minimally()
    {
        // RFC 8785 §3.2.3 and §3.2.2: members sorted by UTF-16 code units; strings with the fewest escapes.
        var input = "{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],"
                    + " \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\", \"literals\": [null, true, false]}";
        Assert.Equal("{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                     + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}", Canonical(input));
    }

    [Fact]
    public void member_names_sort_by_utf16_code_units_not_by_code_points_or_culture()
    {
        // RFC 8785 §3.2.3's sorting example: "\u20ac" (€), "\r", "\ufb33", "1", "\ud83d\ude00" (😀), "\u0080", "\u00f6" (ö).
        var input = "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\",\"1\":\"One\","
                    + "\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";
        var names = System.Text.Json.JsonDocument.Parse(Canonical(input)).RootElement.EnumerateObject().Select(p => p.Value.GetString()).ToList();
        Assert.Equal(["Carriage Return", "One", "Control", "Latin Small Letter O With Diaeresis", "Euro Sign", "Emoji: Grinning Face", "Hebrew Letter Dalet With Dagesh"], names);
    }

    [Fact]
    public void chinese_text_stays_as_it_is_and_whitespace_goes()
    {
        Assert.Equal("{\"location\":\"北京市朝阳区建国路88号\",\"share\":\"1/2\"}", Canonical("{ \"share\" : \"1/2\",\n  \"location\": \"北京市朝阳区建国路88号\" }"));
    }

    [Fact]
    public void a_duplicate_member_or_a_non_finite_number_has_no_canonical_form()
    {
        Assert.Throws<FormatException>(() => Canonical("{\"a\":1,\"a\":2}"));
        Assert.Throws<FormatException>(() => CanonicalJson.Number(double.NaN));
        Assert.Throws<FormatException>(() => CanonicalJson.Number(double.PositiveInfinity));
    }
}
