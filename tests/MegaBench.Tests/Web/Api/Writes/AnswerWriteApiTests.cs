using System.Net;
using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary>
/// <c>PUT /api/organisations/{id}/answers/{code}</c>: a coordinator's answer, as the organisation's answers page saves
/// it. EveryAnswerPathTests runs it beside the other four paths with the same texts.
/// </summary>
public sealed class AnswerWriteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coordinator_saves_an_answer_with_a_note_and_a_stale_version_gets_the_stored_answer()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.02", AnswerValue.No)).BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var alpha = round.Organisations["Alpha"];

        var saved = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{alpha}/answers/AAA-1.01", secret,
            new { value = "yes", comment = " Since 2016 ", evidence = "https://example.org", coordinatorNote = "Checked by phone.\r\n", expectedVersion = 0 }), HttpStatusCode.OK);
        Assert.Equal(("yes", "Since 2016", "Checked by phone.", 1, "coordinator"), (saved.GetProperty("value").GetString(), saved.GetProperty("comment").GetString(),
            saved.GetProperty("coordinatorNote").GetString(), saved.GetProperty("version").GetInt32(), saved.GetProperty("updatedBy").GetString()));

        // Sending what is stored succeeds whatever the version; a change on a stale version is a conflict.
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{alpha}/answers/AAA-1.01", secret,
            new { value = "yes", comment = "Since 2016", evidence = "https://example.org", coordinatorNote = "Checked by phone.", expectedVersion = 0 }), HttpStatusCode.OK);
        var conflict = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{alpha}/answers/AAA-1.02", secret,
            new { value = "yes", expectedVersion = 0 }), HttpStatusCode.Conflict);
        Assert.Equal(("no", 1), (conflict.GetProperty("current").GetProperty("value").GetString(), conflict.GetProperty("current").GetProperty("version").GetInt32()));
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{alpha}/answers/AAA-1.02", secret,
            new { value = "yes", expectedVersion = 1 }), HttpStatusCode.OK);

        await using var db = database.NewContext();
        var stored = await db.Answers.Where(a => a.OrganisationId == alpha).OrderBy(a => a.IndicatorCode).ToListAsync(Ct);
        Assert.Equal([("AAA-1.01", AnswerValue.Yes, "Checked by phone.", 1), ("AAA-1.02", AnswerValue.Yes, null, 2)],
            stored.Select(a => (a.IndicatorCode, a.Value, a.CoordinatorNote, a.Version)));
    }

    [Fact]
    public async Task The_page_and_the_api_store_the_same_answer_and_audit_row()
    {
        async Task<(string Row, List<string> Audit)> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            var alpha = round.Organisations["Alpha"];
            if (api)
            {
                await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Put, $"/api/organisations/{alpha}/answers/AAA-1.01", secret,
                    new { value = "notDetermined", comment = "Cafe\u0301 ", evidence = "", coordinatorNote = " Asked twice.\r\nNo reply. ", expectedVersion = 0 }), HttpStatusCode.OK);
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("coordinator@example.org");
                var response = await browser.SubmitFormAsync($"/organisations/{alpha}/answers", new Dictionary<string, string?>
                {
                    ["Answers[0].Value"] = "NotDetermined", ["Answers[0].Comment"] = "Cafe\u0301 ", ["Answers[0].Evidence"] = "", ["Answers[0].CoordinatorNote"] = " Asked twice.\r\nNo reply. ",
                });
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            }

            await using var db = database.NewContext();
            var answer = await db.Answers.SingleAsync(Ct);
            var audit = (await WriteApi.AuditSinceAsync(database, since))
                .Select(row => System.Text.RegularExpressions.Regex.Replace(row, "\"UpdatedAt\":\"[^\"]*\"", "\"UpdatedAt\":\"…\""))
                .ToList();
            return ($"{answer.Id} {answer.IndicatorCode} {answer.Value} {answer.Comment} {answer.Evidence} {answer.CoordinatorNote} {answer.Version} {answer.UpdatedBy}", audit);
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page.Row, api.Row);
        Assert.Equal(page.Audit, api.Audit);
        Assert.Single(api.Audit);
    }

    public static TheoryData<string, HttpStatusCode, string?> BadAnswers => new()
    {
        { """{"expectedVersion": 0}""", HttpStatusCode.BadRequest, "value" },
        { """{"value": "maybe", "expectedVersion": 0}""", HttpStatusCode.BadRequest, "value" },
        { """{"value": "yes"}""", HttpStatusCode.BadRequest, "expectedVersion" },
        { """{"value": "yes", "expectedVersion": -1}""", HttpStatusCode.BadRequest, "expectedVersion" },
        { $$"""{"value": "yes", "expectedVersion": 0, "comment": "{{new string('c', TextLimits.AnswerComment + 1)}}"}""", HttpStatusCode.BadRequest, "comment" },
        { $$"""{"value": "yes", "expectedVersion": 0, "evidence": "{{new string('e', TextLimits.AnswerEvidence + 1)}}"}""", HttpStatusCode.BadRequest, "evidence" },
        { $$"""{"value": "yes", "expectedVersion": 0, "coordinatorNote": "{{new string('n', TextLimits.CoordinatorNote + 1)}}"}""", HttpStatusCode.BadRequest, "coordinatorNote" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_is_refused_naming_the_field(string body, HttpStatusCode status, string? field)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        var problem = await WriteApi.JsonAsync(await ApiTokenPeople.SendAsync(factory.CreateClient(), HttpMethod.Put, $"/api/organisations/{round.Organisations["Alpha"]}/answers/AAA-1.01", secret, content), status);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        await using var db = database.NewContext();
        Assert.Empty(db.Answers);
    }

    [Fact]
    public async Task A_published_round_an_unknown_statement_and_callers_without_the_right_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var published = await new RoundBuilder().WithStatus(RoundStatus.Published).WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var open = await new RoundBuilder().InNetwork("Second network").ForCity("Openville").WithOrganisation("Beta", "AAA").BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, coordinator) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(published.CityId), TestRole.CoordinatorOf(open.CityId));
        var (_, stranger) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
        var (_, otherAdministrator) = await ApiTokenPeople.CreateAsync(database, "other-admin@example.org", TestRole.AdministratorOf(other.NetworkId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var body = new { value = "yes", expectedVersion = 0 };
        var alpha = $"/api/organisations/{published.Organisations["Alpha"]}/answers/AAA-1.01";
        var beta = $"/api/organisations/{open.Organisations["Beta"]}/answers/AAA-1.01";

        var locked = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, alpha, coordinator, body), HttpStatusCode.Conflict);
        Assert.StartsWith("This round is published, so its answers cannot be changed.", locked.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/organisations/{open.Organisations["Beta"]}/answers/BBB-1.01", coordinator, body), HttpStatusCode.NotFound);
        foreach (var secret in new[] { stranger, otherAdministrator })
        {
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, alpha, secret, body), HttpStatusCode.Forbidden);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, beta, secret, body), HttpStatusCode.NotFound);
        }

        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Put, beta, body), HttpStatusCode.Unauthorized);
        await using var db = database.NewContext();
        Assert.Empty(db.Answers);
    }
}
