namespace Ledger.Hosting;

/// <summary>The registry's civil time: China Standard Time, UTC+8, with no daylight saving.</summary>
public static class RegistryTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The year printed on a certificate or application number recorded at <paramref name="instant"/>.</summary>
    public static int Year(DateTimeOffset instant) => instant.ToOffset(Offset).Year;
}
