using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Privacy;

public sealed class PersonalDataPageTests
{
    [Fact]
    public async Task An_administrator_downloads_a_persons_data_as_JSON()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var coordinatorId = await TestAccounts.CreateAsync(database, "ines@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var admin = await factory.CreateAdministratorBrowserAsync();

        var page = await admin.GetDocumentAsync($"/admin/people/{coordinatorId}/data");
        var download = await admin.GetAsync(new Uri(page.QuerySelector("a[download]")!.GetAttribute("href")!, UriKind.Relative), TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("ines@example.org", json.RootElement.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("CityCoordinator", json.RootElement.GetProperty("roles")[0].GetProperty("role").GetString());
    }

    [Fact]
    public async Task After_erasure_the_person_cannot_sign_in_and_the_history_shows_the_pseudonym()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var organisationId = round.Organisations["Alpha"];
        await using var factory = new MegaBenchAppFactory(database);
        var coordinator = factory.CreateBrowser();
        var email = await coordinator.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var form = await coordinator.GetDocumentAsync($"/organisations/{organisationId}/answers");
        var prefix = form.QuerySelector<IHtmlInputElement>("input[type=hidden][value='AAA-1.01']")!.Name![..^".Code".Length];
        await coordinator.FollowAsync(await coordinator.SubmitAsync(HtmlForms.FindForm(form), new Dictionary<string, string?> { [$"{prefix}.Value"] = "Yes" }));
        string coordinatorId;
        await using (var db = database.NewContext())
        {
            coordinatorId = (await db.Users.SingleAsync(u => u.Email == email, TestContext.Current.CancellationToken)).Id;
        }

        var admin = await factory.CreateAdministratorBrowserAsync();
        var refused = await admin.SubmitFormAsync($"/admin/people/{coordinatorId}/data", new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Tick the box", (await HtmlForms.ParseAsync(refused)).FieldError("Confirm"), StringComparison.Ordinal);
        var erased = await admin.SubmitFormAsync($"/admin/people/{coordinatorId}/data", new Dictionary<string, string?> { ["Confirm"] = "true" });
        var people = await admin.FollowAsync(erased);

        var notice = people.QuerySelector(".notice")!.TextContent;
        Assert.Contains($"The data of {email} was erased", notice, StringComparison.Ordinal);
        var pseudonym = notice.Split('"')[1];
        Assert.StartsWith("erased person ", pseudonym, StringComparison.Ordinal);
        Assert.DoesNotContain(email, people.QuerySelector("main table")?.TextContent ?? "", StringComparison.Ordinal);

        // The old session ends, and the password no longer opens the account.
        var stale = await coordinator.GetAsync(new Uri($"/organisations/{organisationId}/answers", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        var signIn = await factory.CreateBrowser().SubmitFormAsync("/account/signin", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        var history = await admin.GetDocumentAsync($"/organisations/{organisationId}/answers/AAA-1.01/history");
        var actors = history.QuerySelectorAll("table.history tbody tr").Select(r => r.Children[1].TextContent.Trim()).ToList();
        Assert.Equal(pseudonym, actors[^1]);
        Assert.DoesNotContain(actors, a => a.Contains(email.Split('@')[0], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_network_administrator_may_not_erase_someone_with_a_role_elsewhere()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mine = await new RoundBuilder().InNetwork("Mine").BuildAsync(database);
        var theirs = await new RoundBuilder().InNetwork("Theirs").BuildAsync(database);
        var personId = await TestAccounts.CreateAsync(database, "both@example.org", TestRole.CoordinatorOf(mine.CityId), TestRole.CoordinatorOf(theirs.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var admin = factory.CreateBrowser();
        await admin.SignInAsAsync(database, TestRole.AdministratorOf(mine.NetworkId));

        var response = await admin.GetAsync(new Uri($"/admin/people/{personId}/data", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var db = database.NewContext();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == personId, TestContext.Current.CancellationToken)).ErasedAt);
    }
}
