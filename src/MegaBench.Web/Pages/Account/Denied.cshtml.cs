using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MegaBench.Web.Pages.Account;

/// <summary>Where the sign-in cookie sends a signed-in user who lacks the rights a page requires.</summary>
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
