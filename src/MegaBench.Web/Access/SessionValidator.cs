using System.Security.Claims;
using MegaBench.Accounts;
using MegaBench.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MegaBench.Web.Access;

/// <summary>
/// Checks a sign-in cookie against its account on every request: a cookie whose security stamp is no longer the
/// account's (after a sign-out, a password change, an erasure) is refused at once, on every app instance, since
/// the stamp is read from the shared database each time.
/// </summary>
/// <remarks>
/// This replaces Identity's <see cref="SecurityStampValidator"/> at a zero interval, which on each request loaded
/// the whole account, rebuilt the principal (claims and roles queries) and issued a new cookie: about a third of a
/// signed-in page's cost (issue 7). Here one command reads the stamp, the names the cookie carries and the account's
/// grants (<see cref="StampReader.SessionAsync"/>); the principal is rebuilt, and the cookie renewed, only when one of
/// those names changed.
/// </remarks>
public static class SessionValidator
{
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        var userId = principal?.FindFirstValue(claimTypes.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claimTypes.SecurityStampClaimType);
        if (principal is null || userId is null || stamp is null)
        {
            await RejectAsync(context, services);
            return;
        }

        // On the stamp reader's kept connections, with the account's grants in the same command: a signed-in request
        // needs no context of its own for its session.
        var account = await services.GetRequiredService<StampReader>().SessionAsync(userId, context.HttpContext.RequestAborted);
        if (account is null || account.SecurityStamp != stamp)
        {
            await RejectAsync(context, services);
            return;
        }

        services.GetRequiredService<AccessPolicy>().Use(account.Grants);

        // The cookie carries the names the pages and the audit trail show: rebuild it when one changed.
        if (principal.FindFirstValue(claimTypes.UserNameClaimType) != account.UserName
            || principal.FindFirstValue(claimTypes.EmailClaimType) != (string.IsNullOrEmpty(account.Email) ? null : account.Email)
            || principal.FindFirstValue(AccountClaims.DisplayName) != (string.IsNullOrWhiteSpace(account.DisplayName) ? null : account.DisplayName))
        {
            var signIn = services.GetRequiredService<SignInManager<AppUser>>();
            if (await signIn.UserManager.FindByIdAsync(userId) is not { } user)
            {
                await RejectAsync(context, services);
                return;
            }

            context.ReplacePrincipal(await signIn.CreateUserPrincipalAsync(user));
            context.ShouldRenew = true;
        }
    }

    /// <summary>Ends the session as Identity's validator does: the request is anonymous and the cookie is deleted.</summary>
    private static Task RejectAsync(CookieValidatePrincipalContext context, IServiceProvider services)
    {
        context.RejectPrincipal();
        return services.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
    }
}
