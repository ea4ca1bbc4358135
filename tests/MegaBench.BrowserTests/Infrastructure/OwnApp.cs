using System.Net;
using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Infrastructure;

/// <summary>
/// An app of a test's own, for a browser test that changes data other tests read: served by Kestrel on a loopback
/// port, with an administrator of every network to sign in as.
/// </summary>
public static class OwnApp
{
    public const string Email = "coordinator@example.org";
    public const string Password = "a long enough password for the test";

    /// <summary>Starts the app and makes the administrator account; returns the app's address.</summary>
    public static async Task<Uri> StartAsync(MegaBenchAppFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await CreateAccountAsync(factory, Email, new RoleAssignment { UserId = "", Role = AccountRole.NetworkAdministrator }, "Coordinator");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>An account with one role and the test password, made through Identity as the people pages make it.</summary>
    public static async Task CreateAccountAsync(MegaBenchAppFactory factory, string email, RoleAssignment role, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(role);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = displayName ?? email };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        role.UserId = user.Id;
        db.RoleAssignments.Add(role);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Signs in through the form (as the administrator unless told whom); returns once the app has sent the browser on.</summary>
    public static async Task SignInAsync(IPage page, Uri baseAddress, string email = Email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await PageChecks.OpenAsync(page, $"{baseAddress}account/signin");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        // Leaving the sign-in page is the sign-in; the page it lands on need not finish loading (the test opens its own
        // next, and on a loaded machine waiting for "load" of the landing page timed out once).
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
    }
}
