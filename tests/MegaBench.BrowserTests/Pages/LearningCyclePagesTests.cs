using MegaBench.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.BrowserTests.Pages;

/// <summary>
/// The learning-cycle pages of the demo network (its finished cycle and its cycle in progress) in a real browser:
/// axe finds nothing in English and French, nothing is left untranslated, and a phone reads them without
/// scrolling sideways.
/// </summary>
public sealed class LearningCyclePagesTests(LiveApp app)
{
    private static readonly string[] ReviewPages = ["", "/desk", "/visit", "/feedback", "/actions"];

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Every_learning_page_of_the_demo_has_no_accessibility_violation(string language)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        await app.SignInAsAdministratorAsync(page);

        var failures = new List<string>();
        foreach (var path in await PathsAsync())
        {
            await PageChecks.OpenAsync(page, $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}lang={language}");
            try
            {
                Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));
                Assert.Equal(1, await page.Locator("h1").CountAsync());
                Assert.Equal(0, await page.Locator(".untranslated").CountAsync());
                await PageChecks.AssertAccessibleAsync(page);
            }
            catch (Exception error) when (error is Xunit.Sdk.IAssertionException)
            {
                failures.Add($"{path}: {error.Message}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task Learning_pages_read_on_a_phone_without_scrolling_the_page_sideways()
    {
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();
        await app.SignInAsAdministratorAsync(page);

        foreach (var path in await PathsAsync())
        {
            await PageChecks.OpenAsync(page, path + "?lang=fr");
            await PageChecks.AssertNoHorizontalPageScrollAsync(page);
            await PageChecks.AssertWideTablesScrollInTheirOwnContainerAsync(page);
        }
    }

    [Fact]
    public async Task A_visitor_reads_the_published_feedback_report_and_action_plan_and_nothing_else_of_the_cycle()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var (published, unpublished) = await app.ReadAsync(async db =>
        {
            var reviews = await db.PeerReviews.Where(r => r.Cycle!.Network!.IsDemo).Select(r => new { r.Id, r.PublishedAt }).ToListAsync(TestContext.Current.CancellationToken);
            return (reviews.First(r => r.PublishedAt != null).Id, reviews.First(r => r.PublishedAt == null).Id);
        });

        foreach (var path in new[] { $"/reviews/{published}/feedback", $"/reviews/{published}/actions" })
        {
            var response = await PageChecks.OpenAsync(page, path);
            Assert.Equal(200, response.Status);
            await PageChecks.AssertAccessibleAsync(page);
        }

        foreach (var path in new[] { $"/reviews/{published}/desk", $"/reviews/{published}/visit", $"/reviews/{unpublished}/feedback" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
        }
    }

    /// <summary>The cycles list, both cycles, and every page of one review of each.</summary>
    private async Task<List<string>> PathsAsync() => await app.ReadAsync(async db =>
    {
        var ct = TestContext.Current.CancellationToken;
        var network = await db.Networks.Where(n => n.IsDemo).Select(n => n.Id).FirstAsync(ct);
        var cycles = await db.LearningCycles.Where(c => c.NetworkId == network).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        Assert.True(cycles.Count >= 2, "The demo network has a finished cycle and one in progress.");
        var paths = new List<string> { $"/networks/{network}/cycles", $"/networks/{network}/cycles/new" };
        foreach (var cycle in cycles)
        {
            paths.Add($"/cycles/{cycle}");
            var review = await db.PeerReviews.Where(r => r.CycleId == cycle).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(ct);
            paths.AddRange(ReviewPages.Select(p => $"/reviews/{review}{p}"));
        }

        var meeting = await db.VisitMeetings.OrderBy(m => m.Id).Select(m => new { m.ReviewId, m.Id }).FirstAsync(ct);
        paths.Add($"/reviews/{meeting.ReviewId}/visit/meetings/{meeting.Id}");
        return paths;
    });
}
