using MegaBench.BrowserTests.Infrastructure;

namespace MegaBench.BrowserTests.Pages;

/// <summary>The main pages in French, as a browser shows them: in French, and without accessibility violation.</summary>
public sealed class FrenchPagesTests(LiveApp app)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/frameworks")]
    [InlineData("/account/signin")]
    [InlineData("/networks/{network}")]
    [InlineData("/networks/{network}/overview")]
    [InlineData("/networks/{network}/practices")]
    [InlineData("/rounds/{round}")]
    [InlineData("/rounds/{round}/profile")]
    [InlineData("/rounds/{round}/sheets/MUN")]
    [InlineData("/rounds/{round}/ecosystem")]
    [InlineData("/rounds/{round}/methodology")]
    public async Task Page_in_French_has_no_accessibility_violation(string template)
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var path = template.Replace("{round}", $"{await app.DemoRoundIdAsync()}", StringComparison.Ordinal)
            .Replace("{network}", $"{await app.DemoNetworkIdAsync()}", StringComparison.Ordinal);

        await PageChecks.OpenAsync(page, path + "?lang=fr");

        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(0, await page.Locator(".untranslated").CountAsync());
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Assessment_sheet_in_French_reads_on_a_phone_without_scrolling_the_page_sideways()
    {
        // French words are longer than English ones: the narrow layout must still hold.
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();

        await PageChecks.OpenAsync(page, $"/rounds/{await app.DemoRoundIdAsync()}/sheets/MUN?lang=fr");

        await PageChecks.AssertNoHorizontalPageScrollAsync(page);
        await PageChecks.AssertWideTablesScrollInTheirOwnContainerAsync(page);
        await PageChecks.AssertAccessibleAsync(page);
    }
}
