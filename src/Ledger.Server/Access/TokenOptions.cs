using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Ledger.Access;

/// <summary>Bearer token settings, from configuration section <c>Ledger:Tokens</c>.</summary>
public sealed class TokenOptions
{
    public const string Section = "Ledger:Tokens";

    public string Issuer { get; set; } = "ledger";
    public string Audience { get; set; } = "ledger";
    /// <summary>HMAC-SHA256 key, at least 32 bytes. Local mode has a development default; Production must set it.</summary>
    public string SigningKey { get; set; } = "";
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(8);

    public SymmetricSecurityKey Key() => new(Encoding.UTF8.GetBytes(SigningKey));

    public const string LocalModeKey = "ledger-local-mode-signing-key-not-for-production-use";
}
