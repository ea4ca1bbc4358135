using System.Net;
using MegaBench.Accounts;
using MegaBench.BrowserTests.Infrastructure;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Deployment;

/// <summary>
/// Two instances of the app on different ports sharing one PostgreSQL database, as behind a load balancer without
/// sticky sessions: what one instance issues (the sign-in cookie, antiforgery tokens) the other must honour,
/// because the data-protection keys are in the database. Needs PostgreSQL (MEGABENCH_TEST_POSTGRES).
/// </summary>
public sealed class TwoInstancesTests
{
    private const string Email = "two-instances@example.org";
    private const string Password = "two instances share one database";

    [Fact]
    public async Task A_browser_signed_in_on_one_instance_is_signed_in_on_the_other_and_its_forms_post_there()
    {
        var chromium = BrowserEnvironment.RequireChromium();
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using var first = new MegaBenchAppFactory(database);
        var firstAddress = Start(first);
        await using var second = new MegaBenchAppFactory(database);
        var secondAddress = Start(second);
        Assert.NotEqual(firstAddress, secondAddress);
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountSetup>()
                .CreateAdministratorAsync(Email, Password, "Two instances", TestContext.Current.CancellationToken);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = LiveApp.ChromiumArgs,
            Timeout = 60_000,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await context.NewPageAsync();

        // Sign in on the first instance, through its form.
        await page.GotoAsync(new Uri(firstAddress, "/account/signin").ToString());
        await page.Locator("input[name='Input.Email']").FillAsync(Email);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.Locator("form.form [type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain("/account/signin", page.Url, StringComparison.Ordinal);

        // The second instance reads the first's cookie: a page for signed-in people opens instead of the sign-in form.
        var tokensOnSecond = await page.GotoAsync(new Uri(secondAddress, "/account/tokens").ToString());
        Assert.Equal((int)HttpStatusCode.OK, tokensOnSecond!.Status);
        Assert.StartsWith(new Uri(secondAddress, "/account/tokens").ToString(), page.Url, StringComparison.Ordinal);

        // A form (and its antiforgery token) from the first instance, posted to the second, with the browser's cookies.
        await page.GotoAsync(new Uri(firstAddress, "/account/tokens").ToString());
        var antiforgery = await page.Locator("form.create-token input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        Assert.False(string.IsNullOrEmpty(antiforgery), "The token form on the first instance has no antiforgery token.");
        var posted = await context.APIRequest.PostAsync(new Uri(secondAddress, "/account/tokens?handler=Create").ToString(), new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData()
                .Set("__RequestVerificationToken", antiforgery!)
                .Set("Name", "made across instances")
                .Set("Expires", ""),
            MaxRedirects = 0,
        });
        var body = await posted.TextAsync();

        Assert.Equal((int)HttpStatusCode.OK, posted.Status);
        Assert.Contains("mbt_", body, StringComparison.Ordinal);
    }

    /// <summary>Starts the factory's app on Kestrel on a free loopback port; returns its address.</summary>
    private static Uri Start(MegaBenchAppFactory factory)
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The app started but Kestrel reports no address.");
        return new Uri(address);
    }
}
