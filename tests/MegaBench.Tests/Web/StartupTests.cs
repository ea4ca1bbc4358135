using MegaBench.Demo;
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
    public async Task The_demo_network_is_loaded_at_start_up_and_its_sheets_read_like_the_seed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var client = factory.CreateBrowser();

        var home = await client.GetDocumentAsync("/");
        var card = home.QuerySelectorAll(".card").Single();
        var network = await client.GetDocumentAsync(card.QuerySelector("h2 a")!.GetAttribute("href")!);
        var latestRound = network.QuerySelector("tbody tr td a[href^='/rounds/']")!.GetAttribute("href")!;
        var round = await client.GetDocumentAsync(latestRound);
        var sheetLinks = round.QuerySelectorAll("section.group > p:first-of-type a").Select(a => a.GetAttribute("href")!).ToList();

        Assert.Equal(DemoNetwork.NetworkName, card.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("fictional demo", card.TextContent, StringComparison.Ordinal);
        Assert.True(network.QuerySelectorAll("tbody tr").Length >= 6);
        Assert.Equal(4, sheetLinks.Count);
        int[] statements = [29, 18, 15, 14];
        for (var i = 0; i < sheetLinks.Count; i++)
        {
            var sheet = await client.GetDocumentAsync(sheetLinks[i]);
            Assert.Equal(statements[i], sheet.QuerySelectorAll(".sheet-stage .sheet-table tbody tr").Length);
            Assert.Equal(3, sheet.QuerySelectorAll(".sheet-stage h2").Length);
            Assert.NotEmpty(sheet.QuerySelectorAll(".sheet-table thead th.organisation"));
            Assert.Contains("fictional demo data", sheet.QuerySelector(".sheet .subtle")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_demo_is_not_added_to_a_database_with_networks_of_its_own()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new RoundBuilder().InNetwork("Our real network").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);

        // Its round is open, so only its administrators see the network.
        var home = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync("/");

        Assert.Equal(["Our real network"], home.QuerySelectorAll(".card h2").Select(h => h.TextContent.Trim()));
    }

    [Fact]
    public async Task Without_the_demo_setting_no_network_is_created()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var home = await factory.CreateBrowser().GetDocumentAsync("/");

        Assert.Empty(home.QuerySelectorAll(".card"));
        Assert.Contains("No network yet", home.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
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
