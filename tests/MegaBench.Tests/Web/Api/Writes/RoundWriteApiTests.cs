using System.Net;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Pages.Rounds;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary>Starting a round, changing its status and publishing it over JSON, as the new-round, round and publish pages do.</summary>
public sealed class RoundWriteApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_round_started_from_the_last_through_the_page_or_the_api_stores_the_same_rows_and_audit()
    {
        async Task<(string Rows, List<string> Audit)> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var (round, version2) = await RoundFromPreviousTests.BuildAsync(database);
            var email = "coordinator@example.org";
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, email, TestRole.CoordinatorOf(round.CityId));
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            if (api)
            {
                var created = await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Post, $"/api/cities/{round.CityId}/rounds", secret,
                    new { year = 2026, frameworkId = version2, previousRoundId = round.RoundId, copyAnswers = true }), HttpStatusCode.Created);
                var carried = created.GetProperty("carried");
                Assert.Equal((round.RoundId, 1, 2, 0, "Gamma"), (carried.GetProperty("fromRoundId").GetInt32(), carried.GetProperty("organisations").GetInt32(),
                    carried.GetProperty("answers").GetInt32(), carried.GetProperty("droppedAnswers").GetInt32(), string.Join(",", carried.GetProperty("leftOut").EnumerateArray().Select(e => e.GetString()))));
                Assert.Equal(("open", 2026), (created.GetProperty("round").GetProperty("status").GetString(), created.GetProperty("round").GetProperty("year").GetInt32()));
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync(email);
                var response = await browser.SubmitFormAsync($"/cities/{round.CityId}/rounds/new?year=2026", new Dictionary<string, string?>
                {
                    ["Input.Year"] = "2026", ["Input.FrameworkId"] = $"{version2}", ["Input.PreviousRoundId"] = $"{round.RoundId}", ["Input.CopyAnswers"] = "true",
                });
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            }

            await using var db = database.NewContext();
            var added = await db.Rounds.Include(r => r.Organisations).ThenInclude(o => o.Answers).SingleAsync(r => r.Year == 2026, Ct);
            var rows = $"{added.Id} {added.StoredFrameworkId} {added.Status} " + string.Join(";", added.Organisations.Select(o =>
                $"{o.Name} {o.GroupCode} {o.Kind} {string.Join(",", o.Answers.OrderBy(a => a.IndicatorCode).Select(a => $"{a.IndicatorCode}={a.Value}/{a.Comment}/{a.CarriedOverFrom}/{a.Version}"))}"));
            // The times (the round's CreatedAt, the answers' UpdatedAt) are the clock's at the request: the only values that differ between the two runs.
            var audit = (await WriteApi.AuditSinceAsync(database, since))
                .Select(row => System.Text.RegularExpressions.Regex.Replace(row, "\"(\\w+At)\":\"[^\"]*\"", "\"$1\":\"…\""))
                .ToList();
            return (rows, audit);
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page.Rows, api.Rows);
        Assert.Equal(page.Audit, api.Audit);
        Assert.NotEmpty(api.Audit);
    }

    [Fact]
    public async Task Closing_goes_through_the_status_and_publishing_is_sent_to_the_summary()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var url = $"/api/rounds/{round.RoundId}/status";

        var closed = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, url, secret, new { status = "closed" }), HttpStatusCode.OK);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        var publish = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, url, secret, new { status = "published" }), HttpStatusCode.Conflict);
        Assert.Equal(("Publishing needs the summary", "status"), (publish.GetProperty("title").GetString(), publish.GetProperty("field").GetString()));
        var missing = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, url, secret, new { }), HttpStatusCode.BadRequest);
        Assert.Equal("status", missing.GetProperty("field").GetString());
        var unknown = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, url, secret, new { status = "archived" }), HttpStatusCode.BadRequest);
        Assert.Equal("status", unknown.GetProperty("field").GetString());
        await using var db = database.NewContext();
        Assert.Equal(RoundStatus.Closed, (await db.Rounds.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task The_page_and_the_api_close_a_round_with_the_same_audit_row()
    {
        async Task<List<string>> Through(bool api)
        {
            await using var database = await TestDatabase.CreateAsync();
            var round = await new RoundBuilder().BuildAsync(database);
            var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
            var since = await WriteApi.LastAuditIdAsync(database);
            await using var factory = new MegaBenchAppFactory(database);
            if (api)
            {
                await WriteApi.JsonAsync(await WriteApi.SendAsync(factory.CreateClient(), HttpMethod.Put, $"/api/rounds/{round.RoundId}/status", secret, new { status = "closed" }), HttpStatusCode.OK);
            }
            else
            {
                var browser = factory.CreateBrowser();
                await browser.SignInAsync("coordinator@example.org");
                Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitFormAsync($"/rounds/{round.RoundId}", new Dictionary<string, string?> { ["NewStatus"] = "Closed" })).StatusCode);
            }

            return await WriteApi.AuditSinceAsync(database, since);
        }

        var page = await Through(api: false);
        var api = await Through(api: true);

        Assert.Equal(page, api);
        Assert.Single(api);
    }

    [Fact]
    public async Task Publishing_needs_the_token_of_the_current_summary_and_a_stale_one_gets_the_new_summary()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await PublishTests.BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "coordinator@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var url = $"/api/rounds/{round.RoundId}/publication";

        var summary = await WriteApi.JsonAsync(await ApiTokenPeople.GetAsync(client, url, secret), HttpStatusCode.OK);
        Assert.Equal(["Gamma"], summary.GetProperty("notSubmitted").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(["Beta"], summary.GetProperty("notValidated").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal([("AAA", 2, 4, 4, false), ("BBB", 1, 0, 0, true)], summary.GetProperty("groups").EnumerateArray().Select(g =>
            (g.GetProperty("code").GetString(), g.GetProperty("organisations").GetInt32(), g.GetProperty("yes").GetInt32(), g.GetProperty("no").GetInt32(), g.GetProperty("lowCoverage").GetBoolean())));
        var token = summary.GetProperty("token").GetString();

        // Gamma submits while the script holds the summary.
        await using (var db = database.NewContext())
        {
            await Questionnaire.SubmitAsync(db, round.Organisations["Gamma"], "respondent", asRespondent: false, Ct);
        }

        var stale = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, url, secret, new { token }), HttpStatusCode.Conflict);
        Assert.Equal(("The summary changed", "token"), (stale.GetProperty("title").GetString(), stale.GetProperty("field").GetString()));
        var current = stale.GetProperty("summary");
        Assert.Empty(current.GetProperty("notSubmitted").EnumerateArray());
        Assert.NotEqual(token, current.GetProperty("token").GetString());
        await using (var db = database.NewContext())
        {
            Assert.Equal(RoundStatus.Open, (await db.Rounds.SingleAsync(Ct)).Status);
        }

        var published = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, url, secret, new { token = current.GetProperty("token").GetString() }), HttpStatusCode.OK);
        Assert.Equal("published", published.GetProperty("status").GetString());
        var again = await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, url, secret, new { token = current.GetProperty("token").GetString() }), HttpStatusCode.Conflict);
        Assert.Equal("Already published", again.GetProperty("title").GetString());
        await using var after = database.NewContext();
        Assert.Equal(RoundStatus.Published, (await after.Rounds.SingleAsync(Ct)).Status);
    }

    public static TheoryData<string, string> BadRounds => new()
    {
        { """{"year": 1999, "frameworkId": {framework}}""", "year" },
        { """{"frameworkId": {framework}}""", "year" },
        { """{"year": 2025, "frameworkId": {framework}}""", "year" },
        { """{"year": 2030, "frameworkId": 9999}""", "frameworkId" },
        { """{"year": 2030}""", "frameworkId" },
        { """{"year": 2030, "frameworkId": {framework}, "previousRoundId": {other}}""", "previousRoundId" },
        { """{"year": "soon", "frameworkId": {framework}}""", "year" },
    };

    [Theory]
    [MemberData(nameof(BadRounds))]
    public async Task A_bad_round_is_refused_naming_the_field(string body, string field)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().InYear(2025).BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org");
        await using var factory = new MegaBenchAppFactory(database);
        int framework;
        await using (var db = database.NewContext())
        {
            framework = (await db.Rounds.SingleAsync(r => r.Id == round.RoundId, Ct)).StoredFrameworkId;
        }

        using var content = new StringContent(body.Replace("{framework}", $"{framework}", StringComparison.Ordinal).Replace("{other}", $"{other.RoundId}", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        var problem = await WriteApi.JsonAsync(await ApiTokenPeople.SendAsync(factory.CreateClient(), HttpMethod.Post, $"/api/cities/{round.CityId}/rounds", secret, content), HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        await using var after = database.NewContext();
        Assert.Equal(2, await after.Rounds.CountAsync(Ct));
    }

    [Fact]
    public async Task Anonymous_callers_and_those_of_another_city_or_network_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(RoundStatus.Published).BuildAsync(database);
        var open = await new RoundBuilder().InNetwork("Third network").ForCity("Openville").BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, stranger) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
        var (_, otherAdministrator) = await ApiTokenPeople.CreateAsync(database, "other-admin@example.org", TestRole.AdministratorOf(other.NetworkId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        foreach (var secret in new[] { stranger, otherAdministrator })
        {
            // Readable (published) → 403; not readable (open round of another network's city) → 404.
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Put, $"/api/rounds/{round.RoundId}/status", secret, new { status = "open" }), HttpStatusCode.Forbidden);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/cities/{round.CityId}/rounds", secret, new { year = 2030, frameworkId = 1 }), HttpStatusCode.Forbidden);
            await WriteApi.JsonAsync(await ApiTokenPeople.GetAsync(client, $"/api/rounds/{open.RoundId}/publication", secret), HttpStatusCode.NotFound);
            await WriteApi.JsonAsync(await WriteApi.SendAsync(client, HttpMethod.Post, $"/api/rounds/{open.RoundId}/publication", secret, new { token = "x" }), HttpStatusCode.NotFound);
        }

        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Put, $"/api/rounds/{round.RoundId}/status", new { status = "open" }), HttpStatusCode.Unauthorized);
        await WriteApi.JsonAsync(await WriteApi.AnonymousAsync(factory, HttpMethod.Post, $"/api/rounds/{open.RoundId}/publication", new { token = "x" }), HttpStatusCode.Unauthorized);
        await using var db = database.NewContext();
        Assert.Equal(3, await db.Rounds.CountAsync(Ct));
        Assert.Equal(RoundStatus.Published, (await db.Rounds.SingleAsync(r => r.Id == round.RoundId, Ct)).Status);
    }
}
