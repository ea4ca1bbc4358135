using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Data;

public sealed class SmokeTests
{
    [Fact]
    public async Task Registered_framework_reads_back_equal()
    {
        await using var database = await TestDatabase.CreateAsync();
        var framework = new FrameworkBuilder().Build();
        await using var db = database.NewContext();

        var stored = await FrameworkStore.RegisterAsync(db, framework, cancellationToken: TestContext.Current.CancellationToken);
        var read = FrameworkJson.Deserialize(stored.Definition);

        Assert.Equal(FrameworkJson.Serialize(framework), FrameworkJson.Serialize(read));
        Assert.Equal(12, read.Indicators.Count());
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        var body = await client.GetStringAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("ok", body);
    }
}
