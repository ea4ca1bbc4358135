using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MegaBench.Tests.Web.Security;

/// <summary>The antiforgery cookie's Secure flag follows the request's scheme; HSTS is one year (issue 15, finding 8).</summary>
public sealed class TransportSecurityTests
{
    [Theory]
    [InlineData("https://localhost", true)]
    [InlineData("http://localhost", false)]
    public async Task The_antiforgery_cookie_is_secure_when_the_page_came_over_https(string origin, bool secure)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(origin), AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/account/signin", UriKind.Relative), TestContext.Current.CancellationToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("false", false)]
    public async Task Hsts_lasts_a_year_with_subdomains_unless_turned_off(string? setting, bool subdomains)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        await using var configured = factory.WithWebHostBuilder(b => b.UseSetting(TransportSecurity.IncludeSubDomainsKey, setting));

        var hsts = configured.Services.GetRequiredService<IOptions<HstsOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(365), hsts.MaxAge);
        Assert.Equal(subdomains, hsts.IncludeSubDomains);
    }
}
