using System.Net;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Api.Writes;

/// <summary>
/// A write whose body names a field the API does not know, or is not valid JSON: 400 problem+json naming the field,
/// and nothing saved (the API's serializer options, set once in Program, refuse unmapped members).
/// </summary>
public sealed class UnreadableBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    // A misspelt field would otherwise be dropped and the organisation saved without it.
    [InlineData("rounds", """{"name": "Alder", "groupCode": "AAA", "kind": "chamber", "webiste": "https://alder.example.org"}""", "webiste", "is not a field")]
    [InlineData("rounds", """{"name": "Alder", "groupCode": "AAA", "kind": "chamber", "extra": {"nested": 1}}""", "extra", "is not a field")]
    [InlineData("answers", """{"value": "yes", "expectedVersoin": 0}""", "expectedVersoin", "is not a field")]
    [InlineData("rounds", """{"name": "Alder", "groupCode": }""", "groupCode", "not valid JSON")]
    [InlineData("answers", """{"value": "yes", "expectedVersion": "seven"}""", "expectedVersion", "wrong kind")]
    public async Task A_body_with_an_unknown_field_or_bad_json_is_refused_naming_the_field(string target, string body, string field, string says)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Existing", "AAA").BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org", TestRole.CoordinatorOf(round.CityId));
        var since = await WriteApi.LastAuditIdAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var (method, url) = target == "rounds"
            ? (HttpMethod.Post, $"/api/rounds/{round.RoundId}/organisations")
            : (HttpMethod.Put, $"/api/organisations/{round.Organisations["Existing"]}/answers/AAA-1.01");

        var response = await ApiTokenPeople.SendAsync(factory.CreateClient(), method, url, secret, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await WriteApi.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(field, problem.GetProperty("field").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(says, detail, StringComparison.Ordinal);
        Assert.Contains(field, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("MegaBench.", detail, StringComparison.Ordinal);
        Assert.Empty(await WriteApi.AuditSinceAsync(database, since));
        await using var db = database.NewContext();
        Assert.Equal(1, await db.Organisations.CountAsync(Ct));
    }
}
