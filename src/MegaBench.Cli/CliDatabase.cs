using MegaBench.Audit;
using MegaBench.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MegaBench.Cli;

/// <summary>
/// The database a command works on: the <c>Database</c> configuration section, exactly as the app reads it
/// (so that both use the same database by default), overridden by <c>--database-provider</c> and
/// <c>--connection-string</c>.
/// </summary>
internal static class CliDatabase
{
    public static DatabaseOptions Options(IConfiguration configuration, string? provider, string? connectionString)
    {
        DatabaseOptions options;
        try
        {
            options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new CliException($"The Database configuration (environment variables Database__...) is not valid: {e.Message} " +
                                   "Database__Provider is Sqlite or PostgreSql.");
        }

        if (provider is not null)
        {
            options.Provider = provider switch
            {
                "postgresql" => DatabaseProvider.PostgreSql,
                _ => DatabaseProvider.Sqlite,
            };

            // A connection string configured for the other provider would not make sense for this one.
            if (connectionString is null && !string.Equals(provider, ConfiguredProvider(configuration), StringComparison.OrdinalIgnoreCase))
            {
                options.ConnectionString = null;
            }
        }

        if (connectionString is not null)
        {
            options.ConnectionString = connectionString;
        }

        return options;
    }

    private static string? ConfiguredProvider(IConfiguration configuration) =>
        configuration[$"{DatabaseOptions.SectionName}:Provider"]?.ToLowerInvariant();

    /// <summary>A context for the command; changes it saves are audited as made by the command line.</summary>
    public static MegaBenchDbContext Open(DatabaseOptions options)
    {
        MegaBenchDbContext db;
        try
        {
            db = DatabaseServiceCollectionExtensions.CreateContext(options);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"The connection string is not valid: {e.Message}");
        }

        db.ActorProvider = () => AuditActor.CommandLine;
        return db;
    }

    /// <summary>Where the database is, for messages: the SQLite file, or the PostgreSQL host and database (never the password).</summary>
    public static string Describe(DatabaseOptions options)
    {
        try
        {
            if (SqliteFile(options) is { } file)
            {
                return $"SQLite database {file}";
            }

            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return $"PostgreSQL database \"{builder.Database}\" on {builder.Host}";
        }
        catch (ArgumentException)
        {
            return options.Provider == DatabaseProvider.PostgreSql ? "PostgreSQL database" : "SQLite database";
        }
    }

    /// <summary>The full path of the SQLite file the options point at (null for PostgreSQL), without creating anything.</summary>
    public static string? SqliteFile(DatabaseOptions options)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? Path.Combine(Path.GetFullPath(options.DataDirectory), "megabench.db")
            : Path.GetFullPath(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource);
    }

    /// <summary>Refuses to work on a database whose schema is behind the code, instead of failing half-way.</summary>
    public static async Task EnsureMigratedAsync(MegaBenchDbContext db, DatabaseOptions options, CancellationToken ct)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new CliException($"The {Describe(options)} is not up to date ({pending.Count} migration(s) not applied). " +
                                   "Run `megabench db migrate` first (with the same database options).");
        }
    }
}
