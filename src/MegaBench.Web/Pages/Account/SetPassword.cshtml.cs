using System.ComponentModel.DataAnnotations;
using MegaBench.Accounts;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Account;

/// <summary>
/// Sets a password through the one-time link an administrator gave (an invitation, or a forgotten password).
/// The link holds Identity's password-reset token: it expires, and once used it no longer works, because
/// setting the password renews the account's security stamp.
/// </summary>
[EnableRateLimiting(RateLimits.SecretsPolicy)]
public sealed class SetPasswordModel(UserManager<AppUser> users, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string InvalidLinkMessage =
        "This link is not valid: it was already used, it expired, or it was copied incompletely. Ask your administrator for a new link.";

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    public string? Email { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await FindAsync();
        if (user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, Token!))
        {
            ModelState.AddModelError(string.Empty, localizer[InvalidLinkMessage]);
            return Page();
        }

        Email = user.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.NewPassword is not null && Input.NewPassword != Input.Confirmation)
        {
            ModelState.AddModelError("Input.Confirmation", localizer["The two passwords differ. Type the same password twice."]);
        }

        var user = await FindAsync();
        Email = user?.Email;
        if (user is null)
        {
            ModelState.AddModelError(string.Empty, localizer[InvalidLinkMessage]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await users.ResetPasswordAsync(user!, Token!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? string.Empty : "Input.NewPassword",
                    error.Code == nameof(IdentityErrorDescriber.InvalidToken) ? localizer[InvalidLinkMessage] : error.Description);
            }

            return Page();
        }

        // A locked account (e.g. after a forgotten password) opens again with the new password.
        await users.SetLockoutEndDateAsync(user!, null);
        await users.ResetAccessFailedCountAsync(user!);
        TempData["Saved"] = localizer["Your password is set. Sign in with your e-mail and the new password."].Value;
        return LocalRedirect("/account/signin");
    }

    private async Task<AppUser?> FindAsync() =>
        string.IsNullOrEmpty(UserId) || string.IsNullOrEmpty(Token) ? null
            : await users.FindByIdAsync(UserId) is { ErasedAt: null } user ? user : null;

    public sealed class SetPasswordInput
    {
        [Required(ErrorMessage = "Enter a password of at least 12 characters; a few words make a good one.")]
        public string? NewPassword { get; set; }

        [Required(ErrorMessage = "Type the password again.")]
        public string? Confirmation { get; set; }
    }
}
