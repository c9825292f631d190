namespace Ledger.Hosting;

/// <summary>
/// Where the ledger's PostgreSQL is: the server named by <c>ConnectionStrings:Ledger</c>, or else an
/// embedded cluster of the machine's binaries in the data folder (started now, stopped with the host).
/// </summary>
public static class LedgerDatabase
{
    public const string DatabaseName = "ledger";

    public static async Task<string> ResolveAsync(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString("Ledger");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;

        var section = builder.Configuration.GetSection("Ledger:EmbeddedDatabase");
        var folder = section["DataDirectory"] is { Length: > 0 } dir
            ? dir
            : Path.Combine(builder.Environment.ContentRootPath, ".data", "postgres");
        var port = int.TryParse(section["Port"], out var p) ? p : 54320;

        var postgres = new EmbeddedPostgres(folder, port, section["Binaries"]);
        await postgres.StartAsync(DatabaseName, message => Console.WriteLine($"ledger: {message}"));
        builder.Services.AddSingleton(postgres);
        builder.Services.AddHostedService<EmbeddedPostgresLifetime>();
        // Command-line verbs (db-apply, projections, ...) may never start the host: stop on exit too, and when start-up
        // fails with an unhandled exception, where the runtime ends the process without ProcessExit.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => postgres.StopAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => postgres.StopAsync().GetAwaiter().GetResult();
        return postgres.ConnectionString(DatabaseName);
    }

    /// <summary>
    /// The connection the ledger uses: the statements of a recording repeat with every request, so Npgsql prepares
    /// them on the server after their second use (PostgreSQL then skips parsing and planning); a connection string
    /// that already says otherwise wins.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    sealed class EmbeddedPostgresLifetime(EmbeddedPostgres postgres) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => postgres.StopAsync();
    }
}
