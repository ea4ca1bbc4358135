using MegaBench.BrowserTests.Infrastructure;

namespace MegaBench.BrowserTests.Pages;

/// <summary>The demo round's page and its assessment sheets, as a browser shows them.</summary>
public sealed class RoundPagesTests(LiveApp app)
{
    [Fact]
    public async Task Demo_round_page_has_a_heading_and_no_accessibility_violation()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var roundId = await app.DemoRoundIdAsync();

        await PageChecks.OpenAsync(page, $"/rounds/{roundId}");

        Assert.Equal(1, await page.Locator("h1").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Theory]
    [InlineData("MUN")]
    [InlineData("CCI")]
    [InlineData("BUS")]
    [InlineData("IBO")]
    public async Task Demo_assessment_sheet_has_no_accessibility_violation(string groupCode)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var roundId = await app.DemoRoundIdAsync();

        await PageChecks.OpenAsync(page, $"/rounds/{roundId}/sheets/{groupCode}");

        Assert.Equal(1, await page.Locator("h1").CountAsync());
        Assert.True(await page.Locator("table").CountAsync() >= 3, "The sheet should show one table per stage.");
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Assessment_sheet_reads_on_a_phone_without_scrolling_the_page_sideways()
    {
        // 390 CSS pixels: the width of a current mid-size phone held upright.
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();
        var roundId = await app.DemoRoundIdAsync();

        await PageChecks.OpenAsync(page, $"/rounds/{roundId}/sheets/MUN");

        await PageChecks.AssertNoHorizontalPageScrollAsync(page);
        await PageChecks.AssertWideTablesScrollInTheirOwnContainerAsync(page);
        await PageChecks.AssertTextIsAtLeastAsync(page, "table th, table td", minimumPixels: 12);
        await PageChecks.AssertAccessibleAsync(page);
    }
}
