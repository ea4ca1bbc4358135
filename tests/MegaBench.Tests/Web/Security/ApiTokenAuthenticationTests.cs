using System.Net;
using System.Net.Http.Headers;
using MegaBench.Accounts;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Security;

public sealed class ApiTokenAuthenticationTests
{
    [Fact]
    public async Task A_valid_token_reads_the_API_and_records_its_last_use()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var (userId, secret) = await ApiTokenPeople.CreateAsync(database, "reader@example.org");
        await using var factory = new MegaBenchAppFactory(database);

        var response = await ApiTokenPeople.GetAsync(factory.CreateClient(), $"/api/rounds/{round.RoundId}", secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = database.NewContext();
        var token = await db.ApiTokens.SingleAsync(t => t.UserId == userId, TestContext.Current.CancellationToken);
        Assert.NotNull(token.LastUsedAt);
    }

    [Fact]
    public async Task Last_use_is_written_at_most_once_a_minute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var (userId, secret) = await ApiTokenPeople.CreateAsync(database, "reader@example.org");
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient();

        await ApiTokenPeople.GetAsync(client, $"/api/rounds/{round.RoundId}", secret);
        await using var db = database.NewContext();
        var first = (await db.ApiTokens.AsNoTracking().SingleAsync(t => t.UserId == userId, TestContext.Current.CancellationToken)).LastUsedAt;
        await ApiTokenPeople.GetAsync(client, $"/api/rounds/{round.RoundId}", secret);
        var second = (await db.ApiTokens.AsNoTracking().SingleAsync(t => t.UserId == userId, TestContext.Current.CancellationToken)).LastUsedAt;

        Assert.NotNull(first);
        Assert.Equal(first, second);
    }

    public static TheoryData<string> RefusedTokens => new() { "revoked", "expired", "unknown", "malformed", "empty", "erased owner" };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_token_that_does_not_sign_in_gets_401_not_anonymous_access(string kind)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        var (userId, secret) = await ApiTokenPeople.CreateAsync(database, "script@example.org");
        await using (var db = database.NewContext())
        {
            var token = await db.ApiTokens.SingleAsync(TestContext.Current.CancellationToken);
            var user = await db.Users.SingleAsync(u => u.Id == userId, TestContext.Current.CancellationToken);
            switch (kind)
            {
                case "revoked":
                    token.RevokedAt = DateTimeOffset.UtcNow.AddMinutes(-1);
                    break;
                case "expired":
                    token.ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
                    break;
                case "unknown":
                    secret = Secrets.Create(ApiTokens.Prefix);
                    break;
                case "malformed":
                    secret = "not-a-token ' OR 1=1 --";
                    break;
                case "empty":
                    secret = "";
                    break;
                case "erased owner":
                    user.ErasedAt = DateTimeOffset.UtcNow;
                    break;
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var factory = new MegaBenchAppFactory(database);

        var response = await ApiTokenPeople.GetAsync(factory.CreateClient(), $"/api/rounds/{round.RoundId}", secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Contains("/account/tokens", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_ignore_bearer_tokens()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "mbt_forged");

        var response = await factory.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

/// <summary>Accounts with a personal API token, straight into a test database.</summary>
internal static class ApiTokenPeople
{
    /// <summary>An account (administrator of every network unless <paramref name="roles"/> say otherwise) with one token.</summary>
    public static async Task<(string UserId, string Secret)> CreateAsync(TestDatabase database, string email, params TestRole[] roles)
    {
        var userId = await TestAccounts.CreateAsync(database, email, roles.Length == 0 ? [TestRole.AdministratorOfEveryNetwork] : roles);
        await using var db = database.NewContext();
        var (_, secret) = await ApiTokens.CreateAsync(db, userId, "script", null, TestContext.Current.CancellationToken);
        return (userId, secret);
    }

    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string secret) =>
        SendAsync(client, HttpMethod.Get, url, secret);

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string? secret, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative)) { Content = content };
        if (secret is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + secret);
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
