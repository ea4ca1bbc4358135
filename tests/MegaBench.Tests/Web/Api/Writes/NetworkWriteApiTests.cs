using System.Net;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary><c>POST /api/networks</c>: the new-network page over JSON, for administrators of every network only.</summary>
public sealed class NetworkWriteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_and_the_api_create_the_same_network_with_the_same_audit_row()
    {
        async Task<(string Row, List<string> Audit)> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "admin@example.org");
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            if (api)
            {
                var created = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Post, "/api/networks", secret, new { name = " MEGA 2027 ", description = " Twelve cities. " }), HttpStatusCode.Created);
                Assert.Equal("MEGA 2027", created.GetProperty("name").GetString());
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("admin@example.org");
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync("/networks/new", new Dictionary<string, string?> { ["Input.Name"] = " MEGA 2027 ", ["Input.Description"] = " Twelve cities. " })).StatusCode);
            }

            await using var db = database.NewContext();
            var network = await db.Networks.SingleAsync(Ct);
            return ($"{network.Id} {network.Name} {network.Description}", await WriteApi.AuditSinceAsync(database, since));
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page.Row, api.Row);
        Assert.Equal(page.Audit, api.Audit);
    }

    [Fact]
    public async Task A_taken_name_or_a_missing_one_is_refused_naming_the_field_and_only_administrators_of_every_network_create()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().InNetwork("North").BuildAsync(database);
        var (_, administrator) = await ApiTokenPeople.CreateAsync(database, "admin@example.org");
        var (_, networkAdministrator) = await ApiTokenPeople.CreateAsync(database, "north-admin@example.org", TestRole.AdministratorOf(round.NetworkId));
        var (_, coordinator) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        var taken = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, "/api/networks", administrator, new { name = "north" }), HttpStatusCode.BadRequest);
        Assert.Equal("name", taken.GetProperty("field").GetString());
        Assert.Equal(["A network called north exists already. Choose another name."], taken.GetProperty("errors").GetProperty("name").EnumerateArray().Select(e => e.GetString()));
        var missing = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, "/api/networks", administrator, new { description = "No name" }), HttpStatusCode.BadRequest);
        Assert.Equal("name", missing.GetProperty("field").GetString());
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, "/api/networks", networkAdministrator, new { name = "South" }), HttpStatusCode.Forbidden);
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, "/api/networks", coordinator, new { name = "South" }), HttpStatusCode.Forbidden);
        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Post, "/api/networks", new { name = "South" }), HttpStatusCode.Unauthorized);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Networks.CountAsync(Ct));
    }
}
