using MegaBench.BrowserTests.Infrastructure;

namespace MegaBench.BrowserTests.Pages;

public sealed class HomePageTests(LiveApp app)
{
    [Fact]
    public async Task Home_page_has_a_language_a_heading_and_no_accessibility_violation()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();

        await PageChecks.OpenAsync(page, "/");

        Assert.False(string.IsNullOrWhiteSpace(await page.GetAttributeAsync("html", "lang")), "<html> has no lang attribute.");
        Assert.False(string.IsNullOrWhiteSpace(await page.TitleAsync()), "The page has no <title>.");
        var heading = page.Locator("h1");
        Assert.Equal(1, await heading.CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await heading.InnerTextAsync()), "The <h1> is empty.");
        await PageChecks.AssertAccessibleAsync(page);
    }
}
