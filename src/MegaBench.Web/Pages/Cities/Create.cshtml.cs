using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Cities;

/// <summary>Adds a city to a network: a change of the network, for its administrators.</summary>
[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public CityInput Input { get; set; } = new();

    public int NetworkId { get; private set; }

    public string NetworkName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int networkId, CancellationToken cancellationToken) =>
        await LoadAsync(networkId, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int networkId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(networkId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await Input.ValidateAsync(db, networkId, null, ModelState, nameof(Input), localizer, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var city = await Input.AddAsync(db, networkId, cancellationToken);
        TempData["Saved"] = localizer["{0} was added.", city.Name].Value;
        return RedirectToPage("/Cities/Details", new { id = city.Id });
    }

    /// <summary>Loads the network and checks access; returns the refusal, or null to go on.</summary>
    private async Task<IActionResult?> LoadAsync(int networkId, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken);
        var scope = await db.NetworkScopeAsync(networkId, cancellationToken);
        if (network is null || scope is null || !access.CanRead(scope))
        {
            return NotFound();
        }

        if (!access.CanEdit(scope))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        NetworkId = network.Id;
        NetworkName = network.Name;
        return null;
    }
}
