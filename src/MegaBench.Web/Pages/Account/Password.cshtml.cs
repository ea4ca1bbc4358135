using System.ComponentModel.DataAnnotations;
using MegaBench.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Account;

/// <summary>
/// Changes the signed-in user's password. Identity renews the security stamp, so every other session of
/// the account (an old or stolen cookie) stops working; this browser is signed in again with a new cookie.
/// </summary>
[Authorize]
public sealed class PasswordModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.NewPassword is not null && Input.NewPassword != Input.Confirmation)
        {
            ModelState.AddModelError("Input.Confirmation", localizer["The two new passwords differ. Type the same new password twice."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var key = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "Input.CurrentPassword" : "Input.NewPassword";
                var message = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                    ? localizer["The current password is not right. Type the password you signed in with."]
                    : error.Description;
                ModelState.AddModelError(key, message);
            }

            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        TempData["Saved"] = localizer["Your password was changed. Your other sessions are signed out."].Value;
        return LocalRedirect("/");
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        public string? CurrentPassword { get; set; }

        [Required(ErrorMessage = "Enter a new password of at least 12 characters; a few words make a good one.")]
        public string? NewPassword { get; set; }

        [Required(ErrorMessage = "Type the new password again.")]
        public string? Confirmation { get; set; }
    }
}
