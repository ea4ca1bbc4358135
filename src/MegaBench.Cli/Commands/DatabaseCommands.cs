using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Cli.Commands;

/// <summary><c>megabench db migrate</c>: applies the provider's pending migrations.</summary>
internal static class DatabaseCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions options)
    {
        var migrate = new Command("migrate", "Create the database or bring it up to date (apply pending migrations).");
        migrate.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var database = options.Database(result, environment);
            await using var db = CliDatabase.Open(database);
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            await db.Database.MigrateAsync(ct);
            await environment.Out.WriteLineAsync(pending.Count == 0
                ? $"The {CliDatabase.Describe(database)} is up to date."
                : $"Applied {pending.Count} migration(s) to the {CliDatabase.Describe(database)}: {string.Join(", ", pending)}.");
            return MegaBenchCli.Success;
        }));

        var db = new Command("db", "Database administration.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
