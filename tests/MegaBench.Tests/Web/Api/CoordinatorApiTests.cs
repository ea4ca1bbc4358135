using System.Net;
using System.Text.Json;
using MegaBench.Answers;
using MegaBench.Questionnaires;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;

namespace MegaBench.Tests.Web.Api;

/// <summary>The coordinator's questionnaire API driven with a personal API token, as a script would. Permissions per role are in RouteTableAccessTests.</summary>
public sealed class CoordinatorApiTests
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task A_coordinator_issues_revokes_validates_and_reopens_through_the_api()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes))
            .WithOrganisation("Beta", "BBB")
            .BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();
        var alpha = round.Organisations["Alpha"];
        var beta = round.Organisations["Beta"];
        Task<HttpResponseMessage> Send(HttpMethod method, string url) => ApiTokenPeople.SendAsync(client, method, url, secret);

        var issued = await JsonAsync(await Send(HttpMethod.Post, $"/api/organisations/{beta}/invitation?expiresInDays=14"), HttpStatusCode.Created);
        var token = issued.GetProperty("token").GetString()!;
        Assert.Equal($"http://localhost/q/{token}", issued.GetProperty("url").GetString());
        await using (var db = database.NewContext())
        {
            Assert.Equal(beta, (await Questionnaire.ResolveAsync(db, token, Ct))!.Target.OrganisationId);
        }

        var list = await JsonAsync(await Send(HttpMethod.Get, $"/api/rounds/{round.RoundId}/questionnaires"), HttpStatusCode.OK);
        Assert.Equal([("Alpha", "inProgress", 1, 6), ("Beta", "invited", 0, 6)],
            list.EnumerateArray().Select(o => (o.GetProperty("name").GetString(), o.GetProperty("state").GetString(), o.GetProperty("answered").GetInt32(), o.GetProperty("statements").GetInt32())));

        var revoked = await JsonAsync(await Send(HttpMethod.Delete, $"/api/organisations/{beta}/invitation"), HttpStatusCode.OK);
        Assert.Equal("notInvited", revoked.GetProperty("state").GetString());
        var again = await JsonAsync(await Send(HttpMethod.Delete, $"/api/organisations/{beta}/invitation"), HttpStatusCode.Conflict);
        Assert.StartsWith($"Organisation {beta} has no active questionnaire link to revoke", again.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Null(await Questionnaire.ResolveAsync(db, token, Ct));
        }

        // Alpha never submitted: validation takes the reason for the exception.
        var notSubmitted = await JsonAsync(await Send(HttpMethod.Post, $"/api/organisations/{alpha}/questionnaire/validate"), HttpStatusCode.Conflict);
        Assert.Equal(("Not submitted", "reason"), (notSubmitted.GetProperty("title").GetString(), notSubmitted.GetProperty("field").GetString()));
        var validated = await JsonAsync(await Send(HttpMethod.Post, $"/api/organisations/{alpha}/questionnaire/validate?reason=answers%20given%20on%20paper"), HttpStatusCode.OK);
        Assert.Equal("validated", validated.GetProperty("state").GetString());
        await JsonAsync(await Send(HttpMethod.Post, $"/api/organisations/{alpha}/questionnaire/validate"), HttpStatusCode.Conflict);
        var reopened = await JsonAsync(await Send(HttpMethod.Post, $"/api/organisations/{alpha}/questionnaire/reopen"), HttpStatusCode.OK);
        Assert.Equal("inProgress", reopened.GetProperty("state").GetString());
        await JsonAsync(await Send(HttpMethod.Post, $"/api/organisations/{alpha}/questionnaire/reopen"), HttpStatusCode.Conflict);
        var status = await JsonAsync(await Send(HttpMethod.Get, $"/api/organisations/{alpha}/questionnaire"), HttpStatusCode.OK);
        Assert.Equal(("Alpha", "AAA", "inProgress"), (status.GetProperty("name").GetString(), status.GetProperty("groupCode").GetString(), status.GetProperty("state").GetString()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public async Task An_expiry_out_of_range_is_refused_with_the_range(int days)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org");
        await using var factory = new MegaBenchAppFactory(database);

        var response = await ApiTokenPeople.SendAsync(factory.CreateClient(), HttpMethod.Post, $"/api/organisations/{round.Organisations["Alpha"]}/invitation?expiresInDays={days}", secret);

        var problem = await JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal($"expiresInDays is {days}; choose between 1 and 365 days (default 30).", problem.GetProperty("detail").GetString());
        await using var db = database.NewContext();
        Assert.Empty(db.Invitations);
    }

    [Fact]
    public async Task The_coordinator_of_another_city_and_an_anonymous_caller_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(MegaBench.Rounds.RoundStatus.Published).WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "stranger@example.org", TestRole.CoordinatorOf(other.CityId));
        await using var factory = new MegaBenchAppFactory(database);
        var url = $"/api/organisations/{round.Organisations["Alpha"]}/invitation";

        // The round is published, so both may read it: managing it is what they are refused.
        var stranger = await ApiTokenPeople.SendAsync(factory.CreateClient(), HttpMethod.Post, url, secret);
        var anonymous = await factory.CreateClient().GetAsync(new Uri($"/api/rounds/{round.RoundId}/questionnaires", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await using var db = database.NewContext();
        Assert.Empty(db.Invitations);
    }
}
