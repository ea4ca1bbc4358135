using System.Net;
using System.Net.Http.Json;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Security;

public sealed class AntiforgeryTests
{
    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_rejected_and_saves_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().ForCity("Testville").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/cities/{round.CityId}/edit"));
        var fields = HtmlForms.ReadFields(form).Where(f => f.Key != "__RequestVerificationToken").ToList();
        fields.RemoveAll(f => f.Key == "Input.Name");
        fields.Add(new("Input.Name", "Forged"));

        using var content = new FormUrlEncodedContent(fields);
        var response = await client.PostAsync(new Uri($"/cities/{round.CityId}/edit", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = database.NewContext();
        Assert.Equal("Testville", (await db.Cities.SingleAsync(TestContext.Current.CancellationToken)).Name);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task A_state_changing_API_request_without_either_token_is_rejected(string method)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await ApiTokenPeople.SendAsync(factory.CreateBrowser(), new HttpMethod(method), $"/api/rounds/{round.RoundId}", secret: null, JsonContent.Create(new { status = "Published" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/api/antiforgery", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_changing_API_request_passes_with_the_antiforgery_header_or_an_API_token()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org");
        await using var factory = new MegaBenchAppFactory(database);
        var browser = factory.CreateBrowser();
        var url = $"/api/rounds/{round.RoundId}";

        var antiforgery = await browser.GetFromJsonAsync<AntiforgeryToken>(new Uri("/api/antiforgery", UriKind.Relative), TestContext.Current.CancellationToken);
        using var withHeader = new HttpRequestMessage(HttpMethod.Delete, new Uri(url, UriKind.Relative));
        withHeader.Headers.Add(antiforgery!.HeaderName, antiforgery.Token);
        var byHeader = await browser.SendAsync(withHeader, TestContext.Current.CancellationToken);
        var byToken = await ApiTokenPeople.SendAsync(factory.CreateClient(), HttpMethod.Delete, url, secret);

        // The checks passed: the request reached routing, which has no DELETE for a round.
        Assert.Equal("RequestVerificationToken", antiforgery.HeaderName);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, byHeader.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, byToken.StatusCode);
    }

    private sealed record AntiforgeryToken(string HeaderName, string Token);
}
