using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace MegaBench.Web.Security;

/// <summary>The limits of configuration section <c>RateLimits</c>; tests lower them.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Posts per client address and window to an endpoint that takes a secret (sign-in, setup, questionnaire links).</summary>
    public int SecretsPermitLimit { get; set; } = 10;

    /// <summary>API requests per client address and window that present a personal API token.</summary>
    public int ApiTokenPermitLimit { get; set; } = 300;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// Rate limiting of everything that takes a secret, per client address, answering 429 with
/// <c>Retry-After</c> and a plain sentence.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>The <see cref="SecretsPolicy"/> policy, put on a page or endpoint by name (<c>[EnableRateLimiting("secrets")]</c>),
/// counts its posts only: reading the sign-in form guesses nothing, and a visitor who reloads it is not locked out.</item>
/// <item>Every API request with a bearer token is counted too (more generously: scripts make many calls), so that
/// nobody can try tokens by the thousand.</item>
/// </list>
/// The client address is the connection's: behind a reverse proxy, configure forwarded headers so that it is
/// the visitor's and not the proxy's (docs/deployment.md).
/// </remarks>
public static class RateLimits
{
    public const string SecretsPolicy = "secrets";

    public static IServiceCollection AddMegaBenchRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.SectionName));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;

            options.AddPolicy(SecretsPolicy, context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("read");
                }

                var limits = Limits(context);
                return RateLimitPartition.GetFixedWindowLimiter("secrets:" + ClientAddress(context), _ => Window(limits.SecretsPermitLimit, limits));
            });

            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!ApiTokenAuthentication.PresentsBearerToken(context.Request))
                {
                    return RateLimitPartition.GetNoLimiter("no token");
                }

                var limits = Limits(context);
                return RateLimitPartition.GetFixedWindowLimiter("token:" + ClientAddress(context), _ => Window(limits.ApiTokenPermitLimit, limits));
            });
        });
        return services;
    }

    private static RateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;

    private static FixedWindowRateLimiterOptions Window(int permits, RateLimitOptions limits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : Limits(rejected.HttpContext).WindowSeconds;
        seconds = Math.Max(1, seconds);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(
            $"Too many attempts from your address. Wait {seconds} second{(seconds == 1 ? "" : "s")} and try again.",
            cancellationToken);
    }
}
