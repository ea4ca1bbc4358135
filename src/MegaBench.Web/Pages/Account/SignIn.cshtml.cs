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
/// Sign-in with e-mail and password. An unknown e-mail, a wrong password and a locked account all get the
/// same message, so that the page never tells whether an e-mail has an account. Five failures lock the
/// account for a while (<see cref="AccountSetup.ConfigureIdentity"/>).
/// </summary>
[EnableRateLimiting(RateLimits.SecretsPolicy)]
public sealed class SignInModel(SignInManager<AppUser> signIn, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const string FailureMessage =
        "The e-mail or password is not right, or the account is locked for a while after repeated failures. Try again later or ask your administrator.";

    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email!.Trim(), Input.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, localizer[FailureMessage]);
            Input.Password = null;
            return Page();
        }

        // Only a local address: a crafted link must not send the user elsewhere after signing in. Without one, the
        // person lands on their work.
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/my-work");
    }

    public sealed class SignInInput
    {
        [Display(Name = "E-mail")]
        [Required(ErrorMessage = "Enter the e-mail address of your account.")]
        public string? Email { get; set; }

        [Display(Name = "Password")]
        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string? Password { get; set; }
    }
}
