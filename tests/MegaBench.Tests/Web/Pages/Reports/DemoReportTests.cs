using System.Net;
using MegaBench.Demo;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Reports;

/// <summary>The report and matching pages on the demo network (MEGA 2018, six fictional cities).</summary>
public sealed class DemoReportTests
{
    private sealed record Demo(int NetworkId, int LatestRoundId, int CityId, string City);

    private static async Task<Demo> FindDemoAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        var network = await db.Networks.SingleAsync(n => n.Name == DemoNetwork.NetworkName, ct);
        // A city with an earlier round, so that "what changed" has something to show.
        var round = await db.Rounds.Include(r => r.City)
            .Where(r => r.City!.NetworkId == network.Id && r.City.Rounds.Count > 1)
            .OrderByDescending(r => r.Year).ThenBy(r => r.Id)
            .FirstAsync(ct);
        return new Demo(network.Id, round.Id, round.CityId, round.City!.Name);
    }

    [Fact]
    public async Task Profile_shows_theme_scores_and_levels_as_the_scorer_computes_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var browser = factory.CreateBrowser();
        await browser.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var demo = await FindDemoAsync(database);

        var page = await browser.GetDocumentAsync($"/rounds/{demo.LatestRoundId}/profile");

        await using var db = database.NewContext();
        var scored = (await RoundScores.LoadAsync(db, demo.LatestRoundId, TestContext.Current.CancellationToken))!;
        var network = (await NetworkScores.LoadAsync(db, demo.NetworkId, TestContext.Current.CancellationToken))!;
        var analysis = network.Analyse()!;
        foreach (var theme in scored.Score.Themes)
        {
            var row = page.QuerySelector($".theme-scores tr[data-theme='{theme.Theme}']")!;
            Assert.StartsWith(Math.Round(theme.Score!.Value, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector(".city-score")!.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Equal(Math.Round(analysis.ThemeMedian(theme.Theme)!.Value, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture), row.QuerySelector(".median")!.TextContent.Trim());
        }

        Assert.Equal(4, page.QuerySelectorAll(".levels tbody tr").Length);
        Assert.NotNull(page.QuerySelector("img[src$='/charts/themes.png']"));
        Assert.Contains("theme scores", page.QuerySelector("img")!.GetAttribute("alt")!, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".organisation-changes li"));
    }
}
