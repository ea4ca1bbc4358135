using System.Net;
using System.Text.Json.Nodes;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary>
/// <c>POST /api/rounds/{id}/organisations</c>, <c>PUT /api/organisations/{id}</c> and <c>DELETE /api/practices/{id}</c>:
/// the add- and edit-organisation pages and the edit-practice page's delete over JSON.
/// </summary>
public sealed class OrganisationWriteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JsonObject Valid(string name = "Alder Chamber of Commerce") => new()
    {
        ["name"] = name,
        ["groupCode"] = "AAA",
        ["kind"] = "chamber",
        ["website"] = " https://alder.example.org ",
        ["contactEmail"] = "contact@alder.example.org",
        ["notes"] = "Met in March.",
    };

    [Fact]
    public async Task The_page_and_the_api_add_and_edit_the_same_organisation_with_the_same_audit_rows()
    {
        async Task<(string Rows, List<string> Audit)> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var round = await new RoundBuilder().WithOrganisation("Existing", "AAA").BuildAsync(database);
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            if (api)
            {
                var client = factory.CreateClient();
                var created = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/rounds/{round.RoundId}/organisations", secret, Valid()), HttpStatusCode.Created);
                var id = created.GetProperty("id").GetInt32();
                Assert.Equal("https://alder.example.org", created.GetProperty("website").GetString());
                Assert.Equal(2, created.GetProperty("position").GetInt32());
                var renamed = Valid("Alder Chamber");
                renamed["kind"] = "other";
                renamed.Remove("notes");
                await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{id}", secret, renamed), HttpStatusCode.OK);
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("script@example.org");
                Dictionary<string, string?> Form(string name, string kind, string? notes) => new()
                {
                    ["Input.Name"] = name, ["Input.GroupCode"] = "AAA", ["Input.Kind"] = kind, ["Input.Website"] = " https://alder.example.org ",
                    ["Input.ContactEmail"] = "contact@alder.example.org", ["Input.Notes"] = notes,
                };
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync($"/rounds/{round.RoundId}/organisations/new", Form("Alder Chamber of Commerce", "chamber", "Met in March."))).StatusCode);
                await using var read = database.NewContext();
                var id = (await read.Organisations.SingleAsync(o => o.Name != "Existing", Ct)).Id;
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync($"/organisations/{id}/edit", Form("Alder Chamber", "other", ""))).StatusCode);
            }

            await using var db = database.NewContext();
            var rows = string.Join("\n", await db.Organisations.OrderBy(o => o.Id)
                .Select(o => o.Id + " " + o.RoundId + " " + o.Name + " " + o.GroupCode + " " + o.Kind + " " + o.Website + " " + o.ContactEmail + " [" + o.Notes + "] " + o.Position)
                .ToListAsync(Ct));
            var stamp = await ChangeStamps.OfRoundAsync(db, round.RoundId, Ct);
            return ($"{rows}\nstamp {stamp}", await WriteApi.AuditSinceAsync(database, since));
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page.Rows, api.Rows);
        Assert.Equal(page.Audit, api.Audit);
        Assert.Equal(2, api.Audit.Count);
        Assert.DoesNotContain("stamp 0", api.Rows, StringComparison.Ordinal);
        Assert.Contains("Alder Chamber AAA other https://alder.example.org contact@alder.example.org [] 2", api.Rows, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name", "", "name")]
    [InlineData("name", "Existing", "name")]
    [InlineData("groupCode", "ZZZ", "groupCode")]
    [InlineData("kind", "guild", "kind")]
    [InlineData("website", "javascript:alert(1)", "website")]
    [InlineData("contactEmail", "Someone <a@example.org>", "contactEmail")]
    public async Task A_bad_organisation_is_refused_naming_the_field(string name, string value, string field)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Existing", "AAA").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var body = Valid();
        body[name] = value;

        var problem = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Post, $"/api/rounds/{round.RoundId}/organisations", secret, body), HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Organisations.CountAsync(Ct));
    }

    [Fact]
    public async Task An_over_long_name_is_refused_naming_the_limit()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Existing", "AAA").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);

        var problem = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Put, $"/api/organisations/{round.Organisations["Existing"]}", secret, Valid(new string('x', TextLimits.OrganisationName + 1))), HttpStatusCode.BadRequest);

        Assert.Equal("name", problem.GetProperty("field").GetString());
        Assert.Contains($"at most {TextLimits.OrganisationName} characters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answered_organisation_keeps_its_group()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Existing", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes)).BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var body = Valid("Existing");
        body["groupCode"] = "BBB";

        var problem = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Put, $"/api/organisations/{round.Organisations["Existing"]}", secret, body), HttpStatusCode.BadRequest);

        Assert.Equal("groupCode", problem.GetProperty("field").GetString());
        await using var db = database.NewContext();
        Assert.Equal("AAA", (await db.Organisations.SingleAsync(Ct)).GroupCode);
    }

    [Fact]
    public async Task A_published_round_s_organisations_are_locked_on_the_page_and_the_api_until_it_is_reopened()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(RoundStatus.Published).WithOrganisation("Existing", "AAA").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
        var since = await WriteApi.LastAuditIdAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var id = round.Organisations["Existing"];

        var added = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/rounds/{round.RoundId}/organisations", secret, Valid()), HttpStatusCode.Conflict);
        var edited = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{id}", secret, Valid("Renamed")), HttpStatusCode.Conflict);
        var browser = factory.CreateBrowser();
        await browser.SignInAsync("script@example.org");
        var page = await HtmlForms.ParseAsync(await browser.SubmitFormAsync($"/organisations/{id}/edit", new Dictionary<string, string?> { ["Input.Name"] = "Renamed" }));

        Assert.Contains("reopen the round", added.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains($"PUT /api/rounds/{round.RoundId}/status", edited.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("reopen the round", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await WriteApi.AuditSinceAsync(database, since));

        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/rounds/{round.RoundId}/status", secret, new { status = "closed" }), HttpStatusCode.OK);
        var saved = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{id}", secret, Valid("Renamed")), HttpStatusCode.OK);
        Assert.Equal("Renamed", saved.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Anonymous_callers_and_those_of_another_city_or_network_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var published = await new RoundBuilder().WithStatus(RoundStatus.Published).WithOrganisation("Existing", "AAA").BuildAsync(database);
        var open = await new RoundBuilder().InNetwork("Second network").ForCity("Openville").WithOrganisation("Hidden", "AAA").BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, stranger) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
        var (_, otherAdministrator) = await ApiTokenPeople.CreateAsync(database, "other-admin@example.org", TestRole.AdministratorOf(other.NetworkId));
        var since = await WriteApi.LastAuditIdAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        foreach (var secret in new[] { stranger, otherAdministrator })
        {
            // The published round is readable, so not being allowed to change it is 403; the open one of another network is 404.
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/rounds/{published.RoundId}/organisations", secret, Valid()), HttpStatusCode.Forbidden);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{published.Organisations["Existing"]}", secret, Valid()), HttpStatusCode.Forbidden);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/rounds/{open.RoundId}/organisations", secret, Valid()), HttpStatusCode.NotFound);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{open.Organisations["Hidden"]}", secret, Valid()), HttpStatusCode.NotFound);
        }

        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, "/api/rounds/999/organisations", stranger, Valid()), HttpStatusCode.NotFound);
        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Post, $"/api/rounds/{open.RoundId}/organisations", Valid()), HttpStatusCode.Unauthorized);
        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Put, $"/api/organisations/{published.Organisations["Existing"]}", Valid()), HttpStatusCode.Unauthorized);
        Assert.Empty(await WriteApi.AuditSinceAsync(database, since));
    }

    [Fact]
    public async Task The_page_and_the_api_delete_a_practice_with_the_same_audit_rows_and_refuse_others()
    {
        async Task<List<string>> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var round = await new RoundBuilder().BuildAsync(database);
            var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
            var (_, stranger) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
            await using var factory = new MegaBenchAppFactory(database);
            var client = factory.CreateClient();
            var created = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/cities/{round.CityId}/practices", secret,
                new JsonObject { ["title"] = "Incubator", ["language"] = "en", ["themes"] = new JsonArray("finance") }), HttpStatusCode.Created);
            var id = created.GetProperty("id").GetInt32();
            var since = await WriteApi.LastAuditIdAsync(database);

            await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Delete, $"/api/practices/{id}"), HttpStatusCode.Unauthorized);
            // The city has no published round, so a coordinator of another network may not even read it.
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Delete, $"/api/practices/{id}", stranger), HttpStatusCode.NotFound);
            Assert.Empty(await WriteApi.AuditSinceAsync(database, since));
            if (api)
            {
                await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Delete, $"/api/practices/{id}", secret), HttpStatusCode.NoContent);
                await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Delete, $"/api/practices/{id}", secret), HttpStatusCode.NotFound);
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("script@example.org");
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync($"/practices/{id}/edit", new Dictionary<string, string?>(), "form[action*='handler=Delete']")).StatusCode);
            }

            await using var db = database.NewContext();
            Assert.Empty(db.Practices);
            return [.. (await WriteApi.AuditSinceAsync(database, since)).Select(row => System.Text.RegularExpressions.Regex.Replace(row, "\"CreatedAt\":\"[^\"]*\"", "\"CreatedAt\":\"…\""))];
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page, api);
        Assert.Single(api);
    }
}
