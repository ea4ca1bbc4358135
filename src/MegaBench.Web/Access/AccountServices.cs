using System.Security.Claims;
using MegaBench.Accounts;
using MegaBench.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MegaBench.Web.Access;

/// <summary>The claims MegaBench adds to an account's sign-in cookie.</summary>
public static class AccountClaims
{
    public const string DisplayName = "megabench:display_name";
}

/// <summary>
/// Accounts in the web app: ASP.NET Core Identity on the benchmark database, its sign-in cookie, the
/// data-protection keys in the same database, and the per-request <see cref="AccessPolicy"/>.
/// </summary>
public static class AccountServices
{
    /// <summary>The name every app instance protects its cookies and tokens under, so that instances sharing the database accept each other's.</summary>
    public const string ApplicationName = "MegaBench";

    public const string SignInPath = "/account/signin";

    public static IServiceCollection AddMegaBenchAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(AccountSetup.ConfigureIdentity)
            .AddEntityFrameworkStores<MegaBenchDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<AppUserClaimsFactory>()
            .AddSignInManager<EvenCostSignInManager>();
        services.AddScoped<AccountSetup>();

        // Set-password links given to invited coordinators; a link works once (it carries the security stamp).
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(7));

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "MegaBench.Session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;

            // The security stamp is checked on every request: a sign-out or a password change (both renew the
            // stamp) ends every other session of the account at once, including a stolen cookie. SessionValidator
            // does it with one small query instead of Identity's validator (which also re-issued the cookie each time).
            o.Events.OnValidatePrincipal = SessionValidator.ValidatePrincipalAsync;

            // Scripts calling the API get a status code, not the HTML sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        // Keys in the database: cookies and antiforgery tokens of one instance are accepted by the others.
        services.AddDataProtection()
            .PersistKeysToDbContext<MegaBenchDbContext>()
            .SetApplicationName(ApplicationName);
        Security.RememberedUnprotect.Register(services);

        services.AddAuthorization();
        services.AddScoped<AccessPolicy>();
        services.AddScoped<Pages.Admin.People.PeopleDirectory>();
        return services;
    }

    /// <summary>Authentication, authorisation, the caller's grants and the audit actor, in that order (after routing).</summary>
    public static IApplicationBuilder UseMegaBenchAccounts(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(async (context, next) =>
        {
            // An anonymous caller's grants are known without the database, and a cookie's were read with its session
            // (SessionValidator): such requests make no context unless they need one.
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var policy = context.RequestServices.GetRequiredService<AccessPolicy>();
                await policy.LoadAsync(context.User, context.RequestServices.GetRequiredService<MegaBenchDbContext>, context.RequestAborted);
            }

            await next(context);
        });
        return app;
    }

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>Adds the display name to the cookie, so that pages and the audit trail name the person without a query.</summary>
    private sealed class AppUserClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
        : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            if (!string.IsNullOrWhiteSpace(user.DisplayName))
            {
                identity.AddClaim(new Claim(AccountClaims.DisplayName, user.DisplayName));
            }

            return identity;
        }
    }
}
