using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the provider's <see cref="MegaBenchDbContext"/> subclass, and <see cref="MegaBenchDbContext"/>
    /// itself as an alias of it, so that the rest of the code never names a provider.
    /// </summary>
    /// <param name="actorOf">
    /// Who makes the changes a scope's context saves, read at each save (<see cref="MegaBenchDbContext.ActorProvider"/>):
    /// the web app's request user. Set when the context is made, so that a request that never touches the database
    /// makes no context.
    /// </param>
    public static IServiceCollection AddMegaBenchDatabase(this IServiceCollection services, DatabaseOptions options, Func<IServiceProvider, Func<Audit.AuditActor>>? actorOf = null)
    {
        var connectionString = options.ResolveConnectionString();
        switch (options.Provider)
        {
            // Pooled contexts on options built once; Scoped sets each lease's own state. The stamp reader's contexts,
            // made outside the pool on the same options, stay open between requests (StampReader).
            case DatabaseProvider.Sqlite:
                services.AddDbContextPool<SqliteMegaBenchDbContext>(o => ConfigureSqlite(o, connectionString, options.SqliteSynchronous));
                services.AddScoped<MegaBenchDbContext>(sp => Scoped(sp, sp.GetRequiredService<SqliteMegaBenchDbContext>(), actorOf));
                services.AddSingleton(sp => new StampReader(() => new SqliteMegaBenchDbContext(sp.GetRequiredService<DbContextOptions<SqliteMegaBenchDbContext>>())));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContextPool<PostgresMegaBenchDbContext>(o => ConfigurePostgres(o, connectionString));
                services.AddScoped<MegaBenchDbContext>(sp => Scoped(sp, sp.GetRequiredService<PostgresMegaBenchDbContext>(), actorOf));
                services.AddSingleton(sp => new StampReader(() => new PostgresMegaBenchDbContext(sp.GetRequiredService<DbContextOptions<PostgresMegaBenchDbContext>>())));
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{options.Provider}'. Use Sqlite or PostgreSql.");
        }

        // Results kept under change stamps (ChangeStamps): in this process's memory only. Each request reads the stamp
        // from the database, so instances need no shared cache to agree.
        services.AddHybridCache()
            .AddSerializer<Reports.NetworkScores, InProcessOnly<Reports.NetworkScores>>()
            .AddSerializer<Reports.ComparedRound, InProcessOnly<Reports.ComparedRound>>()
            .AddSerializer<Reports.ScoredRound, InProcessOnly<Reports.ScoredRound>>();

        // Answers saved through questionnaire links: one writer per connection, committing the saves waiting in one transaction.
        services.AddSingleton(sp => new Questionnaires.AnswerWriter(sp.GetRequiredService<IServiceScopeFactory>(), options.EffectiveAnswerWriters));
        return services;
    }

    private static MegaBenchDbContext Scoped(IServiceProvider services, MegaBenchDbContext db, Func<IServiceProvider, Func<Audit.AuditActor>>? actorOf)
    {
        // Contexts are pooled: every property a caller may set is set again here, for each scope.
        db.ResultCache = services.GetService<HybridCache>();
        db.ActorProvider = actorOf?.Invoke(services) ?? (() => Audit.AuditActor.System);
        db.Clock = TimeProvider.System;
        db.AuditInsertedRoundsAsOneEntry = false;
        return db;
    }

    /// <summary>Builds a context outside dependency injection (the CLI, tests).</summary>
    public static MegaBenchDbContext CreateContext(DatabaseOptions options)
    {
        var connectionString = options.ResolveConnectionString();
        return options.Provider switch
        {
            DatabaseProvider.PostgreSql => new PostgresMegaBenchDbContext(
                ConfigurePostgres(new DbContextOptionsBuilder<PostgresMegaBenchDbContext>(), connectionString).Options),
            _ => new SqliteMegaBenchDbContext(
                ConfigureSqlite(new DbContextOptionsBuilder<SqliteMegaBenchDbContext>(), connectionString, options.SqliteSynchronous).Options),
        };
    }

    internal static DbContextOptionsBuilder<T> ConfigureSqlite<T>(DbContextOptionsBuilder<T> builder, string connectionString, string synchronous)
        where T : DbContext
    {
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(MegaBenchDbContext).Assembly.FullName))
            .AddInterceptors(new SqlitePragmas(synchronous));
        return builder;
    }

    internal static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString, string synchronous)
    {
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(MegaBenchDbContext).Assembly.FullName))
            .AddInterceptors(new SqlitePragmas(synchronous));
        return builder;
    }

    internal static DbContextOptionsBuilder<T> ConfigurePostgres<T>(DbContextOptionsBuilder<T> builder, string connectionString)
        where T : DbContext
    {
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(MegaBenchDbContext).Assembly.FullName));
        return builder;
    }

    internal static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString)
    {
        builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(typeof(MegaBenchDbContext).Assembly.FullName));
        return builder;
    }

    /// <summary>
    /// Sets SQLite's per-connection pragmas on every new connection: WAL, so that readers never block
    /// the writer; a busy timeout, so that concurrent writers wait instead of failing at once; and the
    /// configured <c>synchronous</c> level.
    /// </summary>
    /// <remarks>
    /// Microsoft.Data.Sqlite pools connections: an "open" usually takes a pooled native connection that has its
    /// pragmas already. The native handles configured are remembered (weakly, so a closed one is forgotten), and
    /// only a new one runs the pragmas: a page opens one to three connections, and four statements per open
    /// were a visible share of a page's cost.
    /// </remarks>
    private sealed class SqlitePragmas(string synchronous) : DbConnectionInterceptor
    {
        private readonly string _sql = $"PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous={Validate(synchronous)}; PRAGMA foreign_keys=ON;";
        private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (connection is SqliteConnection { Handle: { } handle } && !_configured.TryGetValue(handle, out _))
            {
                using var command = connection.CreateCommand();
                command.CommandText = _sql;
                command.ExecuteNonQuery();
                _configured.AddOrUpdate(handle, handle);
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (connection is SqliteConnection { Handle: { } handle } && !_configured.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _sql;
                await command.ExecuteNonQueryAsync(cancellationToken);
                _configured.AddOrUpdate(handle, handle);
            }
        }

        private static string Validate(string level) =>
            level.ToUpperInvariant() is "OFF" or "NORMAL" or "FULL" or "EXTRA"
                ? level.ToUpperInvariant()
                : throw new InvalidOperationException($"Database:SqliteSynchronous '{level}' is not one of OFF, NORMAL, FULL, EXTRA.");
    }
}
