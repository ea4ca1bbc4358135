namespace MegaBench.Web.Security;

/// <summary>
/// What the browser is told about HTTPS (issue 15, hardening finding 8): the antiforgery cookie is <c>Secure</c>
/// whenever the request came over HTTPS (behind a proxy, as the forwarded headers say), and HSTS asks browsers to
/// use HTTPS only for a year, subdomains included unless <c>Security:HstsIncludeSubDomains</c> is false (for a site
/// whose parent domain serves plain-HTTP subdomains).
/// </summary>
public static class TransportSecurity
{
    public const string IncludeSubDomainsKey = "Security:HstsIncludeSubDomains";

    public static IServiceCollection AddMegaBenchTransportSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = !bool.TryParse(configuration[IncludeSubDomainsKey], out var include) || include;
        });
        return services;
    }
}
