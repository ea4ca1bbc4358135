using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Pages.Networks;

public sealed class NetworkPagesTests
{
    [Fact]
    public async Task Home_page_lists_networks_and_flags_the_demo_as_fictional()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new RoundBuilder().InNetwork("Demo network", isDemo: true).BuildAsync(database);
        await new RoundBuilder().InNetwork("Real network").ForCity("Lyon").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync("/");

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("#main", page.QuerySelector("a.skip-link")!.GetAttribute("href"));
        Assert.NotNull(page.GetElementById("main"));
        var cards = page.QuerySelectorAll(".card").ToList();
        Assert.Equal(["Demo network", "Real network"], cards.Select(c => c.QuerySelector("h2")!.TextContent.Trim()));
        Assert.Contains("fictional demo", cards[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("fictional demo", cards[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_use_no_scripts_and_only_local_stylesheets()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var page = await client.GetDocumentAsync("/");
        var css = await client.GetStringAsync(new Uri("/css/site.css", UriKind.Relative), TestContext.Current.CancellationToken);
        var print = await client.GetStringAsync(new Uri("/css/print.css", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.All(page.QuerySelectorAll("link[rel=stylesheet]"), link => Assert.StartsWith("/css/", link.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal("print", page.QuerySelector("link[href^='/css/print.css']")!.GetAttribute("media"));
        Assert.Contains(":focus-visible", css, StringComparison.Ordinal);
        Assert.Contains("@media (max-width", css, StringComparison.Ordinal);
        Assert.Contains("size: A4 landscape", print, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Network_page_lists_cities_with_country_rounds_status_and_progress()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .ForCity("Testville", "Belgium")
            .WithStatus(RoundStatus.Closed)
            .WithOrganisation("Alpha", "AAA", null,
                new AnswerSpec("AAA-1.01", AnswerValue.Yes),
                new AnswerSpec("AAA-1.02", AnswerValue.NotDetermined),
                new AnswerSpec("AAA-2.01", AnswerValue.Unanswered))
            .WithOrganisation("Beta", "BBB", null, new AnswerSpec("BBB-3.02", AnswerValue.No))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/networks/{round.NetworkId}");

        var row = page.QuerySelector("tbody tr")!;
        var cells = row.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Testville", "Belgium", "1", "2026", "Closed", "3 of 12"], cells);
        Assert.Equal($"/cities/{round.CityId}", row.QuerySelector("th a")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector($"a[href='/networks/{round.NetworkId}/cities/new']"));
    }

    [Fact]
    public async Task Unknown_network_is_not_found_with_a_readable_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var response = await (await factory.CreateAdministratorBrowserAsync()).GetAsync(new Uri("/networks/999", UriKind.Relative), TestContext.Current.CancellationToken);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent.Trim());
    }
}
