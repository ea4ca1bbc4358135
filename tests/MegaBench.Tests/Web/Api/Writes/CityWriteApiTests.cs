using System.Net;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Pages.Cities;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary><c>POST /api/networks/{id}/cities</c> and <c>PUT /api/cities/{id}</c>: the add-city and edit-city pages over JSON.</summary>
public sealed class CityWriteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_administrator_adds_and_edits_a_city_with_a_token()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.AdministratorOf(round.NetworkId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        var created = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/networks/{round.NetworkId}/cities", secret, new { name = "  Valencia ", country = "Spain" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        Assert.Equal(("Valencia", "Spain", round.NetworkId), (created.GetProperty("name").GetString(), created.GetProperty("country").GetString(), created.GetProperty("networkId").GetInt32()));

        var edited = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/cities/{id}", secret, new { name = "València", country = "Spain" }), HttpStatusCode.OK);
        Assert.Equal("València", edited.GetProperty("name").GetString());
        await using var db = database.NewContext();
        Assert.Equal("València", (await db.Cities.SingleAsync(c => c.Id == id, Ct)).Name);
    }

    [Fact]
    public async Task The_page_and_the_api_store_the_same_city_and_audit_row()
    {
        async Task<(string City, List<string> Audit)> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var round = await new RoundBuilder().BuildAsync(database);
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "admin@example.org");
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            if (api)
            {
                await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Post, $"/api/networks/{round.NetworkId}/cities", secret, new { name = " Valencia  ", country = " Spain" }), HttpStatusCode.Created);
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("admin@example.org");
                var response = await browser.SubmitFormAsync($"/networks/{round.NetworkId}/cities/new", new Dictionary<string, string?> { ["Input.Name"] = " Valencia  ", ["Input.Country"] = " Spain" });
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            }

            await using var db = database.NewContext();
            var city = await db.Cities.SingleAsync(c => c.Name == "Valencia", Ct);
            return ($"{city.Id} {city.NetworkId} {city.Name} {city.Country}", await WriteApi.AuditSinceAsync(database, since));
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page.City, api.City);
        Assert.Equal(page.Audit, api.Audit);
        Assert.Single(api.Audit);
    }

    /// <summary>The page's own table of bad cities (<see cref="CityFormsTests.BadCities"/>): the same rules give the same messages, naming the field.</summary>
    [Theory]
    [MemberData(nameof(CityFormsTests.BadCities), MemberType = typeof(CityFormsTests))]
    public async Task A_bad_city_is_refused_naming_the_field_as_the_page_does(string name, string country, string pageField, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().ForCity("Testville").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org");
        await using var factory = new MegaBenchAppFactory(database);

        var problem = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Post, $"/api/networks/{round.NetworkId}/cities", secret, new { name, country }), HttpStatusCode.BadRequest);

        var field = pageField == "Input_Name" ? "name" : "country";
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Cities.CountAsync(Ct));
    }

    [Fact]
    public async Task Anonymous_callers_coordinators_and_administrators_of_another_network_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().ForCity("Testville").WithStatus(MegaBench.Rounds.RoundStatus.Published).BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, coordinator) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
        var (_, stranger) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
        var (_, otherAdministrator) = await ApiTokenPeople.CreateAsync(database, "other-admin@example.org", TestRole.AdministratorOf(other.NetworkId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var body = new { name = "Valencia", country = "Spain" };
        var create = $"/api/networks/{round.NetworkId}/cities";
        var edit = $"/api/cities/{round.CityId}";
        var unpublished = $"/api/cities/{other.CityId}";

        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Post, create, body), HttpStatusCode.Unauthorized);
        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Put, edit, body), HttpStatusCode.Unauthorized);
        // A coordinator adds no city, even to their own network; they edit their own city only.
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, create, coordinator, body), HttpStatusCode.Forbidden);
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, unpublished, coordinator, body), HttpStatusCode.NotFound);
        // The published city is readable by all, so editing it is refused (403); the unpublished one is not found.
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, edit, stranger, body), HttpStatusCode.Forbidden);
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, create, otherAdministrator, body), HttpStatusCode.Forbidden);
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, edit, otherAdministrator, body), HttpStatusCode.Forbidden);
        await using var db = database.NewContext();
        Assert.Equal(2, await db.Cities.CountAsync(Ct));
        Assert.Equal("Testville", (await db.Cities.SingleAsync(c => c.Id == round.CityId, Ct)).Name);
    }
}
