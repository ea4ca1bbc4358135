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
/// <remarks>
/// Every page links here, and this page holds the form: a sign-out form in the layout made every signed-in page
/// protect a fresh antiforgery token (a signed-in sheet 264–296 → 202–220 µs of CPU without it, bench/README.md item 13).
/// </remarks>
public sealed class SignOutModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>A GET never signs out: it shows the form that does (or says that nobody is signed in).</summary>
    public void OnGet()
    {
    }

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
