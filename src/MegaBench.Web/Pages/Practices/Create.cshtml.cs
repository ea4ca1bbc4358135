using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Practices;

[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public PracticeInput Input { get; set; } = new() { Language = "en" };

    public City City { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int cityId, CancellationToken cancellationToken) =>
        await LoadAsync(cityId, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int cityId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cityId, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input.Validate(Framework, ModelState, nameof(Input), localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var practice = await Input.AddAsync(db, City.Id, cancellationToken);
        TempData["Saved"] = localizer["The practice “{0}” was added.", practice.Title].Value;
        return RedirectToPage("/Practices/Index", new { networkId = City.NetworkId });
    }

    private async Task<IActionResult?> LoadAsync(int cityId, CancellationToken cancellationToken)
    {
        var city = await db.Cities.AsNoTracking().Include(c => c.Network).SingleOrDefaultAsync(c => c.Id == cityId, cancellationToken);
        if (city is null)
        {
            return NotFound();
        }

        if (await db.CityScopeAsync(cityId, cancellationToken) is not { } scope || !access.CanRead(scope))
        {
            return NotFound();
        }

        if (!access.CanEdit(scope))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        City = city;
        Framework = await PracticeForm.FrameworkForAsync(db, city, cancellationToken)
            ?? throw new InvalidOperationException("No framework is stored: the app registers frameworks at start-up.");
        return null;
    }
}
