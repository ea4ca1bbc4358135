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

    [Fact]
    public async Task A_footnoted_no_sits_at_the_same_height_as_a_plain_one()
    {
        await using var context = await app.NewContextAsync();
        var page = await context.NewPageAsync();
        var roundId = await app.DemoRoundIdAsync();

        // How far each cell's mark sits below its cell's top (cells align to the top), for a "–" with a footnote number and one without.
        double[]? offsets = null;
        foreach (var group in new[] { "MUN", "CCI", "BUS", "IBO" })
        {
            await PageChecks.OpenAsync(page, $"/rounds/{roundId}/sheets/{group}");
            offsets = await page.EvaluateAsync<double[]?>(
                """
                () => {
                  const cells = [...document.querySelectorAll('td.answer-no')];
                  const noted = cells.find(td => td.querySelector('sup'));
                  const plain = cells.find(td => !td.querySelector('sup'));
                  if (!noted || !plain) return null;
                  const offset = td => { const m = td.querySelector('span[aria-hidden]').getBoundingClientRect(); const c = td.getBoundingClientRect(); return (m.top + m.bottom) / 2 - c.top; };
                  return [offset(noted), offset(plain)];
                }
                """);
            if (offsets is not null)
            {
                break;
            }
        }

        Assert.True(offsets is not null, "The demo round has no footnoted 'no' answer to compare.");
        Assert.True(Math.Abs(offsets[0] - offsets[1]) <= 1, $"A footnoted '–' sits {Math.Abs(offsets[0] - offsets[1]):0.#}px off the height of a plain one: the footnote number raises its line, and the dash reads as '_'.");
    }
}
