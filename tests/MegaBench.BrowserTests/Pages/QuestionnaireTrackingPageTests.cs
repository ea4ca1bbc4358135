using System.Net;
using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.BrowserTests.Infrastructure;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Pages;

/// <summary>
/// The coordinator's questionnaire tracking page of a demo round, signed in, in English and French, before and
/// after issuing links. It changes data (an account, links), so it runs its own app beside the shared one and
/// borrows only the shared browser.
/// </summary>
public sealed class QuestionnaireTrackingPageTests(LiveApp app)
{
    private const string Email = "coordinator@example.org";
    private const string Password = "a long enough password for the test";

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

    /// <summary>Starts the app on a loopback port, with an administrator of every network; returns its address and a demo round.</summary>
    private static async Task<(Uri BaseAddress, int RoundId)> StartAsync(MegaBenchAppFactory factory, TestDatabase database)
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = Email, Email = Email, DisplayName = "Coordinator" };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = AccountRole.NetworkAdministrator });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var check = database.NewContext();
        var roundId = await check.Rounds.Where(r => r.City!.Network!.IsDemo).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(TestContext.Current.CancellationToken);
        return (new Uri(address.EndsWith('/') ? address : address + "/"), roundId);
    }

    private static async Task SignInAsync(IPage page, Uri baseAddress)
    {
        await PageChecks.OpenAsync(page, $"{baseAddress}account/signin");
        await page.FillAsync("input[name='Input.Email']", Email);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
    }
}
