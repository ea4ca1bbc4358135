using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Organisations;

[Authorize]
public sealed class EditModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    /// <summary>The stored name, for headings, while the form may hold a typed one.</summary>
    public string StoredName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = OrganisationInput.From(Organisation);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (OrganisationInput.IsLocked(Organisation.Round!))
        {
            ModelState.AddModelError(string.Empty, localizer[OrganisationInput.PublishedRoundIsLocked]);
            return Page();
        }

        await Input.ValidateAsync(db, Organisation.Round!, Framework, Organisation, ModelState, localizer, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await Input.SaveAsync(db, Organisation, cancellationToken);
        TempData["Saved"] = localizer["{0} was saved.", Organisation.Name].Value;
        return RedirectToPage("/Rounds/Details", new { id = Organisation.RoundId });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations
            .Include(o => o.Round).ThenInclude(r => r!.City).ThenInclude(c => c!.Network)
            .Include(o => o.Round).ThenInclude(r => r!.Framework)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !access.CanRead(AccessScope.For(organisation)))
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(organisation)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Organisation = organisation;
        StoredName = organisation.Name;
        Framework = FrameworkStore.Read(organisation.Round!.Framework!);
        return null;
    }
}
