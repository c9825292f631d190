namespace Ledger.Hosting;

/// <summary>
/// The ledger cannot start as configured (a signing key missing outside local mode, no PostgreSQL binaries for the
/// embedded database): the message says what to set or install, and the server prints it alone — no stack trace — and
/// exits with code 78 (EX_CONFIG).
/// </summary>
public sealed class LedgerStartupException(string message) : Exception(message)
{
    public const int ExitCode = 78;
}
