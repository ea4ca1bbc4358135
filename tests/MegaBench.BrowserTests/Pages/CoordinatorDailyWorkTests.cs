using MegaBench.Accounts;
using MegaBench.BrowserTests.Infrastructure;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Pages;

/// <summary>
/// A coordinator's day (issue 13): landing on "my work", starting a round from the last one with its answers carried
/// over, and publishing through the summary. It changes data, so it runs its own app beside the shared one.
/// The respondent's save status, with and without scripts, runs on the shared app's own test organisations.
/// </summary>
public sealed class CoordinatorDailyWorkTests(LiveApp app)
{
    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [Fact]
    public async Task A_coordinator_lands_on_my_work_starts_a_round_from_the_last_and_publishes_it_through_the_summary()
    {
        await using var context = await app.NewContextAsync(width: 1366, height: 900);
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var baseAddress = await OwnApp.StartAsync(factory);
        int cityId;
        await using (var db = database.NewContext())
        {
            cityId = await db.Cities.Where(c => c.Network!.IsDemo).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        }

        var page = await context.NewPageAsync();
        await OwnApp.SignInAsync(page, baseAddress);

        // Signing in lands on "my work".
        Assert.EndsWith("/my-work", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("h1").CountAsync());
        await PageChecks.AssertAccessibleAsync(page);

        // A new round from the latest, with the answers as a starting point.
        await PageChecks.OpenAsync(page, $"{baseAddress}cities/{cityId}/rounds/new?year=2031");
        await page.Locator("#Input_CopyAnswers").CheckAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/rounds/new", StringComparison.Ordinal));
        await Expect(page.Locator(".notice")).ToContainTextAsync("carried over from");
        var roundUrl = page.Url;

        // Its sheets mark the carried answers.
        await page.Locator("a[href*='/sheets/']").First.ClickAsync();
        await Expect(page.Locator(".carried-notice")).ToBeVisibleAsync();
        Assert.True(await page.Locator("td.answer .carried").CountAsync() > 0);

        // The round appears on "my work" with its next step.
        await PageChecks.OpenAsync(page, $"{baseAddress}my-work");
        await Expect(page.Locator("table.my-rounds tbody tr").Filter(new() { HasText = "2031" })).ToHaveCountAsync(1);

        // Publishing shows the summary first; nothing changes until it is confirmed.
        await page.GotoAsync(roundUrl);
        await page.Locator("#NewStatus").SelectOptionAsync("Published");
        await page.Locator("form[action*='handler=Status'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/publish", StringComparison.Ordinal));
        await Expect(page.Locator("table.publish-coverage tbody tr").First).ToBeVisibleAsync();
        await Expect(page.Locator("ul.not-submitted li").First).ToBeVisibleAsync();
        await PageChecks.AssertAccessibleAsync(page);
        await using (var db = database.NewContext())
        {
            Assert.Equal(RoundStatus.Open, (await db.Rounds.SingleAsync(r => r.CityId == cityId && r.Year == 2031, TestContext.Current.CancellationToken)).Status);
        }

