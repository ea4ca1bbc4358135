using System.Net;
using AngleSharp.Dom;
using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Cycles;

public sealed class CyclePagesTests
{
    private static async Task<(int NetworkId, string StartUrl)> MatchingOfDemoAsync(TestDatabase database, HttpClient admin)
    {
        await using var db = database.NewContext();
        var network = await db.Networks.Where(n => n.IsDemo).Select(n => n.Id).FirstAsync(TestContext.Current.CancellationToken);
        var matching = await admin.GetDocumentAsync($"/networks/{network}/matching?acrossCountries=true");
        var link = matching.QuerySelectorAll("main a").Single(a => a.TextContent.Contains("Start a learning cycle", StringComparison.Ordinal));
        return (network, link.GetAttribute("href")!);
    }

    [Fact]
    public async Task An_administrator_starts_a_cycle_from_the_matching_as_shown_with_two_reviews_per_pair()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var admin = await factory.CreateAdministratorBrowserAsync();
        var (network, startUrl) = await MatchingOfDemoAsync(database, admin);
        Assert.Contains("AcrossCountries=true", startUrl, StringComparison.Ordinal);

        var preview = await admin.GetDocumentAsync(startUrl);
        var rows = preview.QuerySelectorAll("#reviews-caption ~ tbody tr").Count;
        var created = await admin.FollowAsync(await admin.SubmitFormAsync(startUrl, new Dictionary<string, string?>
        {
            ["Input.Name"] = "2018–2019 peer reviews",
            ["Input.Dates.DeskReviewDue"] = "2019-02-01",
            ["Input.Dates.VisitDue"] = "2019-04-01",
        }));

        Assert.Equal("2018–2019 peer reviews", created.QuerySelector("h1")!.TextContent.Trim());
        await using var db = database.NewContext();
        var cycle = await db.LearningCycles.Include(c => c.Reviews).SingleAsync(c => c.Name == "2018–2019 peer reviews", TestContext.Current.CancellationToken);
        Assert.Equal((network, true, CycleStatus.Preparing), (cycle.NetworkId, cycle.AcrossCountries, cycle.Status));
        Assert.Equal(rows, cycle.Reviews.Count);
        Assert.True(cycle.Reviews.Count >= 2);
        Assert.All(cycle.Reviews, r => Assert.Single(cycle.Reviews, other => other.HostCityId == r.ReviewerCityId && other.GroupNumber == r.GroupNumber && (other.ReviewerCityId == r.HostCityId || cycle.Reviews.Count(x => x.GroupNumber == r.GroupNumber) == 3)));
        Assert.Equal(cycle.Reviews.Count, cycle.Reviews.Select(r => r.HostCityId).Distinct().Count());
        Assert.Equal(new DateOnly(2019, 4, 1), cycle.VisitDue);
        Assert.Equal(cycle.Reviews.Count, created.QuerySelectorAll("#reviews-caption ~ tbody tr").Length);
    }

    [Fact]
    public async Task Dates_out_of_order_are_refused_with_a_message_and_no_cycle_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var admin = await factory.CreateAdministratorBrowserAsync();
        var (_, startUrl) = await MatchingOfDemoAsync(database, admin);

        var response = await admin.SubmitFormAsync(startUrl, new Dictionary<string, string?>
        {
            ["Input.Name"] = "Backwards",
            ["Input.Dates.DeskReviewDue"] = "2019-05-01",
            ["Input.Dates.VisitDue"] = "2019-04-01",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("The date of “Visit” (2019-04-01) is before the date of “Desk review” (2019-05-01)", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Backwards", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Name")!.Value);
        await using var db = database.NewContext();
        Assert.False(await db.LearningCycles.AnyAsync(c => c.Name == "Backwards", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Partners_can_be_swapped_before_the_start_and_not_after_and_the_refusal_says_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var admin = await factory.CreateAdministratorBrowserAsync();
        var (_, startUrl) = await MatchingOfDemoAsync(database, admin);
        var cyclePage = await admin.FollowAsync(await admin.SubmitFormAsync(startUrl, new Dictionary<string, string?> { ["Input.Name"] = "Swaps" }));
        var url = new Uri(cyclePage.Url).PathAndQuery;
        int[] pairOf(LearningCycle c, int city) => [.. c.Reviews.Where(r => r.HostCityId == city).Select(r => r.ReviewerCityId)];
        (int A, int B) cities;
        await using (var db = database.NewContext())
        {
            var cycle = await db.LearningCycles.Include(c => c.Reviews).SingleAsync(c => c.Name == "Swaps", TestContext.Current.CancellationToken);
            var groups = CycleRules.Groups(cycle).Where(g => g.Cities.Count == 2).ToList();
            cities = (groups[0].Cities[0], groups[1].Cities[0]);
        }

        var swapped = await admin.FollowAsync(await admin.SubmitFormAsync(url, new Dictionary<string, string?> { ["firstCity"] = $"{cities.A}", ["secondCity"] = $"{cities.B}" }, "form[action$='handler=Swap']"));
        Assert.Contains("swapped partners", swapped.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await admin.FollowAsync(await admin.SubmitFormAsync(url, new Dictionary<string, string?>(), "form[action$='handler=Start']"));
        var started = await admin.GetDocumentAsync(url);
        Assert.Null(started.QuerySelector("form[action$='handler=Swap']"));

        using var swapPost = new HttpRequestMessage(HttpMethod.Post, new Uri(url + "?handler=Swap", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["firstCity"] = $"{cities.A}",
                ["secondCity"] = $"{cities.B}",
                ["__RequestVerificationToken"] = started.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value,
            }),
        };
        var afterStart = await admin.SendAsync(swapPost, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, afterStart.StatusCode);
        Assert.Contains("The cycle has started, so its pairs are fixed", (await HtmlForms.ParseAsync(afterStart)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        await using var check = database.NewContext();
        var final = await check.LearningCycles.Include(c => c.Reviews).SingleAsync(c => c.Name == "Swaps", TestContext.Current.CancellationToken);
        Assert.Equal(CycleStatus.Started, final.Status);
        Assert.DoesNotContain(cities.B, pairOf(final, cities.A));
        Assert.Equal(final.Reviews.Count, final.Reviews.Select(r => r.HostCityId).Distinct().Count());
    }

    [Fact]
    public async Task Coordinators_of_the_cycles_cities_follow_it_without_changing_it_and_strangers_do_not_see_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().Preparing().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var coordinator = factory.CreateBrowser();
        await coordinator.SignInAsync(built.CoordinatorOfB);
        var anonymous = factory.CreateBrowser();

        var page = await coordinator.GetDocumentAsync($"/cycles/{built.CycleId}");
        var stranger = await anonymous.GetAsync(new Uri($"/cycles/{built.CycleId}", UriKind.Relative), TestContext.Current.CancellationToken);
        var list = await anonymous.GetDocumentAsync($"/networks/{built.NetworkId}/cycles");

        Assert.Null(page.QuerySelector("form[action$='handler=Swap']"));
        Assert.Null(page.QuerySelector("form[action$='handler=Start']"));
        Assert.Equal(2, page.QuerySelectorAll("#reviews-caption ~ tbody tr").Length);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.DoesNotContain("2024–2025 peer reviews", list.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }
}
