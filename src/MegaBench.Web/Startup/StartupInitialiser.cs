using MegaBench.Data;
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
/// </remarks>
internal sealed partial class StartupInitialiser(
    IServiceScopeFactory scopes,
    IOptions<DatabaseOptions> databaseOptions,
    ILogger<StartupInitialiser> logger) : IHostedService
{
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
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogStartupFailed(logger, exception.Message, exception);
            throw;
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Critical, Message = "MegaBench cannot start: {Reason}")]
    private static partial void LogStartupFailed(ILogger logger, string reason, Exception exception);
}
