using MegaBench.Demo;
using MegaBench.Frameworks;
using MegaBench.Tests.Frameworks;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    /// <summary>
    /// The shipped MEGA file, a malformed file, a file nested far too deep, and an edited copy of a stored version
    /// that kept its number: the app starts, serves MEGA, and shows each problem by file and line to administrators.
    /// </summary>
    [Fact]
    public async Task Bad_framework_files_do_not_stop_the_app_and_are_listed_by_file_for_administrators()
    {
        await using var database = await TestDatabase.CreateAsync();
        var shipped = Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml");
        using var folder = new TempFolder();
        folder.Write("mega-2018.yaml", File.ReadAllText(shipped));
        var broken = folder.Write("broken.yaml", "id: broken\nversion: [unclosed\n");
        var deep = folder.Write("deep.yaml", new string('[', 30_000));
        var edited = folder.Write("zz-edited.yaml", "id: test-fw\n" + File.ReadAllText(shipped).Replace("id: mega-2018", "# renamed", StringComparison.Ordinal));
        await using (var db = database.NewContext())
        {
            // test-fw 2018.1 is stored with other content: the edited file kept a stored version number.
            var stored = FrameworkLoader.LoadFile(shipped);
            await FrameworkStore.RegisterAsync(db, new FrameworkBuilder().WithId("test-fw", stored.Version).Build(), cancellationToken: TestContext.Current.CancellationToken);
        }

        await using var app = new MegaBenchAppFactory(database, settings: new Dictionary<string, string> { ["Frameworks:Directory"] = folder.Path });
        var visitor = app.CreateClient();

        var report = app.Services.GetRequiredService<MegaBench.Web.Startup.FrameworkFolderReport>();
        Assert.True(report.Problems.Count == 3, string.Join("\n", report.Problems));
        Assert.Contains(report.Problems, p => p.File == broken && p.Line > 0);
        Assert.Contains(report.Problems, p => p.File == deep && p.Message.Contains("nests more than", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.File == edited && p.Line > 0 && p.Message.Contains("give the edited file a new version number", StringComparison.Ordinal));
        await using (var db = database.NewContext())
        {
            Assert.True(await db.Frameworks.AnyAsync(f => f.FrameworkId == "mega-2018", TestContext.Current.CancellationToken));
        }

        var administrator = await app.CreateAdministratorBrowserAsync();
        var page = await administrator.GetDocumentAsync("/frameworks");
        var listed = page.QuerySelectorAll(".framework-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(report.Problems.Count, listed.Count);
        Assert.Contains(listed, l => l.StartsWith($"{broken}:3:", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.StartsWith($"{edited}:", StringComparison.Ordinal));
        var anonymous = await visitor.GetDocumentAsync("/frameworks");
        Assert.Null(anonymous.QuerySelector(".framework-problems"));
        Assert.Contains("MEGA", anonymous.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_frameworks_folder_is_a_listed_problem_and_the_stored_frameworks_stay()
    {
        await using var database = await TestDatabase.CreateAsync();
        var missing = Path.Combine(Path.GetTempPath(), "megabench-missing-" + Guid.NewGuid().ToString("N"));
        await using var factory = new MegaBenchAppFactory(database);
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Frameworks:Directory", missing));

        var response = await app.CreateClient().GetAsync(new Uri("/frameworks", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var problem = Assert.Single(app.Services.GetRequiredService<MegaBench.Web.Startup.FrameworkFolderReport>().Problems);
        Assert.Contains("the folder does not exist", problem.Message, StringComparison.Ordinal);
    }
}
