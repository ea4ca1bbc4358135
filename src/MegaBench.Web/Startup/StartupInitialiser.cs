using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Demo;
using MegaBench.Frameworks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MegaBench.Web.Startup;

/// <summary>
/// Prepares the database before the app serves its first request: applies migrations when configured,
/// registers every framework of the frameworks folder, loads the demo network into a database that
/// has no network of its own, and, while no account exists, prints a one-time setup code for <c>/setup</c>.
/// </summary>
/// <remarks>
/// A framework file that cannot be used (invalid, declared twice, or an edited file that kept a stored version
/// number) does not stop the app: it is logged as <c>file:line:column: message</c> and listed for administrators
/// on the Frameworks page (<see cref="FrameworkFolderReport"/>), while the other frameworks are stored and the
/// rounds on already-stored versions keep being served. Any other failure (the database) stops the app with its
/// message. Hosted services start before the web server in <c>WebApplication</c>, so no request arrives earlier.
/// </remarks>
internal sealed partial class StartupInitialiser(
    IServiceScopeFactory scopes,
    FrameworkFolderReport report,
    IOptions<DatabaseOptions> databaseOptions,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<StartupInitialiser> logger) : IHostedService
{
    /// <summary>Configuration key of the folder whose <c>*.yaml</c> frameworks are registered at start-up.</summary>
    public const string FrameworksDirectoryKey = "Frameworks:Directory";

    /// <summary>Configuration key: load the fictional demo network at start-up (default true).</summary>
    public const string DemoKey = "Demo:LoadOnStartup";

    /// <summary>The framework the demo network is benchmarked against.</summary>
    public const string DemoFrameworkId = "mega-2018";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        try
        {
            if (databaseOptions.Value.ShouldMigrateOnStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            var directory = FrameworksDirectory();
            var folder = FrameworkLoader.ReadDirectory(directory);
            var problems = new List<FrameworkProblem>(folder.Problems);
            var frameworks = new List<Framework>();
            foreach (var loaded in folder.Frameworks)
            {
                var framework = loaded.Framework;
                try
                {
                    await FrameworkStore.RegisterAsync(db, framework, clock, cancellationToken);
                }
                catch (FrameworkVersionConflictException conflict)
                {
                    // Refused by file name: the author sees which file to give a new version number.
                    problems.Add(new FrameworkProblem(loaded.File, loaded.Line, loaded.Column, conflict.Message));
                    db.ChangeTracker.Clear();
                    continue;
                }

                frameworks.Add(framework);
                LogFrameworkRegistered(logger, framework.Id, framework.Version, directory);
            }

            foreach (var problem in problems)
            {
                LogFrameworkProblem(logger, problem.ToString());
            }

            report.Set(problems);

            // The demo goes only into a database without networks of its own: a real deployment that
            // forgot to turn the setting off never gets a fictional network next to its real ones.
            if (configuration.GetValue(DemoKey, defaultValue: true)
                && !await db.Networks.AnyAsync(n => n.Name != DemoNetwork.NetworkName, cancellationToken))
            {
                // Files load in name order, so the last mega-2018 is the newest file's version.
                var mega = frameworks.LastOrDefault(f => f.Id == DemoFrameworkId);
                if (mega is null)
                {
                    LogDemoSkipped(logger, DemoFrameworkId, directory, DemoKey);
                }
                else
                {
                    await DemoNetwork.EnsureLoadedAsync(db, mega, clock, cancellationToken);
                }
            }

            // No account yet: the first administrator is created at /setup with a one-time code printed here.
            var setup = scope.ServiceProvider.GetRequiredService<AccountSetup>();
            if (await setup.IssueSetupCodeAsync(cancellationToken) is { } code)
            {
                Console.WriteLine($"MegaBench has no account yet. Open /setup and enter this one-time setup code to create the first administrator: {code}");
                LogSetupCode(logger, code);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStartupFailed(logger, exception.Message, exception);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The configured folder (relative to the content root), else <c>frameworks</c> beside the app.</summary>
    private string FrameworksDirectory() =>
        configuration[FrameworksDirectoryKey] is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : Path.Combine(AppContext.BaseDirectory, "frameworks");

    [LoggerMessage(Level = LogLevel.Critical, Message = "MegaBench cannot start: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The demo network was not loaded: no framework '{Id}' in {Directory}. Put mega-2018.yaml back in that folder, or set {Key} to false.")]
    private static partial void LogDemoSkipped(ILogger logger, string id, string directory, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No account exists. Create the first administrator at /setup with the one-time setup code {Code} (or run `megabench admin create --email ...`).")]
    private static partial void LogSetupCode(ILogger logger, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Not used from the frameworks folder: {Problem} (the other frameworks are served; fix this and restart)")]
    private static partial void LogFrameworkProblem(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Id} version {Version} from {Directory} is stored")]
    private static partial void LogFrameworkRegistered(ILogger logger, string id, string version, string directory);
}
