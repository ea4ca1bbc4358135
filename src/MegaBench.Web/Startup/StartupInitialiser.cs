using MegaBench.Data;
using MegaBench.Frameworks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MegaBench.Web.Startup;

/// <summary>
/// Prepares the database before the app serves its first request: applies migrations when configured,
/// registers every framework of the frameworks folder, and loads the demo network.
/// </summary>
/// <remarks>
/// Any failure here (a framework file error, a stored version with other content) stops the app with
/// that message: serving pages against a half-prepared database would show wrong or missing data.
/// Hosted services start before the web server in <c>WebApplication</c>, so no request arrives earlier.
/// </remarks>
internal sealed partial class StartupInitialiser(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> databaseOptions,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider clock,
    ILogger<StartupInitialiser> logger) : IHostedService
{
    /// <summary>Configuration key of the folder whose <c>*.yaml</c> frameworks are registered at start-up.</summary>
    public const string FrameworksDirectoryKey = "Frameworks:Directory";

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
            foreach (var framework in FrameworkLoader.LoadDirectory(directory))
            {
                await FrameworkStore.RegisterAsync(db, framework, clock, cancellationToken);
                LogFrameworkRegistered(logger, framework.Id, framework.Version, directory);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Framework {Id} version {Version} from {Directory} is stored")]
    private static partial void LogFrameworkRegistered(ILogger logger, string id, string version, string directory);
}
