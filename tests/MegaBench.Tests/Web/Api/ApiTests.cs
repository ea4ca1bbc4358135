using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api;

public sealed class ApiTests
{
    private static Task<BuiltRound> BuildRoundAsync(TestDatabase database) =>
        new RoundBuilder()
            .InNetwork("Demo network", isDemo: true)
            .ForCity("Testville", "Portugal")
            .InYear(2025)
            .WithStatus(RoundStatus.Published)
            .WithNarrative(NarrativeKind.Obstacles, "Few **loans**.")
            .WithOrganisation("Alpha", "AAA", "A note", new AnswerSpec("AAA-1.02", AnswerValue.NotDetermined, Comment: "Unclear", Note: "Checked"))
            .WithOrganisation("Beta", "BBB")
            .BuildAsync(database);

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Networks_cities_and_rounds_are_listed_and_read()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var networks = await GetJsonAsync(client, "/api/networks");
        var network = await GetJsonAsync(client, $"/api/networks/{round.NetworkId}");
        var cities = await GetJsonAsync(client, $"/api/networks/{round.NetworkId}/cities");
        var city = await GetJsonAsync(client, $"/api/cities/{round.CityId}");
        var rounds = await GetJsonAsync(client, $"/api/cities/{round.CityId}/rounds");
        var detail = await GetJsonAsync(client, $"/api/rounds/{round.RoundId}");

        Assert.Equal("Demo network", networks[0].GetProperty("name").GetString());
        Assert.True(network.GetProperty("isDemo").GetBoolean());
        Assert.Equal(1, network.GetProperty("cities").GetInt32());
        Assert.Equal("Testville", cities[0].GetProperty("name").GetString());
        Assert.Equal("Portugal", city.GetProperty("country").GetString());
        Assert.Equal(1, city.GetProperty("rounds").GetInt32());
        Assert.Equal((2025, "test-fw", "1.0", "published"),
            (rounds[0].GetProperty("year").GetInt32(), rounds[0].GetProperty("frameworkId").GetString(), rounds[0].GetProperty("frameworkVersion").GetString(), rounds[0].GetProperty("status").GetString()));
        Assert.Equal("Testville", detail.GetProperty("city").GetString());
        Assert.Equal("obstacles", detail.GetProperty("narrative")[0].GetProperty("kind").GetString());
        Assert.Equal("Few **loans**.", detail.GetProperty("narrative")[0].GetProperty("markdown").GetString());
    }

    [Fact]
    public async Task Organisations_and_their_answers_are_listed_one_per_statement()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var alpha = round.Organisations["Alpha"];

        var organisations = await GetJsonAsync(client, $"/api/rounds/{round.RoundId}/organisations");
        var organisation = await GetJsonAsync(client, $"/api/organisations/{alpha}");
        var answers = await GetJsonAsync(client, $"/api/organisations/{alpha}/answers");

        Assert.Equal(["Alpha", "Beta"], organisations.EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(("AAA", "A note", 1, 6),
            (organisation.GetProperty("groupCode").GetString(), organisation.GetProperty("notes").GetString(), organisation.GetProperty("answered").GetInt32(), organisation.GetProperty("statements").GetInt32()));
        Assert.Equal(round.Framework.FindGroup("AAA")!.Indicators.Select(i => i.Code), answers.EnumerateArray().Select(a => a.GetProperty("indicatorCode").GetString()));
        Assert.Equal(("unanswered", 0), (answers[0].GetProperty("value").GetString(), answers[0].GetProperty("version").GetInt32()));
        Assert.Equal(("notDetermined", "Unclear", "Checked", 1),
            (answers[1].GetProperty("value").GetString(), answers[1].GetProperty("comment").GetString(), answers[1].GetProperty("coordinatorNote").GetString(), answers[1].GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Frameworks_are_listed_and_served_as_their_canonical_json()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var list = await GetJsonAsync(client, "/api/frameworks");
        var response = await client.GetAsync(new Uri("/api/frameworks/test-fw/1.0", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var summary = list.EnumerateArray().Single(f => f.GetProperty("id").GetString() == "test-fw");
        Assert.Equal(12, summary.GetProperty("indicators").GetInt32());
        await using (var db = database.NewContext())
        {
            Assert.Equal((await db.Frameworks.SingleAsync(f => f.FrameworkId == "test-fw", TestContext.Current.CancellationToken)).Id, summary.GetProperty("storedId").GetInt32());
        }

        Assert.Equal(FrameworkJson.ComputeHash(round.Framework), summary.GetProperty("contentHash").GetString());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(FrameworkJson.Serialize(round.Framework), body);
    }

    [Theory]
    [InlineData("/api/networks/999")]
    [InlineData("/api/networks/999/cities")]
    [InlineData("/api/cities/999")]
    [InlineData("/api/cities/999/rounds")]
    [InlineData("/api/rounds/999")]
    [InlineData("/api/rounds/999/organisations")]
    [InlineData("/api/organisations/999")]
    [InlineData("/api/organisations/999/answers")]
    [InlineData("/api/frameworks/test-fw/9.9")]
    public async Task Missing_ids_answer_404_problem_details(string url)
    {
        await using var database = await TestDatabase.CreateAsync();
        await BuildRoundAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await (await factory.CreateAdministratorBrowserAsync()).GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.EndsWith("not found", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_document_describes_every_endpoint()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var document = await GetJsonAsync(factory.CreateClient(), "/openapi/v1.json");

        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/frameworks", "/api/frameworks/{id}/{version}", "/api/networks", "/api/networks/{id}", "/api/networks/{id}/cities",
            "/api/networks/{id}/matching", "/api/rounds/{id}/scores",
            "/api/cities/{id}", "/api/cities/{id}/rounds", "/api/rounds/{id}", "/api/rounds/{id}/organisations",
            "/api/organisations/{id}", "/api/organisations/{id}/answers", "/api/antiforgery",
            "/api/q/{token}", "/api/q/{token}/answers/{code}", "/api/q/{token}/submit",
            "/api/rounds/{id}/questionnaires", "/api/organisations/{id}/questionnaire", "/api/organisations/{id}/invitation",
            "/api/organisations/{id}/questionnaire/validate", "/api/organisations/{id}/questionnaire/reopen",
            "/api/networks/{id}/cycles", "/api/cycles/{id}", "/api/reviews/{id}",
            "/api/rounds/{id}/status", "/api/rounds/{id}/publication", "/api/organisations/{id}/answers/{code}",
            "/api/rounds/{id}/narrative/{section}", "/api/cities/{id}/practices", "/api/practices/{id}",
        ];
        // Paths that gained a write keep their entry above; these operations must be there too.
        foreach (var (path, method) in new[] { ("/api/rounds/{id}/organisations", "post"), ("/api/organisations/{id}", "put"), ("/api/practices/{id}", "delete") })
        {
            Assert.True(paths.GetProperty(path).TryGetProperty(method, out _), $"{method} {path} is not in the document");
        }

        Assert.Equal(expected.Order(), paths.EnumerateObject().Select(p => p.Name).Where(p => p.StartsWith("/api/", StringComparison.Ordinal)).Order());
        var get = paths.GetProperty("/api/organisations/{id}/answers").GetProperty("get");
        Assert.Equal("ListOrganisationAnswers", get.GetProperty("operationId").GetString());
        Assert.False(string.IsNullOrEmpty(get.GetProperty("summary").GetString()));
        Assert.True(get.GetProperty("responses").TryGetProperty("200", out _));
        Assert.True(get.GetProperty("responses").TryGetProperty("404", out _));
    }
}
