using System.Net;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Security;

public sealed class RateLimitTests
{
    [Fact]
    public async Task Requests_with_an_API_token_beyond_the_limit_get_429_with_Retry_After()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(MegaBench.Rounds.RoundStatus.Published).BuildAsync(database);
        var (_, secret) = await ApiTokenPeople.CreateAsync(database, "busy@example.org");
        await using var factory = new MegaBenchAppFactory(database);
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:ApiTokenPermitLimit", "3"));
        var client = limited.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await ApiTokenPeople.GetAsync(client, $"/api/rounds/{round.RoundId}", secret)).StatusCode);
        }

        var refused = await ApiTokenPeople.GetAsync(client, $"/api/rounds/{round.RoundId}", secret);
        var withoutToken = await client.GetAsync(new Uri($"/api/rounds/{round.RoundId}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.StartsWith("Too many attempts from your address. Wait ", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withoutToken.StatusCode);
    }
}
