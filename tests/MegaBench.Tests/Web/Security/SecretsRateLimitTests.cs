using System.Net;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Security;

public sealed class SecretsRateLimitTests
{
    [Theory]
    [InlineData("/account/signin", "Input.Email", "Input.Password")]
    [InlineData("/setup", "Input.Code", "Input.Password")]
    public async Task Posts_beyond_the_limit_get_429_with_Retry_After_while_the_form_still_reads(string url, string first, string second)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:SecretsPermitLimit", "3"));
        var client = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var fields = new Dictionary<string, string?> { [first] = "guess@example.org", [second] = "wrong guess 123" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.SubmitFormAsync(url, fields)).StatusCode);
        }

        var refused = await client.SubmitFormAsync(url, fields);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.StartsWith("Too many attempts", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
