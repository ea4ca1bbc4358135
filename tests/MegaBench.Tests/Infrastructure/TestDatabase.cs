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
/// <remarks>
/// Speed, without sharing data: each provider's schema is migrated once per test process, into a template
/// (a SQLite file; a PostgreSQL database <c>megabench_template_…</c>), and each test gets a copy of it (the file
/// copied; <c>CREATE DATABASE … TEMPLATE</c>). The template holds the migrated schema only — no row a test
/// writes — and is deleted when the process exits. SQLite test databases run with <c>synchronous=OFF</c>
/// (<see cref="SqliteSynchronous"/>): nothing here must survive a power cut, and a commit no longer waits for
/// the disk. The app's default stays FULL (<see cref="DatabaseOptions.SqliteSynchronous"/>).
/// </remarks>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>SQLite's <c>synchronous</c> level in test databases (the app's own default is FULL).</summary>
    public const string SqliteSynchronous = "OFF";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "megabench-tests");
    private static readonly Lazy<Task<string>> SqliteTemplate = new(CreateSqliteTemplateAsync);
    private static readonly Lazy<Task<string>> PostgresTemplate = new(CreatePostgresTemplateAsync);

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
        RefuseUnitTest();
        var template = await SqliteTemplate.Value;
        var folder = NewSqliteFolder();
        var file = Path.Combine(folder, "test.db");
        File.Copy(template, file);
        return new TestDatabase(SqliteOptions(folder, file), folder, null, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        RefuseUnitTest();
        var server = TestEnvironment.RequirePostgres();
        var template = await PostgresTemplate.Value;
        var name = "megabench_test_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return new TestDatabase(PostgresOptions(server, name), null, server, name);
    }

    public MegaBenchDbContext NewContext() => DatabaseServiceCollectionExtensions.CreateContext(Options);

    /// <summary>A test marked as pure logic that asks for a database is marked wrongly: it would slow the unit run down.</summary>
    private static void RefuseUnitTest()
    {
        if (TestCategory.CurrentIsUnit)
        {
            throw new InvalidOperationException($"A test marked [Trait(\"{TestCategory.Name}\", \"{TestCategory.Unit}\")] uses no database; remove the trait from its class.");
        }
    }

    private static string NewSqliteFolder()
    {
        var folder = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static DatabaseOptions SqliteOptions(string folder, string file) => new()
    {
        Provider = DatabaseProvider.Sqlite,
        ConnectionString = $"Data Source={file};Pooling=False",
        DataDirectory = folder,
        MigrateOnStartup = true,
        SqliteSynchronous = SqliteSynchronous,
    };

    private static DatabaseOptions PostgresOptions(string server, string name) => new()
    {
        Provider = DatabaseProvider.PostgreSql,
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        MigrateOnStartup = true,
    };

    /// <summary>Migrates a SQLite file once per process; its WAL is folded into the file, so one file copy is the whole database.</summary>
    private static async Task<string> CreateSqliteTemplateAsync()
    {
        var folder = NewSqliteFolder();
        var file = Path.Combine(folder, "template.db");
        var options = SqliteOptions(folder, file);
        await using (var db = DatabaseServiceCollectionExtensions.CreateContext(options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE)");
        }

        SqliteConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteFolder(folder);
        return file;
    }

    /// <summary>Creates and migrates a template database once per process; nobody stays connected to it, as <c>CREATE DATABASE … TEMPLATE</c> requires.</summary>
    private static async Task<string> CreatePostgresTemplateAsync()
    {
        var server = TestEnvironment.RequirePostgres();
        var name = "megabench_template_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
        var options = PostgresOptions(server, name);
        await using (var db = DatabaseServiceCollectionExtensions.CreateContext(options))
        {
            await db.Database.MigrateAsync();
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(options.ConnectionString));
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The server already stopped (CI's throwaway cluster); nothing to clean.
            }
        };
        return name;
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing server; the temp folder is cleaned by the OS.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqliteFolder is not null)
        {
            SqliteConnection.ClearAllPools();
            DeleteFolder(_sqliteFolder);
        }

        if (_postgresServer is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_postgresServer, $"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)");
        }
    }
}
