using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MegaBench.Web.Pages.Admin.People;

/// <summary>The accounts of the administrator's networks, with their roles.</summary>
[Authorize]
public sealed class IndexModel(PeopleDirectory directory, AccessPolicy access) : PageModel
{
    public IReadOnlyList<PeopleDirectory.Person> People { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!access.CanManagePeople)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        People = await directory.PeopleAsync(cancellationToken);
        return Page();
    }
}
