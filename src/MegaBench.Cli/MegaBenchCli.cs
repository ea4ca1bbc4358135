using System.CommandLine;
using System.Data.Common;
using MegaBench.Cli.Commands;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Cli;

/// <summary>
/// The <c>megabench</c> command tree. Every action returns an exit code: 0 on success, 1 when the user
/// must fix something (the message on the error stream says what), 2 for an unexpected failure.
/// </summary>
public static class MegaBenchCli
{
    public const int Success = 0;

    public const int UserError = 1;

    public const int Failure = 2;

    public static int Run(string[] args, CliEnvironment environment) =>
        RunAsync(args, environment, CancellationToken.None).GetAwaiter().GetResult();

    public static Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var root = Build(environment);
        var configuration = new InvocationConfiguration { Output = environment.Out, Error = environment.Error };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    internal static RootCommand Build(CliEnvironment environment)
    {
        var options = new GlobalOptions();
        var root = new RootCommand(
            "megabench: the MEGA city benchmark of local support for migrant entrepreneurs, on the command line. " +
            "The database is the app's (environment variables Database__Provider and Database__ConnectionString, " +
            "else the SQLite file data/megabench.db in the current folder) unless the options below say otherwise.");
        root.Options.Add(options.Provider);
        root.Options.Add(options.ConnectionString);
        root.Options.Add(options.Quiet);
        root.Subcommands.Add(AdminCommands.Build(environment, options));
        root.Subcommands.Add(DatabaseCommands.Build(environment, options));
        root.Subcommands.Add(DemoCommand.Build(environment, options));
        root.Subcommands.Add(FrameworkCommands.Build(environment, options));
        root.Subcommands.Add(RoundCommands.BuildExport(environment, options));
        root.Subcommands.Add(RoundCommands.BuildImport(environment, options));
        root.Subcommands.Add(MatchCommand.Build(environment, options));
        root.Subcommands.Add(OpenDataCommands.Build(environment, options));
        return root;
    }

    /// <summary>
    /// Runs a command's work and turns the errors a user can fix into a message and exit code 1. Anything
    /// else is a bug: it is reported with its details and exit code 2.
    /// </summary>
    internal static async Task<int> Guard(CliEnvironment environment, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("Cancelled.");
            return UserError;
        }
        catch (Exception e) when (e is CliException or RoundImportException or RoundNotFoundException or Reports.NetworkNotFoundException
                                      or FrameworkLoadException or FrameworkVersionConflictException)
        {
            await environment.Error.WriteLineAsync(e.Message);
            return UserError;
        }
        catch (DbUpdateException e)
        {
            // E.g. another process added the same round at the same moment; the transaction was rolled back.
            await environment.Error.WriteLineAsync(
                $"The database refused the change, and nothing was written: {e.InnerException?.Message ?? e.Message}");
            return UserError;
        }
        catch (DbException e)
        {
            await environment.Error.WriteLineAsync(
                $"The database could not be used: {e.Message}\nCheck --database-provider and --connection-string " +
                "(or Database__Provider and Database__ConnectionString), and that the database server is running.");
            return UserError;
        }
        catch (Exception e)
        {
            await environment.Error.WriteLineAsync($"Unexpected error, please report it with the command you ran:\n{e}");
            return Failure;
        }
    }
}

/// <summary>The options every command accepts, to choose the database.</summary>
internal sealed class GlobalOptions
{
    public Option<string> Provider { get; } = new Option<string>("--database-provider")
    {
        Description = "sqlite or postgresql (default: Database__Provider, else sqlite).",
        Recursive = true,
    }.AcceptOnlyFromAmong("sqlite", "postgresql");

    public Option<string> ConnectionString { get; } = new("--connection-string")
    {
        Description = "The database connection string (default: Database__ConnectionString, else data/megabench.db for SQLite).",
        Recursive = true,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "Show no progress on standard error (long commands show it by default: a bar in a terminal, a line every few seconds otherwise).",
        Recursive = true,
    };

    public DatabaseOptions Database(ParseResult result, CliEnvironment environment) =>
        CliDatabase.Options(environment.Configuration, result.GetValue(Provider), result.GetValue(ConnectionString));

    /// <summary>
    /// The command's database, opened and refused when its schema is behind the code
    /// (<see cref="CliDatabase.EnsureMigratedAsync"/>): how every command that reads or writes data starts.
    /// </summary>
    public async Task<MegaBenchDbContext> OpenDatabaseAsync(ParseResult result, CliEnvironment environment, CancellationToken ct)
    {
        var database = Database(result, environment);
        var db = CliDatabase.Open(database);
        try
        {
            await CliDatabase.EnsureMigratedAsync(db, database, ct);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}
