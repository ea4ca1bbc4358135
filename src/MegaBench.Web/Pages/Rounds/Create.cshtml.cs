using Microsoft.Extensions.Localization;
using System.ComponentModel.DataAnnotations;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Rounds;

[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    public City City { get; private set; } = null!;

    public IReadOnlyList<FrameworkOption> Frameworks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cityId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cityId, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The most recently stored framework version is the usual choice for a new round.
        Input = new RoundInput { Year = clock.GetUtcNow().Year, FrameworkId = Frameworks.MaxBy(f => f.Id)?.Id };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int cityId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cityId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Input.FrameworkId is { } frameworkId && Frameworks.All(f => f.Id != frameworkId))
        {
            ModelState.AddModelError("Input.FrameworkId", localizer["This framework version is not stored. Choose one from the list."]);
        }

        if (Input.Year is { } year && await db.Rounds.AnyAsync(r => r.CityId == cityId && r.Year == year, cancellationToken))
        {
            ModelState.AddModelError("Input.Year", localizer["{0} already has a round for {1}. Open that round, or choose another year.", City.Name, year]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var round = new Round
        {
            CityId = cityId,
            Year = Input.Year!.Value,
            StoredFrameworkId = Input.FrameworkId!.Value,
            Status = RoundStatus.Open,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The {0} round of {1} was added. It is open for answers.", round.Year, City.Name].Value;
        return RedirectToPage("/Rounds/Details", new { id = round.Id });
    }

    private async Task<IActionResult?> LoadAsync(int cityId, CancellationToken cancellationToken)
    {
        var city = await db.Cities.AsNoTracking().Include(c => c.Network).SingleOrDefaultAsync(c => c.Id == cityId, cancellationToken);
        var scope = await db.CityScopeAsync(cityId, cancellationToken);
        if (city is null || scope is null || !access.CanRead(scope))
        {
            return NotFound();
        }

        if (!access.CanEdit(scope))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        City = city;
        var stored = await db.Frameworks.AsNoTracking().OrderBy(f => f.FrameworkId).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        Frameworks = [.. stored.Select(s => new FrameworkOption(s.Id, localizer["{0} – version {1} ({2})", FrameworkStore.Read(s).Title[System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName], s.Version, s.FrameworkId]))];
        return null;
    }

    public sealed record FrameworkOption(int Id, string Label);

    public sealed class RoundInput
    {
        [Display(Name = "Year")]
        [Required(ErrorMessage = "Enter the year of the round, e.g. 2026.")]
        [Range(2000, 2100, ErrorMessage = "The year must be between {1} and {2}.")]
        public int? Year { get; set; }

        [Display(Name = "Framework version")]
        [Required(ErrorMessage = "Choose the framework version the round uses.")]
        public int? FrameworkId { get; set; }
    }
}
