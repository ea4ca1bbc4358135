using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Cities;

[Authorize]
public sealed class EditModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private City _city = null!;

    [BindProperty]
    public CityInput Input { get; set; } = new();

    public int CityId => _city.Id;

    /// <summary>The stored name, for headings, while the form may hold a typed one.</summary>
    public string CityName { get; private set; } = "";

    public int NetworkId => _city.NetworkId;

    public string NetworkName => _city.Network!.Name;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = new CityInput { Name = _city.Name, Country = _city.Country };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        await Input.ValidateAsync(db, _city.NetworkId, _city.Id, ModelState, nameof(Input), localizer, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await Input.SaveAsync(db, _city, cancellationToken);
        TempData["Saved"] = localizer["{0} was saved.", _city.Name].Value;
        return RedirectToPage("/Cities/Details", new { id = _city.Id });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var city = await db.Cities.Include(c => c.Network).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        var scope = await db.CityScopeAsync(id, cancellationToken);
        if (city is null || scope is null || !access.CanRead(scope))
        {
            return NotFound();
        }

        if (!access.CanEdit(scope))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        _city = city;
        CityName = city.Name;
        return null;
    }
}
