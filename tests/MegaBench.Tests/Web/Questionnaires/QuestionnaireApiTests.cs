using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Questionnaires;

public sealed class QuestionnaireApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct));

    [Fact]
    public async Task Get_returns_the_groups_statements_stage_by_stage_with_versions()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await QuestionnaireApi.PutAnswerAsync(client, invited, "AAA-1.02", "notDetermined", 0, "Unsure");

        var response = await client.GetAsync(new Uri(invited.Api, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var json = await JsonAsync(response);
        Assert.Equal("Alder City Hall", json.GetProperty("organisation").GetString());
        Assert.Equal("AAA", json.GetProperty("group").GetProperty("code").GetString());
        Assert.Equal("open", json.GetProperty("state").GetString());
        Assert.Equal(1, json.GetProperty("answered").GetInt32());
        Assert.Equal(6, json.GetProperty("statements").GetInt32());
        var stages = json.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], stages.Select(s => s.GetProperty("stage").GetInt32()));
        Assert.Equal("AAA at stage 1 does more.", stages[0].GetProperty("narrative").GetProperty("text").GetString());
        var statements = stages.SelectMany(s => s.GetProperty("statements").EnumerateArray()).ToList();
        Assert.Equal(6, statements.Count);
        Assert.All(statements, s => Assert.StartsWith("AAA-", s.GetProperty("code").GetString(), StringComparison.Ordinal));
        var answered = statements.Single(s => s.GetProperty("code").GetString() == "AAA-1.02");
        Assert.Equal("notDetermined", answered.GetProperty("value").GetString());
        Assert.Equal("Unsure", answered.GetProperty("comment").GetString());
        Assert.Equal(1, answered.GetProperty("version").GetInt32());
        Assert.Equal(0, statements.Single(s => s.GetProperty("code").GetString() == "AAA-1.01").GetProperty("version").GetInt32());
        Assert.DoesNotContain("coordinatorNote", json.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Put_saves_the_answer_and_returns_its_new_version()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        var first = await QuestionnaireApi.PutAnswerAsync(client, invited, "AAA-1.01", "yes", 0, " Since 2016 ", "https://example.org/report");
        var second = await QuestionnaireApi.PutAnswerAsync(client, invited, "AAA-1.01", "no", 1, "Stopped");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var firstJson = await JsonAsync(first);
        Assert.Equal(1, firstJson.GetProperty("version").GetInt32());
        Assert.Equal("Since 2016", firstJson.GetProperty("comment").GetString());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await JsonAsync(second)).GetProperty("version").GetInt32());
        await using var db = database.NewContext();
        var answer = await db.Answers.SingleAsync(Ct);
        Assert.Equal(AnswerValue.No, answer.Value);
        Assert.Equal("Stopped", answer.Comment);
        Assert.Null(answer.Evidence);
        Assert.StartsWith("respondent (link #", answer.UpdatedBy, StringComparison.Ordinal);
        var audit = await db.AuditEntries.Where(e => e.EntityType == nameof(Answer)).ToListAsync(Ct);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, e => Assert.StartsWith("respondent (link #", e.ActorName, StringComparison.Ordinal));
        Assert.All(audit, e => Assert.DoesNotContain(invited.Token, e.ActorName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_with_a_stale_version_answers_409_with_the_current_answer_and_keeping_mine_records_both()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var colleagueA = factory.CreateBrowser();
        var colleagueB = factory.CreateBrowser();
        await QuestionnaireApi.PutAnswerAsync(colleagueA, invited, "AAA-2.01", "yes", 0, "A says yes");

        var conflict = await QuestionnaireApi.PutAnswerAsync(colleagueB, invited, "AAA-2.01", "no", 0, "B says no");

        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var current = (await JsonAsync(conflict)).GetProperty("current");
        Assert.Equal("yes", current.GetProperty("value").GetString());
        Assert.Equal("A says yes", current.GetProperty("comment").GetString());
        Assert.Equal(1, current.GetProperty("version").GetInt32());

        var kept = await QuestionnaireApi.PutAnswerAsync(colleagueB, invited, "AAA-2.01", "no", current.GetProperty("version").GetInt32(), "B says no");
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        await using var db = database.NewContext();
        var answer = await db.Answers.SingleAsync(Ct);
        Assert.Equal("B says no", answer.Comment);
        var history = await AuditTrail.HistoryAsync(db, nameof(Answer), answer.Id, Ct);
        Assert.Contains("A says yes", history[0].After, StringComparison.Ordinal);
        Assert.Contains("A says yes", history[1].Before, StringComparison.Ordinal);
        Assert.Contains("B says no", history[1].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_locks_the_questionnaire_so_that_later_saves_answer_423()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await QuestionnaireApi.PutAnswerAsync(client, invited, "AAA-1.01", "yes", 0);

        var submitted = await QuestionnaireApi.SendAsync(client, HttpMethod.Post, $"{invited.Api}/submit");
        var again = await QuestionnaireApi.SendAsync(client, HttpMethod.Post, $"{invited.Api}/submit");
        var save = await QuestionnaireApi.PutAnswerAsync(client, invited, "AAA-1.01", "no", 1);
        var read = await JsonAsync(await client.GetAsync(new Uri(invited.Api, UriKind.Relative), Ct));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal((HttpStatusCode)423, again.StatusCode);
        Assert.Equal((HttpStatusCode)423, save.StatusCode);
        Assert.Equal("submitted", (await JsonAsync(save)).GetProperty("state").GetString());
        Assert.Equal("submitted", read.GetProperty("state").GetString());
        await using var db = database.NewContext();
        Assert.Equal(AnswerValue.Yes, (await db.Answers.SingleAsync(Ct)).Value);
        Assert.NotNull((await db.Organisations.SingleAsync(o => o.Id == invited.Seed.OrganisationId, Ct)).SubmittedAt);
    }

    [Theory]
    [InlineData("BBB-1.01", HttpStatusCode.NotFound)]
    [InlineData("AAA-7.01", HttpStatusCode.NotFound)]
    public async Task Put_of_a_statement_outside_the_questionnaire_answers_404_and_saves_nothing(string code, HttpStatusCode expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await QuestionnaireApi.PutAnswerAsync(factory.CreateBrowser(), invited, code, "yes", 0);

        Assert.Equal(expected, response.StatusCode);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
    }

    [Theory]
    [InlineData("""{"value":"maybe","expectedVersion":0}""")]
    [InlineData("""{"value":"yes","expectedVersion":-1}""")]
    [InlineData("""not json""")]
    public async Task Put_of_an_invalid_body_answers_400_and_saves_nothing(string body)
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var antiforgery = await client.GetFromJsonAsync<QuestionnaireApi.AntiforgeryToken>(new Uri("/api/antiforgery", UriKind.Relative), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{invited.Api}/answers/AAA-1.01", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(antiforgery!.HeaderName, antiforgery.Token);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
    }

    [Theory]
    [InlineData("""not json""", "not valid JSON")]
    [InlineData("""{"value":"yes","expectedVersion":""", "not valid JSON")]
    [InlineData("""{"value":"yes","expectedVersion":"seven"}""", "expectedVersion")]
    [InlineData("""{"value":"maybe","expectedVersion":0}""", "value")]
    public async Task Put_of_a_body_that_cannot_be_read_answers_problem_json_saying_what_is_wrong(string body, string named)
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var antiforgery = await client.GetFromJsonAsync<QuestionnaireApi.AntiforgeryToken>(new Uri("/api/antiforgery", UriKind.Relative), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{invited.Api}/answers/AAA-1.01", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(antiforgery!.HeaderName, antiforgery.Token);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Contains(named, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"value":"yes","expectedVersion":0,"comment":"a\u0000b"}""", "comment")]
    [InlineData("""{"value":"yes","expectedVersion":0,"evidence":"lone \ud800 surrogate"}""", "evidence")]
    [InlineData("""{"value":"yes","expectedVersion":0,"comment":"\udc00"}""", "comment")]
    [InlineData("""{"value":"yes","expectedVersion":0,"comment":"not a character \uffff"}""", "comment")]
    [InlineData("""{"value":"yes","expectedVersion":0,"comment":"not a character \ufffe"}""", "comment")]
    public async Task Put_of_a_text_with_a_character_that_cannot_be_stored_answers_problem_json_naming_the_field(string body, string field)
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var antiforgery = await client.GetFromJsonAsync<QuestionnaireApi.AntiforgeryToken>(new Uri("/api/antiforgery", UriKind.Relative), Ct);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"{invited.Api}/answers/AAA-1.01", UriKind.Relative))
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(antiforgery!.HeaderName, antiforgery.Token);

        var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await JsonAsync(response);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.Contains("cannot be stored", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
    }

    [Fact]
    public async Task Put_of_a_comment_too_long_answers_400_naming_the_limit()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await QuestionnaireApi.PutAnswerAsync(factory.CreateBrowser(), invited, "AAA-1.01", "yes", 0, new string('x', 4001));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("4000", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Put_without_the_antiforgery_header_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().PutAsJsonAsync(new Uri($"{invited.Api}/answers/AAA-1.01", UriKind.Relative), new { value = "yes", expectedVersion = 0 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("replaced")]
    [InlineData("unknown")]
    [InlineData("malformed")]
    [InlineData("truncated")]
    public async Task Every_dead_link_answers_the_same_404_on_every_endpoint(string how)
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        var dead = await InvitedOrganisation.DeadLinkAsync(database, invited.Seed.OtherOrganisationId, how);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        var responses = new[]
        {
            await client.GetAsync(new Uri($"/api/q/{dead}", UriKind.Relative), Ct),
            await QuestionnaireApi.SendAsync(client, HttpMethod.Put, $"/api/q/{dead}/answers/BBB-1.01", new { value = "yes", expectedVersion = 0 }),
            await QuestionnaireApi.SendAsync(client, HttpMethod.Post, $"/api/q/{dead}/submit"),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("This link is not valid", (await JsonAsync(response)).GetProperty("title").GetString());
        }

        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
        Assert.All(await db.Organisations.ToListAsync(Ct), o => Assert.Null(o.SubmittedAt));
    }

    [Fact]
    public async Task Invalid_links_beyond_the_limit_get_429_and_then_a_valid_link_waits_unless_this_browser_opened_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:LinkFailurePermitLimit", "3"));
        var client = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var guess = await InvitedOrganisation.DeadLinkAsync(database, invited.Seed.OrganisationId, "unknown");

        // Valid requests never count: many of them leave the failure allowance intact.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(invited.Api, UriKind.Relative), Ct)).StatusCode);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync(new Uri($"/api/q/{guess}", UriKind.Relative), Ct)).StatusCode);
        }

        var refused = await client.GetAsync(new Uri($"/api/q/{guess}", UriKind.Relative), Ct);
        var validMeanwhile = await limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }).GetAsync(new Uri(invited.Api, UriKind.Relative), Ct);
        var validInThisBrowser = await client.GetAsync(new Uri(invited.Api, UriKind.Relative), Ct);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.StartsWith("Too many attempts", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, validMeanwhile.StatusCode);
        Assert.Equal(HttpStatusCode.OK, validInThisBrowser.StatusCode);
    }

    [Fact]
    public async Task Responses_carrying_the_link_send_no_referrer_and_are_not_cached()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        foreach (var url in new[] { invited.Api, "/api/q/not-a-link" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
            Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }

        var elsewhere = await client.GetAsync(new Uri("/frameworks", UriKind.Relative), Ct);
        Assert.Equal("strict-origin-when-cross-origin", string.Join(",", elsewhere.Headers.GetValues("Referrer-Policy")));
    }
}
