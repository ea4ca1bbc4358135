using System.Net;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Security;

/// <summary>
/// The status page takes its code from its route only, within 400–599 (issue 15, hardening finding 2): a form
/// field named <c>code</c> or a NUL byte in a post never sets the answer's status.
/// </summary>
public sealed class StatusPageTests
{
    [Theory]
    [InlineData("a=%00")]
    [InlineData("code=0")]
    [InlineData("code=200")]
    [InlineData("code=%00")]
    [InlineData("code=99999")]
    public async Task A_refused_post_answers_an_error_status_whatever_its_form_holds(string body)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        using var content = new StringContent(body, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
        var response = await client.PostAsync(new Uri("/q/xyz", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Single((await HtmlForms.ParseAsync(response)).QuerySelectorAll("h1"));
    }

    [Theory]
    [InlineData("/status/200", HttpStatusCode.NotFound)]
    [InlineData("/status/0", HttpStatusCode.NotFound)]
    [InlineData("/status/302", HttpStatusCode.NotFound)]
    [InlineData("/status/600", HttpStatusCode.NotFound)]
    [InlineData("/status/403", HttpStatusCode.Forbidden)]
    [InlineData("/status/503", HttpStatusCode.ServiceUnavailable)]
    public async Task The_status_page_answers_only_error_statuses(string url, HttpStatusCode expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }
}
