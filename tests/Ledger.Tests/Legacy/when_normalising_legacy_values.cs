using Ledger.Legacy.Normalising;
using Ledger.Values;

namespace Ledger.Tests.Legacy;

/// <summary>Values as clerks typed them over thirty years, and what the register writes for them.</summary>
public sealed class when_normalising_legacy_values
{
    [Theory]
    [InlineData("1998-05-03", "1998-05-03")]
    [InlineData("1998-5-3", "1998-05-03")]
    [InlineData("1998/5/3", "1998-05-03")]
    [InlineData("1998.5.3", "1998-05-03")]
    [InlineData("98.5.3", "1998-05-03")]
    [InlineData("98-05-03", "1998-05-03")]
    [InlineData("01.3.15", "2001-03-15")]
    [InlineData("29.12.31", "2029-12-31")]
    [InlineData("30.1.1", "1930-01-01")]
    [InlineData("1998年5月3日", "1998-05-03")]
    [InlineData("98年5月3日", "1998-05-03")]
    [InlineData("１９９８年５月３日", "1998-05-03")]
    [InlineData("19980503", "1998-05-03")]
    [InlineData(" 2002-03-04 ", "2002-03-04")]
    [InlineData("2006-10-01 00:00:00", "2006-10-01")]
    [InlineData("2006/10/1 9:30", "2006-10-01")]
    [InlineData("35918", "1998-05-03")]
    [InlineData("35918.0", "1998-05-03")]
    [InlineData("36000", "1998-07-24")]
    [InlineData("40179", "2010-01-01")]
    [InlineData("2000.2.29", "2000-02-29")]
    public void every_date_style_reads_as_the_same_day(string typed, string expected)
    {
        Assert.True(LegacyDates.TryParse(typed, out var date, out var error), error);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date);
    }

    [Theory]
    [InlineData("30.12.31", "2010-01-01", "2030-12-31")]
    [InlineData("68.5.2", "1998-05-03", "2068-05-02")]
    [InlineData("2068-05-02", "1998-05-03", "2068-05-02")]
    [InlineData("1990-05-02", "1998-05-03", "1990-05-02")]
    public void a_two_digit_end_year_before_its_start_is_the_next_century(string typed, string start, string expected)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        Assert.True(LegacyDates.TryParseEnd(typed, DateOnly.Parse(start, inv), out var date, out var error), error);
        Assert.Equal(DateOnly.Parse(expected, inv), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1998-02-30")]
    [InlineData("1900.2.29")]
    [InlineData("1998-13-01")]
    [InlineData("12345")]
    [InlineData("99999")]
    [InlineData("5月3日")]
    [InlineData("一九九八年")]
    [InlineData("1998-05")]
    public void a_date_that_is_no_date_is_refused(string typed) =>
        Assert.False(LegacyDates.TryParse(typed, out _, out var error) || error is null);

    [Theory]
    [InlineData("1234.5", AreaUnit.SquareMetre, 1234.5)]
    [InlineData("1,234.50 m2", AreaUnit.SquareMetre, 1234.5)]
    [InlineData("1,234,567.8", AreaUnit.SquareMetre, 1234567.8)]
    [InlineData("1234.5平方米", AreaUnit.SquareMetre, 1234.5)]
    [InlineData("1234.5㎡", AreaUnit.SquareMetre, 1234.5)]
    [InlineData("１２３４.５", AreaUnit.SquareMetre, 1234.5)]
    [InlineData(" 456.7 ", AreaUnit.SquareMetre, 456.7)]
    [InlineData("2.5亩", AreaUnit.SquareMetre, 1666.67)]
    [InlineData("1亩", AreaUnit.SquareMetre, 666.67)]
    [InlineData("15亩", AreaUnit.SquareMetre, 10000)]
    [InlineData("0.3公顷", AreaUnit.SquareMetre, 3000)]
    [InlineData("12", AreaUnit.Hectare, 120000)]
    [InlineData("96.429", AreaUnit.Hectare, 964290)]
    [InlineData("500 m2", AreaUnit.Hectare, 500)]
    public void every_area_form_reads_in_square_metres(string typed, AreaUnit bare, double expected)
    {
        Assert.True(LegacyAreas.TryParse(typed, bare, out var area, out var error), error);
        Assert.Equal((decimal)expected, area);
    }

    [Theory]
    [InlineData("")]
    [InlineData("约一百平方米")]
    [InlineData("1,5")]
    [InlineData("0")]
    [InlineData("-12")]
    [InlineData("12 英亩")]
    public void an_area_that_is_no_area_is_refused(string typed) =>
        Assert.False(LegacyAreas.TryParse(typed, AreaUnit.SquareMetre, out _, out _));

    [Theory]
    [InlineData("11010519650312011X", "11010519650312011X")]
    [InlineData("11010519650312011x", "11010519650312011X")]
    [InlineData("110105650312011", "11010519650312011X")]
    [InlineData("１１０１０５１９６５０３１２０１１Ｘ", "11010519650312011X")]
    [InlineData(" 110105 19650312 011X ", "11010519650312011X")]
    [InlineData("91210212ma10xbrt5d", "91210212MA10XBRT5D")]
    public void an_identity_number_is_written_in_its_18_character_form(string typed, string expected)
    {
        Assert.True(LegacyParties.TryNumber(typed, out var number, out var error), error);
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("110105196503120110")]
    [InlineData("11010519650312")]
    [InlineData("110105651332011")]
    public void a_mistyped_identity_number_is_refused(string typed) =>
        Assert.False(LegacyParties.TryNumber(typed, out _, out _));

    [Theory]
    [InlineData("张三", "张三")]
    [InlineData("張三", "张三")]
    [InlineData("张 三", "张三")]
    [InlineData(" 張　三 ", "张三")]
    [InlineData("陳小紅", "陈小红")]
    [InlineData("劉建國", "刘建国")]
    [InlineData("ＡＢＣ投资有限公司", "ABC投资有限公司")]
    [InlineData("John  Smith", "John Smith")]
    [InlineData("中國工商銀行股份有限公司北京朝陽支行", "中国工商银行股份有限公司北京朝阳支行")]
    public void a_name_is_written_one_way(string typed, string expected) => Assert.Equal(expected, LegacyNames.Normalize(typed));

    [Fact]
    public void the_traditional_table_maps_each_character_to_another()
    {
        Assert.True(LegacyNames.Table.Count > 100);
        Assert.All(LegacyNames.Table, p => Assert.NotEqual(p.Key, p.Value));
    }

    [Fact]
    public void a_certificate_number_prints_half_width_parentheses() =>
        Assert.Equal("京朝国用(1998)第00123号", LegacyText.CertificateNumber(" 京朝国用（１９９８）第 00123号"));

    [Theory]
    [InlineData("京朝国用〔1998〕第00123号", "京朝国用(1998)第00123号")]
    [InlineData("京朝国用[1998]第00123号", "京朝国用(1998)第00123号")]
    [InlineData("京房权证朝字第a0012x号", "京房权证朝字第A0012X号")]
    [InlineData("京房权证朝字第ａ0012号", "京房权证朝字第A0012号")]
    public void a_certificate_number_has_round_brackets_and_upper_case_latin_letters_only(string typed, string kept) =>
        Assert.Equal(kept, LegacyText.CertificateNumber(typed));

    [Fact]
    public void several_holders_pair_with_their_numbers_in_order()
    {
        Assert.True(LegacyParties.TryParse("张三、李四", "11010519650312011X、110105197001010222", out var holders, out var error), error);
        Assert.Equal(["张三", "李四"], holders.Select(h => h.Name));
        Assert.Equal(["11010519650312011X", "110105197001010222"], holders.Select(h => h.IdNumber));
        Assert.All(holders, h => Assert.Null(h.Share));
    }

    [Theory]
    [InlineData("张三(1/2);李四(1/2)", "11010519650312011X;110105197001010222")]
    [InlineData("张三（1/2）；李四（1/2）", "11010519650312011X；110105197001010222")]
    [InlineData("張三 (1/2), 李四 (1/2)", "110105650312011,110105197001010222")]
    public void holders_by_shares_keep_exact_fractions(string names, string numbers)
    {
        Assert.True(LegacyParties.TryParse(names, numbers, out var holders, out var error), error);
        Assert.Equal(["张三", "李四"], holders.Select(h => h.Name));
        Assert.All(holders, h => Assert.Equal(Share.Of(1, 2), h.Share));
    }

    [Theory]
    [InlineData("张三(1/2);李四(1/3)", "11010519650312011X;110105197001010222", "do not add up")]
    [InlineData("张三(1/2);李四", "11010519650312011X;110105197001010222", "Some holders have a share")]
    [InlineData("张三、李四", "11010519650312011X", "must pair up")]
    [InlineData("", "", "No rights holder")]
    [InlineData("张三、李四", "11010519650312011X、11010519650312011x", "same identity number")]
    [InlineData("张三", "110105196503120110", "check character")]
    public void holders_that_do_not_add_up_are_refused(string names, string numbers, string why)
    {
        Assert.False(LegacyParties.TryParse(names, numbers, out _, out var error));
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("抵押权人:中国工商银行股份有限公司北京朝阳支行;金额:50万元;期限:2010-01-01至2030-12-31", 500000, "2010-01-01", "2030-12-31")]
    [InlineData("抵押权人：中国建设银行股份有限公司北京朝阳支行；金额：1,200,000元；期限：2015年3月1日至2035年2月28日", 1200000, "2015-03-01", "2035-02-28")]
    [InlineData("抵押权人: 中国工商银行股份有限公司北京朝阳支行 ; 金额: 12.5万 ; 期限: 10.1.1~30.12.31", 125000, "2010-01-01", "2030-12-31")]
    public void a_mortgage_note_reads_as_mortgagee_amount_and_term(string note, double amount, string from, string to)
    {
        Assert.True(LegacyMortgages.TryParse(note, out var mortgage, out var error), error);
        Assert.StartsWith("中国", mortgage!.Mortgagee, StringComparison.Ordinal);
        Assert.Equal((decimal)amount, mortgage.Amount);
        Assert.Equal(from, mortgage.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(to, mortgage.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("金额:50万元;期限:2010-01-01至2030-12-31")]
    [InlineData("抵押权人:某银行;金额:若干;期限:2010-01-01至2030-12-31")]
    [InlineData("抵押权人:某银行;金额:50万元")]
    [InlineData("抵押权人:某银行;金额:50万元;期限:2030-01-01至2010-12-31")]
    public void a_mortgage_note_missing_a_part_is_refused(string note) =>
        Assert.False(LegacyMortgages.TryParse(note, out _, out _));

    [Fact]
    public void sea_boundary_points_in_degrees_minutes_seconds_make_a_closed_polygon()
    {
        Assert.True(LegacyBoundaries.TryDms("121°30′15.2″E,38°50′10.0″N;121°30′45.2″E,38°50′10.0″N;121°30′45.2″E,38°50′40.0″N;121°30′15.2″E,38°50′40.0″N",
            out var polygon, out var error), error);
        var ring = polygon!.Coordinates;
        Assert.Equal(5, ring.Length);
        Assert.Equal(121 + 30 / 60.0 + 15.2 / 3600, ring[0].X, 9);
        Assert.Equal(38 + 50 / 60.0 + 10.0 / 3600, ring[0].Y, 9);
        Assert.True(ring[0].Equals2D(ring[^1]));
    }

    [Theory]
    [InlineData("38°50′10.0″N,121°30′15.2″E;38°50′10.0″N,121°30′45.2″E;38°50′40.0″N,121°30′45.2″E")]
    [InlineData("121度30'15.2\"E,38度50'10.0\"N;121度30'45.2\"E,38度50'10.0\"N;121度30'45.2\"E,38度50'40.0\"N")]
    [InlineData("E121°30′15.2″,N38°50′10.0″;E121°30′45.2″,N38°50′10.0″;E121°30′45.2″,N38°50′40.0″")]
    public void dms_points_in_other_orders_and_marks_read_the_same(string points)
    {
        Assert.True(LegacyBoundaries.TryDms(points, out var polygon, out var error), error);
        Assert.InRange(polygon!.Coordinates[0].X, 121.5, 121.6);
        Assert.InRange(polygon.Coordinates[0].Y, 38.8, 38.9);
    }

    [Theory]
    [InlineData("121°30′15.2″E,38°50′10.0″N;121°30′20.0″E,38°50′10.0″N")]
    [InlineData("121°75′15.2″E,38°50′10.0″N;121°30′20.0″E,38°50′10.0″N;121°30′20.0″E,38°50′40.0″N")]
    [InlineData("121.5,38.8;121.6,38.8;121.6,38.9")]
    public void dms_points_that_make_no_area_are_refused(string points) => Assert.False(LegacyBoundaries.TryDms(points, out _, out _));

    [Fact]
    public void lon_lat_points_and_wkt_make_the_same_polygon()
    {
        Assert.True(LegacyBoundaries.TryLonLat("116.46,39.90;116.461,39.90;116.461,39.901;116.46,39.901", out var points, out var e1), e1);
        Assert.True(LegacyBoundaries.TryLonLat("POLYGON ((116.46 39.90, 116.461 39.90, 116.461 39.901, 116.46 39.901, 116.46 39.90))", out var wkt, out var e2), e2);
        Assert.True(points!.EqualsExact(wkt));
    }

    [Theory]
    [InlineData("116.5,39.9;116.51,39.91;116.51,39.9;116.5,39.91")]
    [InlineData("POLYGON ((116.46 39.90, 116.461")]
    [InlineData("116.46;39.90")]
    public void a_crossing_or_unreadable_boundary_is_refused(string text) => Assert.False(LegacyBoundaries.TryLonLat(text, out _, out _));

    [Fact]
    public void full_width_letters_digits_and_spaces_fold_to_ascii() =>
        Assert.Equal("ABC 123 (x)", LegacyText.Fold("　ＡＢＣ　　１２３ （ｘ）　"));
}
