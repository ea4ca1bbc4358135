using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
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

    /// <summary>
    /// Questionnaire-link lookups that find no valid link (unknown, expired, revoked, malformed), per client
    /// address and window, before every link request from that address answers 429.
    /// </summary>
    public int LinkFailurePermitLimit { get; set; } = 20;

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

    /// <summary>
    /// The limiter of failed questionnaire-link lookups (see <see cref="LinkLookupLimiter"/>): one per app
    /// instance, like the policies above.
    /// </summary>
    public static IServiceCollection AddLinkLookupLimiter(this IServiceCollection services) =>
        services.AddSingleton<LinkLookupLimiter>();

    internal static RateLimitOptions Limits(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value;

    internal static FixedWindowRateLimiterOptions Window(int permits, RateLimitOptions limits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromSeconds(Math.Max(1, limits.WindowSeconds)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    internal static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken) =>
        WriteRejectionAsync(rejected.HttpContext, rejected.Lease, cancellationToken);

    /// <summary>The 429 answer: <c>Retry-After</c> from the lease (else the window) and a plain sentence.</summary>
    internal static async ValueTask WriteRejectionAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var response = context.Response;
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? (int)Math.Ceiling(retryAfter.TotalSeconds)
            : Limits(context).WindowSeconds;
        seconds = Math.Max(1, seconds);
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(
            $"Too many attempts from your address. Wait {seconds} second{(seconds == 1 ? "" : "s")} and try again.",
            cancellationToken);
    }
}

/// <summary>
/// Counts failed questionnaire-link lookups per client address. Only failures count: colleagues behind one
/// office address autosave many answers through a valid link and must never be slowed down, while someone
/// trying links finds only failures. Once an address has used up its failures for the window, every link
/// request from it answers 429 until the window ends, except a link this browser has already opened.
/// </summary>
/// <remarks>
/// The ASP.NET Core rate-limiting middleware decides before the endpoint runs, so it cannot tell a failed
/// lookup from a good one; this limiter is asked by the link resolution itself (<c>QuestionnaireLinks</c>).
/// </remarks>
public sealed class LinkLookupLimiter : IDisposable
{
    /// <summary>The cookie that records the links this browser has opened successfully.</summary>
    public const string ProofCookie = "mb-links";

    /// <summary>Links remembered per browser: a respondent rarely holds more than a few.</summary>
    private const int ProvenLinksKept = 8;

    private readonly PartitionedRateLimiter<string> _failures;
    private readonly IDataProtector _proof;

    public LinkLookupLimiter(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options, IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(protection);
        _proof = protection.CreateProtector("MegaBench.LinkLookupLimiter.Proof");
        var limits = options.Value;
        _failures = PartitionedRateLimiter.Create<string, string>(address =>
            RateLimitPartition.GetFixedWindowLimiter(address, _ => RateLimits.Window(limits.LinkFailurePermitLimit, limits)));
    }

    /// <summary>
    /// A failed lease (with its retry delay) when the address has no failures left and this browser has not
    /// already opened <paramref name="token"/> successfully, else null.
    /// </summary>
    /// <remarks>
    /// A hostile page can make a respondent's browser request dead links (<c>&lt;img src=".../q/guess"&gt;</c>)
    /// until the address is locked out. The respondent's own link has proven itself in this browser (see
    /// <see cref="RecordSuccess"/>), so it keeps opening; a browser without that proof, the guesser's, stays limited.
    /// </remarks>
    public RateLimitLease? Refusal(HttpContext context, string? token)
    {
        ArgumentNullException.ThrowIfNull(context);

        // Asking for zero permits tells whether any is left, without using one.
        var lease = _failures.AttemptAcquire(RateLimits.ClientAddress(context), 0);
        if (lease.IsAcquired || HasProven(context, token))
        {
            lease.Dispose();
            return null;
        }

        return lease;
    }

    /// <summary>
    /// Remembers in this browser that <paramref name="token"/> is a valid link: a protected, HTTP-only cookie
    /// with the hashes of the last few links it opened (never the links themselves).
    /// </summary>
    public void RecordSuccess(HttpContext context, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        var hash = Hash(token);
        var proven = ProvenHashes(context);
        if (proven.Contains(hash, StringComparer.Ordinal))
        {
            return;
        }

        var kept = proven.Prepend(hash).Take(ProvenLinksKept);
        context.Response.Cookies.Append(ProofCookie, _proof.Protect(string.Join(' ', kept)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(90),
        });
    }

    private bool HasProven(HttpContext context, string? token) =>
        !string.IsNullOrEmpty(token) && ProvenHashes(context).Contains(Hash(token), StringComparer.Ordinal);

    private string[] ProvenHashes(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(ProofCookie, out var value) || string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return _proof.Unprotect(value).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A forged or stale cookie proves nothing.
            return [];
        }
    }

    private static string Hash(string token) => MegaBench.Accounts.Secrets.Hash(token);

    /// <summary>Counts one failed lookup from the request's address.</summary>
    public void RecordFailure(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var lease = _failures.AttemptAcquire(RateLimits.ClientAddress(context));
    }

    public void Dispose() => _failures.Dispose();
}
