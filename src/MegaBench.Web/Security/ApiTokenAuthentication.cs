using System.Security.Claims;
using System.Text.Encodings.Web;
using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MegaBench.Web.Security;

/// <summary>
/// Personal API tokens (<c>Authorization: Bearer mbt_…</c>) on the JSON API. A token signs the request in as
/// its owner, with the owner's id in the same claim as the sign-in cookie, so the owner's grants and nothing
/// more apply. Pages keep the sign-in cookie: a token is accepted under <c>/api</c> only.
/// </summary>
/// <remarks>
/// The scheme is the default for authentication and forwards every request that carries no bearer token
/// under <c>/api</c> to the scheme that was the default before (the sign-in cookie), so both reach the API.
/// A token that is unknown, revoked, expired or malformed fails; <see cref="ApiRequestChecks"/> then answers
/// 401 rather than serving the request as anonymous, so a script learns its token no longer works.
/// </remarks>
public static class ApiTokenAuthentication
{
    public const string Scheme = "ApiToken";

    private const string Bearer = "Bearer";

    /// <summary>How long a token's <see cref="ApiToken.LastUsedAt"/> may lag: at most one write per token and minute.</summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddApiTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, displayName: "Personal API token", _ => { });

        // Runs after every Configure (Identity's included), so this scheme stays the default authenticator.
        services.AddOptions<AuthenticationOptions>().PostConfigure(options => options.DefaultAuthenticateScheme = Scheme);
        services.AddOptions<AuthenticationSchemeOptions>(Scheme).PostConfigure<IOptions<AuthenticationOptions>>((scheme, authentication) =>
        {
            // Requests without a token go to the sign-in cookie; an app without accounts has none to forward to.
            var cookie = authentication.Value.SchemeMap.ContainsKey(IdentityConstants.ApplicationScheme) ? IdentityConstants.ApplicationScheme : null;
            scheme.ForwardDefaultSelector = context => PresentsBearerToken(context.Request) ? null : cookie;
        });
        return services;
    }

    /// <summary>Whether the request presents a bearer token to the API (well formed or not).</summary>
    public static bool PresentsBearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && request.Headers.Authorization.ToString().Trim() is var value
            && value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && (value.Length == Bearer.Length || value[Bearer.Length] == ' ');
    }

    private sealed class Handler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        MegaBenchDbContext db,
        IOptions<IdentityOptions> identity) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!PresentsBearerToken(Request))
            {
                return AuthenticateResult.NoResult();
            }

            var secret = Request.Headers.Authorization.ToString().Trim()[Bearer.Length..].Trim();
            var userId = await ApiTokens.FindUserAsync(db, secret, Context.RequestAborted);
            if (userId is null)
            {
                return AuthenticateResult.Fail("The API token is unknown, revoked or expired.");
            }

            await RecordUseAsync(secret);
            var user = await db.Users.AsNoTracking()
                .Where(u => u.Id == userId)
                .Select(u => new { u.UserName, u.Email, u.DisplayName })
                .SingleAsync(Context.RequestAborted);

            var types = identity.Value.ClaimsIdentity;
            var claims = new List<Claim>
            {
                new(types.UserIdClaimType, userId),
                new(types.UserNameClaimType, user.UserName ?? userId),
            };
            if (user.Email is { } email)
            {
                claims.Add(new Claim(types.EmailClaimType, email));
            }

            if (!string.IsNullOrWhiteSpace(user.DisplayName))
            {
                claims.Add(new Claim(AccountClaims.DisplayName, user.DisplayName));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, ApiTokenAuthentication.Scheme, types.UserNameClaimType, types.RoleClaimType));
            return AuthenticateResult.Success(new AuthenticationTicket(principal, ApiTokenAuthentication.Scheme));
        }

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Bearer";
            return Task.CompletedTask;
        }

        /// <summary>Stamps the token's last use, at most once a minute, so that a busy script does not write on every call.</summary>
        private async Task RecordUseAsync(string secret)
        {
            var hash = Secrets.Hash(secret);
            var token = await db.ApiTokens.SingleAsync(t => t.SecretHash == hash, Context.RequestAborted);
            var now = db.Clock.GetUtcNow();
            if (token.LastUsedAt is { } last && now - last < LastUsedPrecision)
            {
                return;
            }

            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }
    }
}
