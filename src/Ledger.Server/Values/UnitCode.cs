using System.Diagnostics.CodeAnalysis;

namespace Ledger.Values;

/// <summary>A real-estate unit code (不动产单元代码) of GB/T 37346-2019: 28 characters, printed 6-6-7-9.</summary>
public sealed record UnitCode
{
    private UnitCode(string value, County county)
    {
        Value = value;
        CountyDivision = county;
    }

    public string Value { get; }

    /// <summary>The county-level division named by characters 1-6.</summary>
    public County CountyDivision { get; }

    public string County => Value[..6];

    public string District => Value[6..9];

    public string SubDistrict => Value[9..12];

    public char Ownership => Value[12];

    public char RightKind => Value[13];

    /// <summary>Characters 15-19, the parcel or sea-area sequence number.</summary>
    public string ParcelNumber => Value[14..19];

    /// <summary>Characters 1-19: the parcel code (宗地代码) or sea-area code (宗海代码).</summary>
    public string ParcelCode => Value[..19];

    public char FixtureKind => Value[19];

    /// <summary>Characters 21-28, the fixture unit number.</summary>
    public string FixtureNumber => Value[20..];

    public UnitKind Kind => FixtureKind == 'F' ? UnitKind.Building
        : FixtureKind == 'W' && RightKind is 'H' or 'G' ? UnitKind.Sea
        : UnitKind.Land;

    public bool IsSeaArea => RightKind is 'H' or 'G';

    /// <summary>District and sub-district 000000 mark a provisional (virtual) unit.</summary>
    public bool IsProvisional => Value[6..12] == "000000";

    public string Printed => $"{Value[..6]} {Value[6..12]} {Value[12..19]} {Value[19..]}";

    public static bool TryParse(
        string? text, [NotNullWhen(true)] out UnitCode? code, [NotNullWhen(false)] out string? error)
    {
        code = null;
        error = UnitCodeRules.Check(text, out var value, out var county);
        if (error is not null)
        {
            return false;
        }

        code = new UnitCode(value!, county!);
        return true;
    }

    public static UnitCode Parse(string text) =>
        TryParse(text, out var code, out var error) ? code : throw new FormatException(error);

    public bool Equals(UnitCode? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    public override string ToString() => Value;
}
