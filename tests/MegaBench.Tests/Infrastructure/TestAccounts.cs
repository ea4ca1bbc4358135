using System.Net;
using MegaBench.Accounts;
using MegaBench.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Infrastructure;

/// <summary>A role to give a test account: <c>TestRole.CoordinatorOf(cityId)</c>.</summary>
public sealed record TestRole(AccountRole Role, int? NetworkId = null, int? CityId = null)
{
    public static TestRole AdministratorOfEveryNetwork { get; } = new(AccountRole.NetworkAdministrator);

    public static TestRole AdministratorOf(int networkId) => new(AccountRole.NetworkAdministrator, NetworkId: networkId);

    public static TestRole CoordinatorOf(int cityId) => new(AccountRole.CityCoordinator, CityId: cityId);
}

/// <summary>
/// Accounts for tests: created straight in the database through Identity (as <c>megabench admin create</c>
/// does), then signed in through the real sign-in form, so that the client holds a real session cookie.
/// </summary>
public static class TestAccounts
{
    public const string Password = "correct horse battery staple";

    /// <summary>Creates an account with a password and the given roles; returns its id.</summary>
    public static async Task<string> CreateAsync(TestDatabase database, string email, params TestRole[] roles)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMegaBenchDatabase(database.Options);
        AccountSetup.AddAccountsCore(services);
        services.UseTestPasswordHashing();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email.Split('@')[0] };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        foreach (var role in roles)
        {
            db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = role.Role, NetworkId = role.NetworkId, CityId = role.CityId });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return user.Id;
    }

    /// <summary>Posts the sign-in form and checks that it signed in (a redirect away from the sign-in page).</summary>
    public static async Task SignInAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.SubmitFormAsync("/account/signin", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}: {(await HtmlForms.ParseAsync(response)).QuerySelector("main")?.TextContent.Trim()}");
    }

    /// <summary>Creates an account with <paramref name="roles"/> and signs the client in with it; returns its e-mail.</summary>
    public static async Task<string> SignInAsAsync(this HttpClient client, TestDatabase database, params TestRole[] roles)
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        await CreateAsync(database, email, roles);
        await client.SignInAsync(email);
        return email;
    }

    /// <summary>A browser (cookies, no automatic redirects) signed in as an administrator of every network.</summary>
    public static async Task<HttpClient> CreateAdministratorBrowserAsync(this MegaBenchAppFactory factory)
    {
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(factory.Database, TestRole.AdministratorOfEveryNetwork);
        return client;
    }
}
