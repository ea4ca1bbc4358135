using System.Net;
using MegaBench.Accounts;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Account;

public sealed class AccountPagesTests
{
    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.SubmitFormAsync("/account/signin", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = password });

    private static async Task<string> SummaryAsync(HttpResponseMessage response) =>
        (await HtmlForms.ParseAsync(response)).QuerySelector(".error-summary")?.TextContent ?? "";

    [Fact]
    public async Task Unknown_email_and_wrong_password_get_the_same_message()
    {
        await using var database = await TestDatabase.CreateAsync();
        await TestAccounts.CreateAsync(database, "ada@example.org", TestRole.AdministratorOfEveryNetwork);
        await using var factory = new MegaBenchAppFactory(database);

        var unknown = await SignInAsync(factory.CreateBrowser(), "nobody@example.org", TestAccounts.Password);
        var wrong = await SignInAsync(factory.CreateBrowser(), "ada@example.org", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains(SignInModel.FailureMessage, await SummaryAsync(unknown), StringComparison.Ordinal);
        Assert.Equal(await SummaryAsync(unknown), await SummaryAsync(wrong));
        // A failed sign-in saved nothing, and says so in its own words: "Nothing was saved" belongs to forms that save.
        Assert.StartsWith("You are not signed in", (await SummaryAsync(unknown)).Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("Nothing was saved", await SummaryAsync(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        await using var database = await TestDatabase.CreateAsync();
        await TestAccounts.CreateAsync(database, "ada@example.org", TestRole.AdministratorOfEveryNetwork);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(client, "ada@example.org", "a wrong password " + i);
        }

        var right = await SignInAsync(client, "ada@example.org", TestAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains(SignInModel.FailureMessage, await SummaryAsync(right), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.True((await db.Users.SingleAsync(TestContext.Current.CancellationToken)).LockoutEnd > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        await using var database = await TestDatabase.CreateAsync();
        await TestAccounts.CreateAsync(database, "ada@example.org", TestRole.AdministratorOfEveryNetwork);
        await using var factory = new MegaBenchAppFactory(database);

        var local = await factory.CreateBrowser().SubmitFormAsync("/account/signin?ReturnUrl=%2Fframeworks", new Dictionary<string, string?> { ["Input.Email"] = "ada@example.org", ["Input.Password"] = TestAccounts.Password });
        var foreign = await factory.CreateBrowser().SubmitFormAsync("/account/signin?ReturnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string?> { ["Input.Email"] = "ada@example.org", ["Input.Password"] = TestAccounts.Password });

        Assert.Equal("/frameworks", local.Headers.Location!.OriginalString);
        Assert.Equal("/my-work", foreign.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_out_asks_first_and_only_its_form_signs_out()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);

        var asked = await client.GetAsync(new Uri("/account/signout", UriKind.Relative), TestContext.Current.CancellationToken);
        var stillSignedIn = await client.GetAsync(new Uri("/account/password", UriKind.Relative), TestContext.Current.CancellationToken);
        var visitor = await factory.CreateBrowser().GetAsync(new Uri("/account/signout", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var form = (await HtmlForms.ParseAsync(asked)).QuerySelector("main form[method=post]");
        Assert.NotNull(form);
        Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, visitor.StatusCode);
        var visitorPage = await HtmlForms.ParseAsync(visitor);
        Assert.Null(visitorPage.QuerySelector("main form"));
        Assert.Contains("You are not signed in.", visitorPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_for_an_old_copy_of_the_cookie_too()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (client, cookies) = BrowserWithCookies(factory);
        await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var stolen = SessionCookie(cookies);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(factory, stolen, "/account/password")).StatusCode);

        var signOut = await client.SubmitFormAsync("/account/signout", new Dictionary<string, string?>());

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var replay = await GetWithCookieAsync(factory, stolen, "/account/password");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/account/signin", replay.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_ends_other_sessions_and_keeps_this_one()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (client, cookies) = BrowserWithCookies(factory);
        var email = await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var other = SessionCookie(cookies);

        var change = await client.SubmitFormAsync("/account/password", new Dictionary<string, string?>
        {
            ["Input.CurrentPassword"] = TestAccounts.Password,
            ["Input.NewPassword"] = "a brand new passphrase",
            ["Input.Confirmation"] = "a brand new passphrase",
        });

        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/password", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await GetWithCookieAsync(factory, other, "/account/password")).StatusCode);
        await factory.CreateBrowser().SignInAsync(email, "a brand new passphrase");
    }

    [Fact]
    public async Task A_valid_session_is_checked_on_each_request_without_issuing_a_new_cookie_each_time()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);

        var page = await client.GetAsync(new Uri("/account/password", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain(page.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("MegaBench.Session=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_shows_the_display_name_the_account_has_now()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var email = await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        await using (var db = database.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email, TestContext.Current.CancellationToken);
            user.DisplayName = "Ada Renamed";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await client.GetDocumentAsync("/");
        var again = await client.GetDocumentAsync("/");

        Assert.Contains("Ada Renamed", page.QuerySelector(".account")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ada Renamed", again.QuerySelector(".account")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_of_a_deleted_account_ends()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (client, cookies) = BrowserWithCookies(factory);
        var email = await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var cookie = SessionCookie(cookies);
        await using (var db = database.NewContext())
        {
            db.Users.Remove(await db.Users.SingleAsync(u => u.Email == email, TestContext.Current.CancellationToken));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var replay = await GetWithCookieAsync(factory, cookie, "/account/password");

        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.StartsWith("/account/signin", replay.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_issued_by_one_instance_is_accepted_by_another_sharing_the_database()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = new MegaBenchAppFactory(database);
        var (client, cookies) = BrowserWithCookies(first);
        var email = await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var cookie = SessionCookie(cookies);

        await using var second = new MegaBenchAppFactory(database);
        var page = await GetWithCookieAsync(second, cookie, "/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(email.Split('@')[0], (await HtmlForms.ParseAsync(page)).QuerySelector(".account")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_role_taken_or_given_through_one_instance_counts_at_the_next_request_on_another()
    {
        // The grants are read with the session on every request (SessionValidator), never kept from an earlier one.
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(MegaBench.Rounds.RoundStatus.Open).Minimal().BuildAsync(database);
        await using var a = new MegaBenchAppFactory(database);
        await using var b = new MegaBenchAppFactory(database);
        var coordinator = b.CreateBrowser();
        var email = await coordinator.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var path = new Uri($"/rounds/{round.RoundId}/profile", UriKind.Relative);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(path, Ct)).StatusCode);

        async Task ChangeRoleAsync(bool give)
        {
            await using var scope = a.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MegaBench.Data.MegaBenchDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            if (give)
            {
                db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = AccountRole.CityCoordinator, CityId = round.CityId });
            }
            else
            {
                db.RoleAssignments.RemoveRange(await db.RoleAssignments.Where(r => r.UserId == user.Id).ToListAsync(Ct));
            }

            await db.SaveChangesAsync(Ct);
        }

        await ChangeRoleAsync(give: false);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(path, Ct)).StatusCode);
        await ChangeRoleAsync(give: true);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync(path, Ct)).StatusCode);
    }

    [Fact]
    public async Task The_setup_code_creates_the_first_administrator_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        string code;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            code = (await scope.ServiceProvider.GetRequiredService<AccountSetup>().IssueSetupCodeAsync(TestContext.Current.CancellationToken))!;
        }

        var fields = new Dictionary<string, string?> { ["Input.Code"] = code, ["Input.Email"] = "first@example.org", ["Input.Password"] = TestAccounts.Password };
        var created = await factory.CreateBrowser().SubmitFormAsync("/setup", fields);
        var again = await factory.CreateBrowser().GetDocumentAsync("/setup");

        Assert.Equal("/account/signin", created.Headers.Location!.OriginalString);
        Assert.Contains("Setup is done", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(again.QuerySelectorAll("main form"));
        await factory.CreateBrowser().SignInAsync("first@example.org");
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Users.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_invited_coordinator_sets_a_password_through_the_link_once_and_edits_only_their_city()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mine = await new RoundBuilder().InNetwork("North").ForCity("Aville").BuildAsync(database);
        var theirs = await new RoundBuilder().InNetwork("South").ForCity("Zville").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var admin = factory.CreateBrowser();
        await admin.SignInAsAsync(database, TestRole.AdministratorOf(mine.NetworkId));

        var invite = await admin.SubmitFormAsync("/admin/people/invite", new Dictionary<string, string?>
        {
            ["Input.Email"] = "claire@example.org",
            ["Input.DisplayName"] = "Claire",
            ["Input.CityIds"] = $"{mine.CityId}",
        });
        var link = new Uri((await HtmlForms.ParseAsync(invite)).QuerySelector(".one-time-link code")!.TextContent.Trim());
        var invitee = factory.CreateBrowser();
        var set = await invitee.SubmitFormAsync(link.PathAndQuery, new Dictionary<string, string?> { ["Input.NewPassword"] = "claire's long passphrase", ["Input.Confirmation"] = "claire's long passphrase" });
        var reused = await factory.CreateBrowser().GetDocumentAsync(link.PathAndQuery);
        await invitee.SignInAsync("claire@example.org", "claire's long passphrase");

        Assert.Equal("/account/signin", set.Headers.Location!.OriginalString);
        Assert.Contains(SetPasswordModel.InvalidLinkMessage, reused.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync(new Uri($"/cities/{mine.CityId}/edit", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await invitee.GetAsync(new Uri($"/cities/{theirs.CityId}/edit", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await invitee.GetAsync(new Uri("/admin/people", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_of_one_network_cannot_assign_a_city_of_another()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mine = await new RoundBuilder().InNetwork("North").ForCity("Aville").BuildAsync(database);
        var theirs = await new RoundBuilder().InNetwork("South").ForCity("Zville").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var admin = factory.CreateBrowser();
        await admin.SignInAsAsync(database, TestRole.AdministratorOf(mine.NetworkId));

        var response = await admin.SubmitFormAsync("/admin/people/invite", new Dictionary<string, string?>
        {
            ["Input.Email"] = "claire@example.org",
            ["Input.CityIds"] = $"{theirs.CityId}",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not in a network you administer", (await HtmlForms.ParseAsync(response)).GetElementById("Input_CityIds-error")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "claire@example.org", TestContext.Current.CancellationToken));
    }

    /// <summary>A browser like <see cref="HtmlForms.CreateBrowser"/> (cookies, no automatic redirects) whose cookie jar the test can read.</summary>
    private static (HttpClient Client, CookieContainer Cookies) BrowserWithCookies(MegaBenchAppFactory factory)
    {
        var handler = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        return (factory.CreateDefaultClient(factory.ClientOptions.BaseAddress, handler), handler.Container);
    }

    /// <summary>The session cookie the browser holds now, as a Cookie header value (a copy someone could replay).</summary>
    private static string SessionCookie(CookieContainer cookies)
    {
        var cookie = cookies.GetAllCookies().FirstOrDefault(c => c.Name == "MegaBench.Session");
        Assert.NotNull(cookie);
        return $"{cookie.Name}={cookie.Value}";
    }

    private static Task<HttpResponseMessage> GetWithCookieAsync(MegaBenchAppFactory factory, string cookie, string url)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
