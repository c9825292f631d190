namespace Ledger.Values;

/// <summary>What a real-estate unit is: a land parcel, a sea area, or a building unit on either.</summary>
public enum UnitKind
{
    Land,
    Sea,
    Building,
}
