using MegaBench.Frameworks;
using MegaBench.Tests.Frameworks;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace MegaBench.Tests.Web;

public sealed class StartupTests
{
    [Fact]
    public async Task Frameworks_of_the_frameworks_folder_are_stored_at_start_up()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateBrowser().GetDocumentAsync("/frameworks");

        var row = page.QuerySelectorAll("tbody tr").Single(r => r.Children[1].TextContent.Trim() == "mega-2018");
        Assert.Equal("76", row.Children[3].TextContent.Trim());
    }

    [Fact]
    public async Task A_framework_file_error_stops_the_app_with_the_loaders_message()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        var file = folder.Write("broken.yaml", "id: broken\nversion: [unclosed\n");
        await using var factory = new MegaBenchAppFactory(database);
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Frameworks:Directory", folder.Path));

        var failure = Assert.Throws<FrameworkLoadException>(() => app.CreateClient());

        Assert.Contains(file, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_frameworks_folder_stops_the_app()
    {
        await using var database = await TestDatabase.CreateAsync();
        var missing = Path.Combine(Path.GetTempPath(), "megabench-missing-" + Guid.NewGuid().ToString("N"));
        await using var factory = new MegaBenchAppFactory(database);
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Frameworks:Directory", missing));

        var failure = Assert.Throws<FrameworkLoadException>(() => app.CreateClient());

        Assert.Contains("the folder does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_version_with_other_content_stops_the_app()
    {
        await using var database = await TestDatabase.CreateAsync();
        var shipped = FrameworkLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml"));
        await using (var db = database.NewContext())
        {
            await FrameworkStore.RegisterAsync(db, new FrameworkBuilder().WithId(shipped.Id, shipped.Version).Build(), cancellationToken: TestContext.Current.CancellationToken);
        }

        await using var factory = new MegaBenchAppFactory(database);

        var failure = Assert.Throws<FrameworkVersionConflictException>(() => factory.CreateClient());

        Assert.Contains("give the edited file a new version number", failure.Message, StringComparison.Ordinal);
    }
}
