using System.Net;
using MegaBench.Networks;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(MegaBench.BrowserTests.Infrastructure.LiveApp))]

namespace MegaBench.BrowserTests.Infrastructure;

/// <summary>
/// The real app on a loopback port (Kestrel, not the in-memory test server, so that a real browser can
/// reach it), on its own <see cref="TestDatabase"/> with the demo network, and one headless Chromium.
/// </summary>
/// <remarks>
/// Shared by every browser test, because starting a server and a browser takes seconds. Tests that share it
/// only read: each gets its own browser context (no shared cookies), and a test that changes data builds
/// its own <see cref="MegaBenchAppFactory"/>. Nothing starts until a test asks for a page, so a machine
/// without Chromium skips (or, under CI, fails) each test with the reason instead of failing the fixture.
/// </remarks>
public sealed class LiveApp : IAsyncDisposable
{
    // Without the networking flags Chromium tries to reach Google's services at every start, which a
    // closed network refuses; --no-sandbox because CI runs as root, where the sandbox cannot start.
    internal static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private TestDatabase? _database;
    private MegaBenchAppFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The app's address, e.g. <c>http://127.0.0.1:41234/</c>; set once a page was asked for.</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>A fresh browser context (its own cookies) whose pages resolve relative URLs against the app.</summary>
    /// <param name="javaScript">False for a browser without scripts, as some respondents have.</param>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, bool javaScript = true)
    {
        var chromium = BrowserEnvironment.RequireChromium();
        var browser = await EnsureStartedAsync(chromium);
        return await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress!.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            JavaScriptEnabled = javaScript,
        });
    }

    /// <summary>The first round of the demo network that the app loaded at start-up.</summary>
    public async Task<int> DemoRoundIdAsync()
    {
        Assert.True(_database is not null, "Ask for a browser context first: it starts the app.");
        await using var db = _database.NewContext();
        var roundId = await db.Rounds
            .Where(r => r.City!.Network!.IsDemo)
            .OrderBy(r => r.Id)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(TestContext.Current.CancellationToken);
        Assert.True(roundId is not null, "The app did not load the demo network at start-up (Demo:LoadOnStartup=true), so there is no demo round to browse.");
        return roundId.Value;
    }

    /// <summary>
    /// A new organisation of <paramref name="groupCode"/> with a questionnaire link, in an open round of a network of
    /// its own (not the demo's, which the other tests read): tests that answer questionnaires change only their own
    /// organisation. Returns the link's address, e.g. <c>/q/mbq_…</c>.
    /// </summary>
    public async Task<string> InviteAsync(string groupCode = "CCI")
    {
        await EnsureStartedAsync(BrowserEnvironment.RequireChromium());
        var ct = TestContext.Current.CancellationToken;
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = _database!.NewContext();
            var round = await db.Rounds.SingleOrDefaultAsync(r => r.City!.Network!.Name == QuestionnaireNetwork, ct);
            if (round is null)
            {
                var framework = await db.Rounds.Where(r => r.City!.Network!.IsDemo).Select(r => r.StoredFrameworkId).FirstAsync(ct);
                var city = new City { Name = "Testbourg", Country = "France", Network = new Network { Name = QuestionnaireNetwork } };
                round = new Round { City = city, Year = 2026, StoredFrameworkId = framework, Status = RoundStatus.Open, CreatedAt = DateTimeOffset.UtcNow };
                db.Rounds.Add(round);
                await db.SaveChangesAsync(ct);
            }

            var organisation = new Organisation { RoundId = round.Id, Name = $"Browser test organisation {Guid.NewGuid():N}"[..40], GroupCode = groupCode };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(ct);
            var (_, token) = await Questionnaire.IssueInvitationAsync(db, organisation.Id, DateTimeOffset.UtcNow.AddDays(30), "browser tests", ct);
            return $"/q/{token}";
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads the shared app's database (to find the demo's ids); never write through it.</summary>
    public async Task<T> ReadAsync<T>(Func<MegaBench.Data.MegaBenchDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureStartedAsync(BrowserEnvironment.RequireChromium());
        await using var db = _database!.NewContext();
        return await query(db);
    }

    /// <summary>
    /// Signs <paramref name="page"/>'s context in through the sign-in form as a network administrator of the shared
    /// app, the account made on first use. Administrators see every page of the demo, and change nothing by looking.
    /// </summary>
    public async Task SignInAsAdministratorAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await EnsureStartedAsync(BrowserEnvironment.RequireChromium());
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!_administratorMade)
            {
                await using var scope = _factory!.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<MegaBench.Accounts.AppUser>>();
                var user = new MegaBench.Accounts.AppUser { UserName = AdministratorEmail, Email = AdministratorEmail, DisplayName = "Browser administrator" };
                var created = await users.CreateAsync(user, AdministratorPassword);
                Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
                var db = scope.ServiceProvider.GetRequiredService<MegaBench.Data.MegaBenchDbContext>();
                db.RoleAssignments.Add(new MegaBench.Accounts.RoleAssignment { UserId = user.Id, Role = MegaBench.Accounts.AccountRole.NetworkAdministrator });
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                _administratorMade = true;
            }
        }
        finally
        {
            _gate.Release();
        }

        await PageChecks.OpenAsync(page, "/account/signin");
        await page.FillAsync("input[name='Input.Email']", AdministratorEmail);
        await page.FillAsync("input[name='Input.Password']", AdministratorPassword);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
    }

    private const string AdministratorEmail = "browser-administrator@example.org";
    private const string AdministratorPassword = "Browser-administrator-2026";
    private bool _administratorMade;

    private const string QuestionnaireNetwork = "Questionnaire browser tests";

    /// <summary>The demo network that the app loaded at start-up.</summary>
    public async Task<int> DemoNetworkIdAsync()
    {
        Assert.True(_database is not null, "Ask for a browser context first: it starts the app.");
        await using var db = _database.NewContext();
        var networkId = await db.Networks
            .Where(n => n.IsDemo)
            .OrderBy(n => n.Id)
            .Select(n => (int?)n.Id)
            .FirstOrDefaultAsync(TestContext.Current.CancellationToken);
        Assert.True(networkId is not null, "The app did not load the demo network at start-up (Demo:LoadOnStartup=true).");
        return networkId.Value;
    }

    private async Task<IBrowser> EnsureStartedAsync(string chromium)
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is not null)
            {
                return _browser;
            }

            _database = await TestDatabase.CreateAsync();
            _factory = new MegaBenchAppFactory(_database, loadDemo: true);
            _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
            var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
            var address = addresses?.FirstOrDefault()
                ?? throw new InvalidOperationException("The app started but Kestrel reports no address to browse to.");
            BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");

            _playwright = await Playwright.CreateAsync();
            try
            {
                _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = chromium,
                    Headless = true,
                    Args = ChromiumArgs,
                    Timeout = 60_000,
                });
            }
            catch (PlaywrightException error)
            {
                throw new InvalidOperationException(
                    $"Chromium at '{chromium}' did not start: {error.Message} Check that it runs: '{chromium} --headless --no-sandbox --dump-dom about:blank'.",
                    error);
            }

            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _gate.Dispose();
    }
}
