using System.Net;
using System.Net.Http.Headers;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.OpenData;
using MegaBench.Tests.Web.Localization;

namespace MegaBench.Tests.Web.OpenData;

/// <summary>
/// A network administrator publishes the open data on the network's open-data page; anyone reads the release's
/// files at their stable addresses, with validators that let a client cache them.
/// </summary>
public sealed class OpenDataEndpointTests
{
    [Fact]
    public async Task Administrator_publishes_a_release_that_the_network_page_lists()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await OpenDataPackageTests.WorldAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = factory.CreateBrowser();
        await browser.SignInAsAsync(database, TestRole.AdministratorOf(world.NetworkId));

        var saved = await browser.SubmitFormAsync($"/networks/{world.NetworkId}/open-data",
            new Dictionary<string, string?> { ["Input.Licence"] = "ODbL-1.0", ["Input.Citation"] = "Nord-Est (2025). Résultats du benchmark." });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var published = await browser.SubmitFormAsync($"/networks/{world.NetworkId}/open-data", new Dictionary<string, string?>(), "form[action$='handler=Publish']");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var notice = await browser.FollowAsync(published);
        Assert.Contains("Release 1 of the open data was published.", notice.Body!.TextContent, StringComparison.Ordinal);

        var page = await factory.CreateBrowser().GetDocumentAsync($"/networks/{world.NetworkId}");
        var section = page.QuerySelector("section[aria-labelledby=open-data-heading]");
        Assert.NotNull(section);
        Assert.Contains("Release 1", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nord-Est (2025). Résultats du benchmark.", section.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://opendatacommons.org/licenses/odbl/1-0/", section.QuerySelector("a[href*=opendatacommons]")!.GetAttribute("href"));
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/networks/{world.NetworkId}/open-data/1/answers.csv");

        var french = FrenchPagesTests.InFrench($"/networks/{world.NetworkId}");
        FrenchPagesTests.AssertFrench(await factory.CreateBrowser().GetDocumentAsync(french), french);
        var settings = FrenchPagesTests.InFrench($"/networks/{world.NetworkId}/open-data");
        FrenchPagesTests.AssertFrench(await browser.GetDocumentAsync(settings), settings);
    }

    [Fact]
    public async Task Files_are_served_to_anyone_with_validators_and_answer_304_when_unchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await OpenDataPackageTests.WorldAsync(database);
        await using (var db = database.NewContext())
        {
            await MegaBench.OpenData.OpenDataReleases.PublishAsync(db, world.NetworkId, TestContext.Current.CancellationToken);
        }

        await using var factory = new MegaBenchAppFactory(database);
        var anonymous = factory.CreateBrowser();
        var url = $"/networks/{world.NetworkId}/open-data/1/datapackage.json";
        var ct = TestContext.Current.CancellationToken;

        var response = await anonymous.GetAsync(new Uri(url, UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var etag = response.Headers.ETag;
        var lastModified = response.Content.Headers.LastModified;
        Assert.NotNull(etag);
        Assert.NotNull(lastModified);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal($"\"{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(body))}\"", etag.Tag);

        using var byTag = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        byTag.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(byTag, ct)).StatusCode);

        using var byDate = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(byDate, ct)).StatusCode);

        using var otherTag = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        otherTag.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(otherTag, ct)).StatusCode);

        var csv = await anonymous.GetAsync(new Uri($"/networks/{world.NetworkId}/open-data/1/cities.csv", UriKind.Relative), ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);

        var latest = await anonymous.GetAsync(new Uri($"/networks/{world.NetworkId}/open-data/latest/themes.csv", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Redirect, latest.StatusCode);
        Assert.Equal($"/networks/{world.NetworkId}/open-data/1/themes.csv", latest.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/networks/{world.NetworkId}/open-data/2/cities.csv", UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/networks/{world.NetworkId}/open-data/1/people.csv", UriKind.Relative), ct)).StatusCode);
    }

}
