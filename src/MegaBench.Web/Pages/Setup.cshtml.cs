using System.ComponentModel.DataAnnotations;
using MegaBench.Accounts;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages;

/// <summary>
/// Creates the first administrator with the one-time code the app printed to its console at start-up.
/// Once any account exists the page only says that setup is done.
/// </summary>
[EnableRateLimiting(RateLimits.SecretsPolicy)]
public sealed class SetupModel(AccountSetup setup, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public SetupInput Input { get; set; } = new();

    public bool IsDone { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        IsDone = await setup.HasAnyAccountAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        IsDone = await setup.HasAnyAccountAsync(cancellationToken);
        if (IsDone || !ModelState.IsValid)
        {
            return Page();
        }

        var result = await setup.CreateFirstAdministratorAsync(Input.Code!, Input.Email!, Input.Password!, Input.DisplayName, cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                // The library's messages are English texts, keys of SharedResource like the pages' own.
                ModelState.AddModelError(string.Empty, localizer[error]);
            }

            IsDone = await setup.HasAnyAccountAsync(cancellationToken);
            return Page();
        }

        TempData["Saved"] = localizer["The administrator {0} was created. Sign in with that e-mail and password.", result.User!.Email!].Value;
        return LocalRedirect("/account/signin");
    }

    public sealed class SetupInput
    {
        [Required(ErrorMessage = "Enter the setup code the app printed to its console when it started.")]
        public string? Code { get; set; }

        [Required(ErrorMessage = "Enter the administrator's e-mail address; it is the name to sign in with.")]
        [EmailAddress(ErrorMessage = "This is not an e-mail address. Enter one like name@example.org.")]
        public string? Email { get; set; }

        [StringLength(200, ErrorMessage = "The name is too long: use at most {1} characters.")]
        public string? DisplayName { get; set; }

        [Required(ErrorMessage = "Enter a password of at least 12 characters; a few words make a good one.")]
        public string? Password { get; set; }
    }
}
