using MegaBench.BrowserTests.Infrastructure;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Pages;

/// <summary>
/// The coordinator's questionnaire tracking page of a demo round, signed in, in English and French, before and
/// after issuing links. It changes data (an account, links), so it runs its own app beside the shared one and
/// borrows only the shared browser.
/// </summary>
public sealed class QuestionnaireTrackingPageTests(LiveApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Tracking_page_and_issued_links_have_no_accessibility_violation(string language)
    {
        await using var context = await app.NewContextAsync();
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var (baseAddress, roundId) = await StartAsync(factory, database);
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseAddress);

        await PageChecks.OpenAsync(page, $"{baseAddress}rounds/{roundId}/questionnaires?lang={language}");

        Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);

        // Choose two organisations and issue their links: the page then shows them once, with copy buttons.
        await page.Locator("table.tracking tbody input[type=checkbox]").Nth(0).CheckAsync();
        await page.Locator("table.tracking tbody input[type=checkbox]").Nth(1).CheckAsync();
        await page.Locator("button[name=output][value=page]").ClickAsync();
        await page.WaitForSelectorAsync(".issued-links");
        Assert.Equal(2, await page.Locator(".issued-links input.link-field").CountAsync());
        Assert.Equal(2, await page.Locator(".issued-links button[data-copy]:visible").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Tracking_page_reads_on_a_phone_without_scrolling_the_page_sideways()
    {
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var (baseAddress, roundId) = await StartAsync(factory, database);
        var page = await context.NewPageAsync();
        await SignInAsync(page, baseAddress);

        await PageChecks.OpenAsync(page, $"{baseAddress}rounds/{roundId}/questionnaires");

        await PageChecks.AssertNoHorizontalPageScrollAsync(page);
        await PageChecks.AssertWideTablesScrollInTheirOwnContainerAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
    }

    /// <summary>Starts the app with an administrator of every network; returns its address and a demo round.</summary>
    private static async Task<(Uri BaseAddress, int RoundId)> StartAsync(MegaBenchAppFactory factory, TestDatabase database)
    {
        var address = await OwnApp.StartAsync(factory);
        await using var check = database.NewContext();
        var roundId = await check.Rounds.Where(r => r.City!.Network!.IsDemo).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(TestContext.Current.CancellationToken);
        return (address, roundId);
    }

    private static Task SignInAsync(IPage page, Uri baseAddress) => OwnApp.SignInAsync(page, baseAddress);
}
