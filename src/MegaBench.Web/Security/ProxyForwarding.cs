using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MegaBench.Web.Security;

/// <summary>The configuration section <c>ForwardedHeaders</c>: which reverse proxies the app believes.</summary>
public sealed class ProxyForwardingOptions
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Read <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies below (default off).</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies, e.g. <c>10.0.0.5</c>. With neither list set, only a proxy on loopback is believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>How many proxies in a row are believed (the default 1: one reverse proxy in front of the app).</summary>
    public int ForwardLimit { get; set; } = 1;
}

/// <summary>
/// Forwarded headers from the reverse proxies of configuration section <c>ForwardedHeaders</c>, so that behind a
/// proxy the client address (which the rate limits count by) and the scheme are the visitor's, not the proxy's.
/// </summary>
/// <remarks>
/// Off unless <c>ForwardedHeaders:Enabled</c> is true: an app reached directly must not let a visitor choose the
/// address it is counted under by sending <c>X-Forwarded-For</c> itself. When on, the header is believed only from
/// a connection whose address is one of <c>KnownProxies</c> or inside one of <c>KnownNetworks</c> (loopback when
/// neither is set); from anyone else it is ignored. <c>X-Forwarded-Host</c> is not read: the app never builds
/// absolute addresses from the host.
/// </remarks>
public static class ProxyForwarding
{
    public static IServiceCollection AddMegaBenchProxyForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProxyForwardingOptions>(configuration.GetSection(ProxyForwardingOptions.SectionName));
        services.AddOptions<ForwardedHeadersOptions>().Configure<Microsoft.Extensions.Options.IOptions<ProxyForwardingOptions>>((options, configured) =>
        {
            var settings = configured.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            if (settings.KnownProxies.Count == 0 && settings.KnownNetworks.Count == 0)
            {
                return;
            }

            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address. Give addresses such as 10.0.0.5 or ::1."));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation. Give networks such as 10.0.0.0/24."));
            }
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it (rate limits, HTTPS redirection) sees the visitor.</summary>
    public static IApplicationBuilder UseMegaBenchProxyForwarding(this IApplicationBuilder app)
    {
        var settings = app.ApplicationServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ProxyForwardingOptions>>().Value;
        return settings.Enabled ? app.UseForwardedHeaders() : app;
    }
}
