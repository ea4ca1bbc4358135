using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    public City City { get; private set; } = null!;

    public IReadOnlyList<RoundInput.FrameworkOption> Frameworks { get; private set; } = [];

    /// <summary>The city's rounds a new one may start from, newest first.</summary>
    public IReadOnlyList<RoundInput.EarlierRound> Earlier { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int cityId, int? year, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cityId, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The most recently stored framework version is the usual choice for a new round, and the latest round
        // the usual start: its organisations rarely change from one year to the next.
        Input = new RoundInput
        {
            Year = year is >= 2000 and <= 2100 ? year : clock.GetUtcNow().Year,
            FrameworkId = Frameworks.MaxBy(f => f.Id)?.Id,
            PreviousRoundId = Earlier.Count > 0 ? Earlier[0].Id : null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int cityId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cityId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var previous = await Input.ValidateAsync(db, City, new RoundInput.Choices(Frameworks, Earlier), ModelState, nameof(Input), localizer, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (round, carried) = await Input.CreateAsync(db, cityId, previous, clock.GetUtcNow(), cancellationToken);
        if (carried is null)
        {
            TempData["Saved"] = localizer["The {0} round of {1} was added. It is open for answers.", round.Year, City.Name].Value;
        }
        else
        {
            var saved = Input.CopyAnswers
                ? localizer["The {0} round of {1} was added with the {2} organisations of {3} and {4} of their answers, marked “carried over from {3}” until each organisation confirms or changes them.", round.Year, City.Name, carried.Organisations, previous!.Year, carried.Answers].Value
                : localizer["The {0} round of {1} was added with the {2} organisations of {3}. It is open for answers.", round.Year, City.Name, carried.Organisations, previous!.Year].Value;
            if (carried.LeftOut.Count > 0)
            {
                saved += " " + localizer["Left out, because the framework version has no more their group: {0}.", string.Join(", ", carried.LeftOut)].Value;
            }

            if (carried.DroppedAnswers > 0)
            {
                saved += " " + localizer[MegaBench.Localization.Plurals.IsOne(carried.DroppedAnswers, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName) ? "{0} answer to a statement the framework version no longer has was not carried." : "{0} answers to statements the framework version no longer has were not carried.", carried.DroppedAnswers].Value;
            }

            TempData["Saved"] = saved;
        }

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
        var choices = await RoundInput.ChoicesAsync(db, cityId, localizer, cancellationToken);
        Frameworks = choices.Frameworks;
        Earlier = choices.Earlier;
        return null;
    }
}
