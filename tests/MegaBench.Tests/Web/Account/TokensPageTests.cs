using System.Net;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;

namespace MegaBench.Tests.Web.Account;

public sealed class TokensPageTests
{
    [Fact]
    public async Task A_created_token_is_shown_once_and_reads_the_API_as_its_owner_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mine = await new RoundBuilder().ForCity("Ourtown").BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Othertown").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = factory.CreateBrowser();
        await browser.SignInAsAsync(database, TestRole.CoordinatorOf(mine.CityId));

        var created = await HtmlForms.ParseAsync(await browser.SubmitFormAsync("/account/tokens", new Dictionary<string, string?> { ["Name"] = "nightly export" }));
        var secret = created.GetElementById("new-token")!.GetAttribute("value")!;
        var later = await browser.GetDocumentAsync("/account/tokens");
        var script = factory.CreateClient();

        Assert.StartsWith("mbt_", secret, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, later.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var row = later.QuerySelector("table.tokens tbody tr")!;
        Assert.Equal("nightly export", row.Children[0].TextContent);
        Assert.Equal(secret[..10] + "…", row.Children[1].TextContent);
        Assert.Equal(HttpStatusCode.OK, (await ApiTokenPeople.GetAsync(script, $"/api/rounds/{mine.RoundId}", secret)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ApiTokenPeople.GetAsync(script, $"/api/rounds/{other.RoundId}", secret)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await script.GetAsync(new Uri($"/api/rounds/{mine.RoundId}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_token_is_refused_at_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(RoundStatus.Published).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = factory.CreateBrowser();
        await browser.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var created = await HtmlForms.ParseAsync(await browser.SubmitFormAsync("/account/tokens", new Dictionary<string, string?> { ["Name"] = "short-lived" }));
        var secret = created.GetElementById("new-token")!.GetAttribute("value")!;

        var page = await browser.FollowAsync(await browser.SubmitFormAsync("/account/tokens", new Dictionary<string, string?>(), "form.revoke-token"));

        Assert.StartsWith("Revoked", page.QuerySelector("table.tokens tbody tr")!.Children[5].TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiTokenPeople.GetAsync(factory.CreateClient(), $"/api/rounds/{round.RoundId}", secret)).StatusCode);
    }

    [Theory]
    [InlineData("", "2099-01-01", "Name", "Enter a name")]
    [InlineData("script", "2001-01-01", "Expires", "is in the past")]
    [InlineData("script", "tomorrow", "Expires", "is not a date")]
    public async Task A_bad_token_form_says_what_to_fix_and_creates_nothing(string name, string expires, string field, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var browser = factory.CreateBrowser();
        await browser.SignInAsAsync(database);

        var page = await HtmlForms.ParseAsync(await browser.SubmitFormAsync("/account/tokens", new Dictionary<string, string?> { ["Name"] = name, ["Expires"] = expires }));

        Assert.Contains(message, page.FieldError(field), StringComparison.Ordinal);
        Assert.Null(page.GetElementById("new-token"));
        await using var db = database.NewContext();
        Assert.Empty(db.ApiTokens);
    }

    [Fact]
    public async Task The_tokens_page_needs_a_signed_in_person()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().GetAsync(new Uri("/account/tokens", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin", response.Headers.Location!.AbsolutePath);
    }
}
