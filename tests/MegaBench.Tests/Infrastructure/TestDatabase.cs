using MegaBench.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server of <see cref="TestEnvironment.PostgresVariable"/>. Disposing it deletes it, so no test
/// sees another's data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _sqliteFolder;
    private readonly string? _postgresServer;
    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseOptions options, string? sqliteFolder, string? postgresServer, string? postgresDatabase)
    {
        Options = options;
        _sqliteFolder = sqliteFolder;
        _postgresServer = postgresServer;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>A database of the provider chosen for this run (<see cref="TestEnvironment.ProviderVariable"/>).</summary>
    public static Task<TestDatabase> CreateAsync() =>
        TestEnvironment.UsePostgresForIntegration ? CreatePostgresAsync() : CreateSqliteAsync();

    public static async Task<TestDatabase> CreateSqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "megabench-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "test.db")};Pooling=False",
            DataDirectory = folder,
            MigrateOnStartup = true,
        };
        var database = new TestDatabase(options, folder, null, null);
        await database.MigrateAsync();
        return database;
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var server = TestEnvironment.RequirePostgres();
        var name = "megabench_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = builder.ConnectionString,
            MigrateOnStartup = true,
        };
        var database = new TestDatabase(options, null, server, name);
        await database.MigrateAsync();
        return database;
    }

    public MegaBenchDbContext NewContext() => DatabaseServiceCollectionExtensions.CreateContext(Options);

    private async Task MigrateAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing server; the temp folder is cleaned by the OS.
            }
        }

        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresServer);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }
}
