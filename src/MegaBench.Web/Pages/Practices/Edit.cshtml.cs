using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Practices;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Practices;

[Authorize]
public sealed class EditModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PracticeInput Input { get; set; } = new();

    public Practice Practice { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = PracticeInput.From(Practice);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input.Validate(Framework, ModelState, nameof(Input), localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await Input.SaveAsync(db, Practice, cancellationToken);
        TempData["Saved"] = localizer["The practice “{0}” was saved.", Practice.Title].Value;
        return RedirectToPage("/Practices/Index", new { networkId = Practice.City!.NetworkId });
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await PracticeInput.DeleteAsync(db, Practice, cancellationToken);
        TempData["Saved"] = localizer["The practice “{0}” was deleted.", Practice.Title].Value;
        return RedirectToPage("/Practices/Index", new { networkId = Practice.City!.NetworkId });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var practice = await db.Practices.Include(p => p.City!).ThenInclude(c => c.Network).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (practice is null)
        {
            return NotFound();
        }

        if (await db.CityScopeAsync(practice.CityId, cancellationToken) is not { } scope || !access.CanRead(scope))
        {
            return NotFound();
        }

        if (!access.CanEdit(scope))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Practice = practice;
        Framework = await PracticeForm.FrameworkForAsync(db, practice.City!, cancellationToken)
            ?? throw new InvalidOperationException("No framework is stored: the app registers frameworks at start-up.");
        return null;
    }
}
