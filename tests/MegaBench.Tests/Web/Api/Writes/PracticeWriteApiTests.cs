using System.Net;
using System.Text.Json.Nodes;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary><c>POST /api/cities/{id}/practices</c> and <c>PUT /api/practices/{id}</c>: the practice pages over JSON.</summary>
public sealed class PracticeWriteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Valid(string title = "Refugee business incubator") => new()
    {
        ["title"] = title,
        ["organisation"] = " Alder Incubator ",
        ["themes"] = new JsonArray("finance"),
        ["language"] = "en",
        ["description"] = "Six months of *coaching* and a micro-loan.",
        ["link"] = "https://example.org/incubator",
    };

    [Fact]
    public async Task The_page_and_the_api_add_and_edit_the_same_practice_with_the_same_audit_rows()
    {
        async Task<(string Row, List<string> Audit)> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var round = await new RoundBuilder().BuildAsync(database);
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            if (api)
            {
                var client = factory.CreateClient();
                var created = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/cities/{round.CityId}/practices", secret, Valid()), HttpStatusCode.Created);
                var id = created.GetProperty("id").GetInt32();
                Assert.Equal("Alder Incubator", created.GetProperty("organisation").GetString());
                await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/practices/{id}", secret, Valid("Renamed incubator")), HttpStatusCode.OK);
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("coordinator@example.org");
                Dictionary<string, string?> Form(string title) => new()
                {
                    ["Input.Title"] = title, ["Input.Organisation"] = " Alder Incubator ", ["Input.Themes"] = "finance", ["Input.Language"] = "en",
                    ["Input.Description"] = "Six months of *coaching* and a micro-loan.", ["Input.Link"] = "https://example.org/incubator",
                };
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync($"/cities/{round.CityId}/practices/new", Form("Refugee business incubator"))).StatusCode);
                await using var read = database.NewContext();
                var id = (await read.Practices.SingleAsync(Ct)).Id;
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync($"/practices/{id}/edit", Form("Renamed incubator"))).StatusCode);
            }

            await using var db = database.NewContext();
            var p = await db.Practices.SingleAsync(Ct);
            var audit = (await WriteApi.AuditSinceAsync(database, since))
                .Select(row => System.Text.RegularExpressions.Regex.Replace(row, "\"CreatedAt\":\"[^\"]*\"", "\"CreatedAt\":\"…\""))
                .ToList();
            return ($"{p.Id} {p.CityId} {p.Title} {p.Organisation} {p.Description} {p.Link} {p.Language} {p.Themes}", audit);
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page.Row, api.Row);
        Assert.Equal(page.Audit, api.Audit);
        Assert.Equal(2, api.Audit.Count);
    }

    [Theory]
    [InlineData("title", "", "title")]
    [InlineData("themes", null, "themes")]
    [InlineData("themes", "astrology", "themes")]
    [InlineData("link", "javascript:alert(1)", "link")]
    [InlineData("language", "xx", "language")]
    public async Task A_bad_practice_is_refused_naming_the_field(string name, string? value, string field)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org");
        await using var factory = new MegaBenchAppFactory(database);
        var body = Valid();
        body[name] = name == "themes" ? (value is null ? new JsonArray() : new JsonArray(value)) : value;

        var problem = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Post, $"/api/cities/{round.CityId}/practices", secret, body), HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        await using var db = database.NewContext();
        Assert.Empty(db.Practices);
    }

    [Fact]
    public async Task Anonymous_callers_and_those_of_another_city_or_network_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(RoundStatus.Published).BuildAsync(database);
        var open = await new RoundBuilder().InNetwork("Second network").ForCity("Openville").BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, stranger) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
        var (_, otherAdministrator) = await ApiTokenPeople.CreateAsync(database, "other-admin@example.org", TestRole.AdministratorOf(other.NetworkId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        foreach (var secret in new[] { stranger, otherAdministrator })
        {
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/cities/{round.CityId}/practices", secret, Valid()), HttpStatusCode.Forbidden);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/cities/{open.CityId}/practices", secret, Valid()), HttpStatusCode.NotFound);
        }

        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Post, $"/api/cities/{round.CityId}/practices", Valid()), HttpStatusCode.Unauthorized);
        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Put, "/api/practices/1", Valid()), HttpStatusCode.Unauthorized);
        await using var db = database.NewContext();
        Assert.Empty(db.Practices);
    }
}