        await page.Locator("form.confirm-publish button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/publish", StringComparison.Ordinal));
        await Expect(page.Locator(".status").First).ToHaveTextAsync("Published");
    }

    [Fact]
    public async Task A_city_coordinator_sees_only_their_city_and_a_network_administrator_sees_every_city_and_the_overview()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var context = await app.NewContextAsync(width: 1366, height: 900);
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var baseAddress = await OwnApp.StartAsync(factory);
        int networkId;
        string[] cityNames;
        await using (var db = database.NewContext())
        {
            // A round in progress for each of the first two demo cities, with one organisation each.
            var cities = await db.Cities.Where(c => c.Network!.IsDemo).OrderBy(c => c.Id).Take(2)
                .Include(c => c.Rounds).ThenInclude(r => r.Organisations).ToListAsync(ct);
            networkId = cities[0].NetworkId;
            cityNames = [.. cities.Select(c => c.Name)];
            foreach (var city in cities)
            {
                var latest = city.Rounds.OrderByDescending(r => r.Year).First();
                var round = new Round { CityId = city.Id, Year = 2031, StoredFrameworkId = latest.StoredFrameworkId, Status = RoundStatus.Open, CreatedAt = DateTimeOffset.UtcNow };
                var model = latest.Organisations.OrderBy(o => o.Id).First();
                round.Organisations.Add(new Organisation { Name = model.Name, GroupCode = model.GroupCode, Kind = model.Kind });
                db.Rounds.Add(round);
            }

            await db.SaveChangesAsync(ct);
            await OwnApp.CreateAccountAsync(factory, "city@example.org", new RoleAssignment { UserId = "", Role = AccountRole.CityCoordinator, CityId = cities[0].Id });
        }

        // The coordinator of the first city lands on "my work" and sees that city's round only.
        var coordinator = await context.NewPageAsync();
        await OwnApp.SignInAsync(coordinator, baseAddress, "city@example.org");
        Assert.EndsWith("/my-work", new Uri(coordinator.Url).AbsolutePath, StringComparison.Ordinal);
        var rows = coordinator.Locator("table.my-rounds tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(cityNames[0]);
        await Expect(rows.First).ToContainTextAsync("2031");
        await Expect(coordinator.Locator("main")).Not.ToContainTextAsync(cityNames[1]);
        await PageChecks.AssertAccessibleAsync(coordinator);

        // The network administrator sees both cities' rounds, and the same progress on the network overview.
        await using var adminContext = await app.NewContextAsync(width: 1366, height: 900);
        var admin = await adminContext.NewPageAsync();
        await OwnApp.SignInAsync(admin, baseAddress);
        Assert.EndsWith("/my-work", new Uri(admin.Url).AbsolutePath, StringComparison.Ordinal);
        foreach (var name in cityNames)
        {
            await Expect(admin.Locator("table.my-rounds tbody tr").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        }

        await PageChecks.OpenAsync(admin, $"{baseAddress}networks/{networkId}/overview");
        foreach (var name in cityNames)
        {
            await Expect(admin.Locator("table.my-rounds tbody tr").Filter(new() { HasText = name })).ToHaveCountAsync(1);
        }

        await PageChecks.AssertAccessibleAsync(admin);
    }

    [Fact]
    public async Task My_work_and_the_publishing_summary_read_on_a_phone_in_French()
    {
        await using var context = await app.NewContextAsync(width: 390, height: 844);
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var baseAddress = await OwnApp.StartAsync(factory);
        int cityId;
        await using (var db = database.NewContext())
        {
            cityId = await db.Cities.Where(c => c.Network!.IsDemo).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        }

        var page = await context.NewPageAsync();
        await OwnApp.SignInAsync(page, baseAddress);
        await PageChecks.OpenAsync(page, $"{baseAddress}cities/{cityId}/rounds/new?year=2031&lang=fr");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/rounds/new", StringComparison.Ordinal));
        var roundId = new Uri(page.Url).Segments[^1].Trim('/');

        foreach (var path in new[] { "my-work", $"rounds/{roundId}/publish", $"cities/{cityId}/rounds/new" })
        {
            await PageChecks.OpenAsync(page, $"{baseAddress}{path}");
            Assert.Equal("fr", await page.Locator("html").GetAttributeAsync("lang"));
            await PageChecks.AssertNoHorizontalPageScrollAsync(page);
            await PageChecks.AssertAccessibleAsync(page);
        }
    }

    [Fact]
    public async Task With_scripts_each_statement_says_it_is_saved_and_the_status_stays_in_view()
    {
        await using var context = await app.NewContextAsync(width: 390, height: 700);
        var link = await app.InviteAsync();
        var page = await context.NewPageAsync();
        await PageChecks.OpenAsync(page, link);
        Assert.Equal(0, await page.Locator("header nav[aria-label=Main]").CountAsync());

        var last = page.Locator("fieldset.statement").Last;
        await last.ScrollIntoViewIfNeededAsync();
        await last.Locator("input[data-role=value][value=Yes]").CheckAsync();

        await Expect(last.Locator(".statement-status.statement-saved")).ToHaveTextAsync("Saved");
        await Expect(page.Locator("#save-status")).ToContainTextAsync("Saved at");
        await Expect(page.Locator("#save-status")).ToBeInViewportAsync();
        await PageChecks.AssertAccessibleAsync(page);
    }

    [Fact]
    public async Task Without_scripts_the_confirmation_of_a_save_is_in_view()
    {
        await using var context = await app.NewContextAsync(width: 390, height: 700, javaScript: false);
        var link = await app.InviteAsync();
        var page = await context.NewPageAsync();
        await PageChecks.OpenAsync(page, link);

        var stage = page.Locator("section.answer-stage").Last;
        await stage.Locator("input[data-role=value][value=No]").First.CheckAsync();
        await stage.Locator("button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("-saved", StringComparison.Ordinal));
        var notice = stage.Locator(".stage-saved");
        Assert.Equal("1 answer was saved.", (await notice.TextContentAsync())!.Trim());
        // Without scripts the page can run none, so the check reads the layout from the browser: the notice lies
        // within the 700-pixel-high window the address scrolled to.
        var box = await notice.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.InRange(box.Y, 0, 700 - box.Height);
    }
}
