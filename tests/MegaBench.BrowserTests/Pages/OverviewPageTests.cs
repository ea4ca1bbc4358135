using MegaBench.BrowserTests.Infrastructure;

namespace MegaBench.BrowserTests.Pages;

/// <summary>The network overview on a laptop screen: both heatmaps show whole, without scrolling sideways.</summary>
public sealed class OverviewPageTests(LiveApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Heatmaps_fit_a_1366_pixel_screen(string language)
    {
        await using var context = await app.NewContextAsync(width: 1366, height: 768);
        var page = await context.NewPageAsync();
        await PageChecks.OpenAsync(page, $"/networks/{await app.DemoNetworkIdAsync()}/overview?lang={language}");

        var cut = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('table.heatmap')]
              .filter(t => t.scrollWidth > t.parentElement.clientWidth)
              .map(t => `${t.caption.textContent.trim()}: ${t.scrollWidth}px in ${t.parentElement.clientWidth}px`)
            """);

        Assert.True(cut.Length == 0, "Heatmaps wider than the page at 1366 px: " + string.Join("; ", cut));
        await PageChecks.AssertAccessibleAsync(page);
    }
}
