using System.Net;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary><c>PUT /api/rounds/{id}/narrative/{section}</c>: a section of the round's report, as the narrative page saves it.</summary>
public sealed class NarrativeWriteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_page_and_the_api_store_the_same_section_and_audit_rows()
    {
        const string Typed = "Access to **finance** is hard.  \nStill.\r\n";
        async Task<(string Row, List<string> Audit)> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var round = await new RoundBuilder().BuildAsync(database);
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            if (api)
            {
                var saved = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Put, $"/api/rounds/{round.RoundId}/narrative/obstacles", secret, new { markdown = Typed }), HttpStatusCode.OK);
                Assert.Equal(("obstacles", Typed), (saved.GetProperty("kind").GetString(), saved.GetProperty("markdown").GetString()));
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("coordinator@example.org");
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync($"/rounds/{round.RoundId}/narrative/obstacles", new Dictionary<string, string?> { ["Markdown"] = Typed })).StatusCode);
            }

            await using var db = database.NewContext();
            var section = await db.NarrativeSections.SingleAsync(Ct);
            return ($"{section.Id} {section.RoundId} {section.Kind} {section.Markdown}", await WriteApi.AuditSinceAsync(database, since));
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page.Row, api.Row);
        Assert.Equal(page.Audit, api.Audit);
        Assert.Single(api.Audit);
    }

    [Fact]
    public async Task A_long_text_an_unknown_section_and_callers_without_the_right_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(RoundStatus.Published).BuildAsync(database);
        var open = await new RoundBuilder().InNetwork("Second network").ForCity("Openville").BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, coordinator) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
        var (_, stranger) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
        var (_, otherAdministrator) = await ApiTokenPeople.CreateAsync(database, "other-admin@example.org", TestRole.AdministratorOf(other.NetworkId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var url = $"/api/rounds/{round.RoundId}/narrative/obstacles";

        var tooLong = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, url, coordinator, new { markdown = new string('x', TextLimits.Narrative + 1) }), HttpStatusCode.BadRequest);
        Assert.Equal("markdown", tooLong.GetProperty("field").GetString());
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/rounds/{round.RoundId}/narrative/epilogue", coordinator, new { markdown = "x" }), HttpStatusCode.NotFound);
        foreach (var secret in new[] { stranger, otherAdministrator })
        {
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, url, secret, new { markdown = "x" }), HttpStatusCode.Forbidden);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/rounds/{open.RoundId}/narrative/obstacles", secret, new { markdown = "x" }), HttpStatusCode.NotFound);
        }

        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Put, url, new { markdown = "x" }), HttpStatusCode.Unauthorized);
        await using var db = database.NewContext();
        Assert.Empty(db.NarrativeSections);
    }
}
