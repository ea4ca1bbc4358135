using System.Net.Http.Json;
using MegaBench.Questionnaires;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Questionnaires;

namespace MegaBench.Tests.Web.Questionnaires;

/// <summary>An open round whose organisation (group AAA, six statements) has a valid questionnaire link.</summary>
internal sealed record InvitedOrganisation(QuestionnaireSeed Seed, string Token)
{
    public string Page => $"/q/{Token}";

    public string Api => $"/api/q/{Token}";

    public static async Task<InvitedOrganisation> CreateAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var seed = await QuestionnaireSeed.SaveAsync(db);
        var (_, token) = await Questionnaire.IssueInvitationAsync(db, seed.OrganisationId, DateTimeOffset.UtcNow.AddDays(30), "Ada Coordinator", TestContext.Current.CancellationToken);
        return new InvitedOrganisation(seed, token);
    }

    /// <summary>A link of the same organisation that no longer works, for each way a link stops working.</summary>
    public static async Task<string> DeadLinkAsync(TestDatabase database, int organisationId, string how)
    {
        await using var db = database.NewContext();
        var ct = TestContext.Current.CancellationToken;
        switch (how)
        {
            case "revoked":
            {
                var (_, token) = await Questionnaire.IssueInvitationAsync(db, organisationId, DateTimeOffset.UtcNow.AddDays(1), "Ada", ct);
                await Questionnaire.RevokeAsync(db, organisationId, ct);
                return token;
            }

            case "expired":
            {
                db.Clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-10));
                var (_, token) = await Questionnaire.IssueInvitationAsync(db, organisationId, DateTimeOffset.UtcNow.AddDays(-1), "Ada", ct);
                return token;
            }

            case "replaced":
            {
                var (_, token) = await Questionnaire.IssueInvitationAsync(db, organisationId, DateTimeOffset.UtcNow.AddDays(1), "Ada", ct);
                await Questionnaire.IssueInvitationAsync(db, organisationId, DateTimeOffset.UtcNow.AddDays(1), "Ada", ct);
                return token;
            }

            case "unknown":
                return Questionnaire.TokenPrefix + new string('A', Questionnaire.TokenLength - Questionnaire.TokenPrefix.Length);
            case "malformed":
                return "not-a-link";
            case "truncated":
                return (await Questionnaire.IssueInvitationAsync(db, organisationId, DateTimeOffset.UtcNow.AddDays(1), "Ada", ct)).Token[..^1];
            default:
                throw new ArgumentOutOfRangeException(nameof(how));
        }
    }
}

/// <summary>Script-side requests to the questionnaire API, with the antiforgery header API writes need.</summary>
internal static class QuestionnaireApi
{
    public sealed record AntiforgeryToken(string HeaderName, string Token);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var antiforgery = await client.GetFromJsonAsync<AntiforgeryToken>(new Uri("/api/antiforgery", UriKind.Relative), TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Add(antiforgery!.HeaderName, antiforgery.Token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static Task<HttpResponseMessage> PutAnswerAsync(HttpClient client, InvitedOrganisation invited, string code, string value, int expectedVersion, string? comment = null, string? evidence = null) =>
        SendAsync(client, HttpMethod.Put, $"{invited.Api}/answers/{code}", new { value, comment, evidence, expectedVersion });
}
