using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Pages.Frameworks;

public sealed class FrameworkPagesTests
{
    [Fact]
    public async Task Frameworks_page_lists_stored_versions_with_their_statement_count()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new RoundBuilder().WithFramework(new FrameworkBuilder().WithId("test-fw", "2.1").Build()).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateBrowser().GetDocumentAsync("/frameworks");

        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("test-fw", StringComparison.Ordinal));
        Assert.Equal(["Test framework", "test-fw", "2.1", "12"], row.Children.Take(4).Select(c => c.TextContent.Trim()));
        Assert.Equal("/frameworks/test-fw/2.1", row.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Framework_page_shows_every_indicator_by_group_and_stage_with_codes_and_themes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var framework = new FrameworkBuilder().WithIndicatorsPerStage(3).Build();
        await new RoundBuilder().WithFramework(framework).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await factory.CreateBrowser().GetDocumentAsync("/frameworks/test-fw/1.0");

        var groups = page.QuerySelectorAll(".framework-group").ToList();
        Assert.Equal(["Group AAA (AAA)", "Group BBB (BBB)"], groups.Select(g => g.QuerySelector("h2")!.TextContent.Trim()));
        Assert.Contains("The final objective of AAA.", groups[0].QuerySelector(".objective")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["1. Laying the foundations (basic level)", "2. Expanding the work (intermediate level)", "3. Making the work normal practice (advanced level)"],
            groups[0].QuerySelectorAll("h3").Select(h => h.TextContent.Trim()));
        var rows = page.QuerySelectorAll(".indicators tbody tr").ToList();
        Assert.Equal(framework.Indicators.Select(i => i.Code), rows.Select(r => r.QuerySelector("th")!.TextContent.Trim()));
        var first = framework.Indicators.First();
        Assert.Equal(first.Text.Source, rows[0].Children[1].TextContent.Trim());
        Assert.Equal($"Theme {first.Themes[0]}", rows[0].Children[2].TextContent.Trim());
    }

    [Fact]
    public async Task Unknown_framework_version_is_not_found()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().GetAsync(new Uri("/frameworks/test-fw/9.9", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
    }
}
