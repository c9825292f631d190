using Ledger.Values;

namespace Ledger.Tests.Values;

public class when_parsing_a_certificate_number
{
    private static CertificateNumber Accepted(string text)
    {
        Assert.True(CertificateNumber.TryParse(text, out var number, out var error));
        Assert.Null(error);
        return number;
    }

    private static string Refusal(string? text)
    {
        Assert.False(CertificateNumber.TryParse(text, out var number, out var error));
        Assert.Null(number);
        return error;
    }

    [Fact]
    public void reads_a_certificate()
    {
        var number = Accepted("京(2026)朝阳区不动产权第0000123号");
        Assert.Equal("京", number.ProvinceAbbreviation);
        Assert.Equal(2026, number.Year);
        Assert.Equal("朝阳区", number.Place);
        Assert.Equal(NumberKind.Certificate, number.Kind);
        Assert.Equal(123, number.Sequence);
    }

    [Fact]
    public void reads_a_proof()
    {
        var number = Accepted("皖(2019)长丰县不动产证明第9999999号");
        Assert.Equal(("皖", 2019, "长丰县", NumberKind.Proof, 9_999_999),
            (number.ProvinceAbbreviation, number.Year, number.Place, number.Kind, number.Sequence));
    }

    [Theory]
    [InlineData("京（2026）朝阳区不动产权第0000123号")]
    [InlineData("京(2026）朝阳区不动产权第0000123号")]
    [InlineData("  京 ( 2026 ) 朝阳区 不动产权 第 0000123 号 ")]
    [InlineData("京\u3000(2026)朝阳区不动产权第0000123号\t")]
    public void accepts_full_width_parentheses_and_spaces_and_prints_one_form(string text) =>
        Assert.Equal("京(2026)朝阳区不动产权第0000123号", Accepted(text).ToString());

    [Fact]
    public void equals_the_same_number_written_another_way() =>
        Assert.Equal(Accepted("京(2026)朝阳区不动产权第0000123号"), Accepted("京（2026）朝阳区不动产权第0000123号"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void refuses_an_empty_number(string? text) => Assert.Equal("The certificate number is empty.", Refusal(text));

    [Theory]
    [InlineData("京[2026]朝阳区不动产权第0000123号")]
    [InlineData("京(26)朝阳区不动产权第0000123号")]
    [InlineData("京(2026)朝阳区不动产权第123号")]
    [InlineData("京(2026)朝阳区不动产权第00001234号")]
    [InlineData("京(2026)朝阳区不动产第0000123号")]
    [InlineData("京(2026)朝阳区不动产权证第0000123号号")]
    [InlineData("京(2026)不动产权第0000123号")]
    [InlineData("京(2026)Chaoyang不动产权第0000123号")]
    [InlineData("(2026)朝阳区不动产权第0000123号")]
    [InlineData("京(2026)朝阳区不动产权第0000123")]
    public void refuses_what_is_not_of_the_printed_form(string text) =>
        Assert.Contains("is not a certificate number of the form", Refusal(text), StringComparison.Ordinal);

    [Theory]
    [InlineData("中(2026)朝阳区不动产权第0000123号", "'中', which is not a province abbreviation")]
    [InlineData("京(2014)朝阳区不动产权第0000123号", "year 2014 is before 2015")]
    [InlineData("京(2026)朝阳区不动产权第0000000号", "sequences start at 0000001")]
    public void refuses_a_number_no_registry_issues(string text, string reason) =>
        Assert.Contains(reason, Refusal(text), StringComparison.Ordinal);

    [Fact]
    public void parse_throws_a_format_exception_with_the_sentence() =>
        Assert.Contains("2015", Assert.Throws<FormatException>(
            () => CertificateNumber.Parse("京(2014)朝阳区不动产权第0000123号")).Message, StringComparison.Ordinal);
}

public class when_issuing_a_certificate_number
{
    private static County Chaoyang => Counties.TryGet("110105", out var county) ? county : throw new InvalidOperationException();

    [Theory]
    [InlineData(NumberKind.Certificate, 123, "京(2026)朝阳区不动产权第0000123号")]
    [InlineData(NumberKind.Proof, 45, "京(2026)朝阳区不动产证明第0000045号")]
    [InlineData(NumberKind.Certificate, 9_999_999, "京(2026)朝阳区不动产权第9999999号")]
    [InlineData(NumberKind.Proof, 1, "京(2026)朝阳区不动产证明第0000001号")]
    public void prints_province_year_county_kind_and_seven_digits(NumberKind kind, int sequence, string printed)
    {
        var number = CertificateNumber.For(Chaoyang, 2026, kind, sequence);
        Assert.Equal(printed, number.ToString());
        Assert.Equal(number, CertificateNumber.Parse(printed));
    }

    [Fact]
    public void takes_the_abbreviation_and_place_from_the_county()
    {
        Assert.True(Counties.TryGet("340121", out var changfeng));
        Assert.Equal("皖(2025)长丰县不动产权第0000007号", CertificateNumber.For(changfeng, 2025, NumberKind.Certificate, 7).ToString());
    }

    [Theory]
    [InlineData(2014, 1)]
    [InlineData(10000, 1)]
    [InlineData(2026, 0)]
    [InlineData(2026, -1)]
    [InlineData(2026, 10_000_000)]
    public void refuses_a_year_or_sequence_out_of_range(int year, int sequence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateNumber.For(Chaoyang, year, NumberKind.Certificate, sequence));

    [Fact]
    public void refuses_an_unknown_kind() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CertificateNumber.For(Chaoyang, 2026, (NumberKind)7, 1));

    [Fact]
    public void refuses_no_county() =>
        Assert.Throws<ArgumentNullException>(() => CertificateNumber.For(null!, 2026, NumberKind.Certificate, 1));
}
