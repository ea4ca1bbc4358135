using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// The web app in memory, on its own <see cref="TestDatabase"/>. Every test builds its own, so no test
/// depends on another. The demo network is not loaded unless a test asks for it; <paramref name="services"/>
/// replaces services after the app's own registrations (e.g. the interface languages); <paramref name="settings"/>
/// adds configuration (e.g. another frameworks folder). The app under test differs from a deployed one in two settings
/// only: passwords are hashed at the tests' cost (<see cref="TestPasswords"/>), and it does not migrate at start, since
/// its database is a copy of a migrated template.
/// </summary>
public sealed class MegaBenchAppFactory(TestDatabase database, bool loadDemo = false, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Options.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.Options.ConnectionString);
        // TestDatabase hands out a copy of a migrated template: migrating again at every start found nothing to do
        // and cost about 100 ms of each app's start (EF's check of the model against the migrations).
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SqliteSynchronous", Database.Options.SqliteSynchronous);
        builder.UseSetting("Demo:LoadOnStartup", loadDemo ? "true" : "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(s => s.UseTestPasswordHashing());
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
