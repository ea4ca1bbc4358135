using System.Net;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.Hosting;

namespace MegaBench.Tests.Web.Security;

public sealed class SecurityHeadersTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/rounds/{round}")]
    [InlineData("/api/networks")]
    [InlineData("/api/rounds/{round}")]
    [InlineData("/api/rounds/999999")]
    [InlineData("/no/such/page")]
    [InlineData("/openapi/v1.json")]
    public async Task Pages_and_API_responses_carry_the_security_headers(string template)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var url = template.Replace("{round}", $"{round.RoundId}", StringComparison.Ordinal);

        var response = await factory.CreateClient().GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, csp);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_plain_HTTP_is_redirected_to_HTTPS_and_HTTPS_answers_carry_HSTS()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var production = factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("https_port", "443"));

        var plain = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("http://megabench.example/") });
        var redirected = await plain.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var secure = production.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://megabench.example/") });
        var served = await secure.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://megabench.example/health", redirected.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.StartsWith("max-age=", Header(served, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tests_and_development_serve_plain_HTTP_without_HSTS()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode}) has no {name} header.");
}
