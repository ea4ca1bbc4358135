namespace MegaBench.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// The <c>Database</c> configuration section: which provider, which connection string, where the
/// SQLite file lives, and whether the app migrates at start-up.
/// </summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>The connection string; for SQLite it defaults to a file in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The folder of the SQLite file, relative to the working directory unless rooted.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Apply pending migrations when the app starts. Defaults to on for SQLite (one process, so that
    /// <c>dotnet run</c> works on a fresh machine) and off for PostgreSQL, where several instances share
    /// one database and <c>megabench db migrate</c> runs once per upgrade.
    /// </summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>SQLite's <c>synchronous</c> setting: FULL makes every committed transaction survive power loss.</summary>
    public string SqliteSynchronous { get; set; } = "FULL";

    /// <summary>
    /// How many connections write the answers saved through questionnaire links, each committing a batch of
    /// saves at a time (<see cref="Questionnaires.AnswerWriter"/>). PostgreSQL only: SQLite always has one, since it
    /// writes one transaction at a time anyway. One writer's batches grow with the load (group commit), so one is
    /// enough on a small machine — on two cores it did more than four (bench/README.md); more help when the
    /// database's round trips, not the cores, limit it.
    /// </summary>
    public int AnswerWriters { get; set; } = 1;

    /// <summary>The answer writers this provider gets: <see cref="AnswerWriters"/>, or one for SQLite.</summary>
    public int EffectiveAnswerWriters => Provider == DatabaseProvider.Sqlite ? 1 : Math.Max(1, AnswerWriters);

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    public string ResolveConnectionString()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString))
        {
            return ConnectionString;
        }

        if (Provider == DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException(
                "Database:Provider is PostgreSql but no connection string is set. Set Database:ConnectionString " +
                "(or the environment variable Database__ConnectionString), e.g. \"Host=localhost;Database=megabench;Username=megabench;Password=...\".");
        }

        var folder = Path.GetFullPath(DataDirectory);
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "megabench.db")}";
    }
}
