using System.Net;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Security;

/// <summary>
/// Behind a reverse proxy, the rate limits count the visitor's address from X-Forwarded-For, but only when the
/// header comes from a configured proxy: anyone else could choose the address they are counted under.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Proxy = "10.1.2.3";

    [Fact]
    public async Task Behind_a_known_proxy_each_visitor_has_its_own_rate_limit()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var app = Configure(factory, connectionFrom: Proxy, ("ForwardedHeaders:Enabled", "true"), ("ForwardedHeaders:KnownProxies:0", Proxy));

        var first = await SignInAttemptsAsync(app, "203.0.113.7", attempts: 3);
        var second = await SignInAttemptsAsync(app, "203.0.113.8", attempts: 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], first);
        Assert.Equal([HttpStatusCode.OK], second);
    }

    [Fact]
    public async Task X_Forwarded_For_from_a_connection_that_is_not_a_known_proxy_is_ignored()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var app = Configure(factory, connectionFrom: "192.0.2.50", ("ForwardedHeaders:Enabled", "true"), ("ForwardedHeaders:KnownNetworks:0", "10.1.0.0/16"));

        var first = await SignInAttemptsAsync(app, "203.0.113.7", attempts: 2);
        var second = await SignInAttemptsAsync(app, "203.0.113.8", attempts: 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], first);
        Assert.Equal([HttpStatusCode.TooManyRequests], second);
    }

    [Fact]
    public async Task Without_the_setting_X_Forwarded_For_is_ignored()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var app = Configure(factory, connectionFrom: Proxy, ("ForwardedHeaders:KnownProxies:0", Proxy));

        var first = await SignInAttemptsAsync(app, "203.0.113.7", attempts: 2);
        var second = await SignInAttemptsAsync(app, "203.0.113.8", attempts: 1);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], first);
        Assert.Equal([HttpStatusCode.TooManyRequests], second);
    }

    [Fact]
    public async Task A_known_network_that_is_not_CIDR_stops_the_app_with_a_message_naming_the_setting()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        using var app = Configure(factory, connectionFrom: Proxy, ("ForwardedHeaders:Enabled", "true"), ("ForwardedHeaders:KnownNetworks:0", "10.1.2.3/99"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.CreateClient().GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Contains("ForwardedHeaders:KnownNetworks", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The app with a sign-in limit of 2 posts, whose connections all come from <paramref name="connectionFrom"/>.</summary>
    private static Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Configure(
        MegaBenchAppFactory factory, string connectionFrom, params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RateLimits:SecretsPermitLimit", "2");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            // The test server has no socket: this sets the connection's address, as Kestrel would, before the app's pipeline.
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ConnectionAddress(IPAddress.Parse(connectionFrom))));
        });

    private static async Task<List<HttpStatusCode>> SignInAttemptsAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, string visitor, int attempts)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", visitor);
        var fields = new Dictionary<string, string?> { ["Input.Email"] = "guess@example.org", ["Input.Password"] = "wrong guess 123" };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            statuses.Add((await client.SubmitFormAsync("/account/signin", fields)).StatusCode);
        }

        return statuses;
    }

    private sealed class ConnectionAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
