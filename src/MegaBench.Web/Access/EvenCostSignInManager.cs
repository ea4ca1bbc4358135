using MegaBench.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MegaBench.Web.Access;

/// <summary>
/// Identity's sign-in, except that an address with no account costs what a wrong password costs: the password is
/// checked against a stored-format hash made once, so the answer's timing does not tell whether an account exists
/// (issue 15, hardening finding 3: 61 ms against 5 ms before).
/// </summary>
public sealed class EvenCostSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly AppUser Nobody = new();
    private static string? _nobodyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }

        // The same work as checking a real account's password, with the app's hasher and its settings.
        var hasher = UserManager.PasswordHasher;
        _nobodyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(Nobody, _nobodyHash, password ?? "");
        return SignInResult.Failed;
    }
}
