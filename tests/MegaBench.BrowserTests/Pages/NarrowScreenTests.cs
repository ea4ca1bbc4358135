using MegaBench.BrowserTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.BrowserTests.Pages;

/// <summary>
/// The pages a coordinator and a network administrator use, on a phone (390 CSS pixels, held upright) in English
/// and in French: nothing scrolls the whole page sideways (a wide table scrolls in its own box), and axe finds
/// nothing. French words are longer than English ones, so both languages are checked.
/// </summary>
public sealed class NarrowScreenTests(LiveApp app)
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    public async Task Signed_in_pages_fit_a_phone_and_have_no_accessibility_violation(string language)
    {
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        var page = await context.NewPageAsync();
        await app.SignInAsAdministratorAsync(page);
        var round = await app.DemoRoundIdAsync();
        var network = await app.DemoNetworkIdAsync();
        var city = await app.ReadAsync(db => db.Rounds.Where(r => r.Id == round).Select(r => r.CityId).SingleAsync(TestContext.Current.CancellationToken));

        string[] paths =
        [
            "/", "/my-work", "/frameworks", "/admin/people", "/admin/audit", "/account/tokens", "/account/signout",
            $"/networks/{network}", $"/networks/{network}/overview", $"/networks/{network}/matching",
            $"/networks/{network}/practices", $"/networks/{network}/cycles",
            $"/cities/{city}", $"/rounds/{round}", $"/rounds/{round}/profile", $"/rounds/{round}/ecosystem",
            $"/rounds/{round}/methodology", $"/rounds/{round}/questionnaires", $"/rounds/{round}/sheets/CCI",
        ];

        var failures = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                await PageChecks.OpenAsync(page, $"{path}?lang={language}");
                await PageChecks.AssertNoHorizontalPageScrollAsync(page);
                await PageChecks.AssertWideTablesScrollInTheirOwnContainerAsync(page);
                await PageChecks.AssertAccessibleAsync(page);
            }
            catch (Exception error) when (error is Xunit.Sdk.IAssertionException)
            {
                failures.Add($"{path}: {error.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {paths.Length} pages fail at 390 px in '{language}':\n\n" + string.Join("\n\n", failures));
    }
}
