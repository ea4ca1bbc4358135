using MegaBench.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Account;

/// <summary>
/// Signs out (POST only, so that a link or an image on another site cannot sign anyone out). The account's
/// security stamp is renewed, which ends every session of the account, not only this browser's.
/// </summary>
public sealed class SignOutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>A GET never signs out: it answers 405 Method Not Allowed.</summary>
    public IActionResult OnGet() => StatusCode(StatusCodes.Status405MethodNotAllowed);

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        TempData["Saved"] = localizer["You are signed out."].Value;
        return LocalRedirect("/");
    }
}
