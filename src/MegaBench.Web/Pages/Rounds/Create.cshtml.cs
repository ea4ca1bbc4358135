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
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public RoundInput Input { get; set; } = new();

    public City City { get; private set; } = null!;

    public IReadOnlyList<FrameworkOption> Frameworks { get; private set; } = [];

    /// <summary>The city's rounds a new one may start from, newest first.</summary>
    public IReadOnlyList<EarlierRound> Earlier { get; private set; } = [];

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

        if (Input.FrameworkId is { } frameworkId && Frameworks.All(f => f.Id != frameworkId))
        {
            ModelState.AddModelError("Input.FrameworkId", localizer["This framework version is not stored. Choose one from the list."]);
        }

        if (Input.Year is { } year && await db.Rounds.AnyAsync(r => r.CityId == cityId && r.Year == year, cancellationToken))
        {
            ModelState.AddModelError("Input.Year", localizer["{0} already has a round for {1}. Open that round, or choose another year.", City.Name, year]);
        }

        var previous = Input.PreviousRoundId is { } previousId ? Earlier.FirstOrDefault(r => r.Id == previousId) : null;
        if (Input.PreviousRoundId is not null && previous is null)
        {
            ModelState.AddModelError("Input.PreviousRoundId", localizer["This round is not one of {0}'s. Choose one from the list, or start from nothing.", City.Name]);
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
        if (previous is null)
        {
            await db.SaveChangesAsync(cancellationToken);
            TempData["Saved"] = localizer["The {0} round of {1} was added. It is open for answers.", round.Year, City.Name].Value;
        }
        else
        {
            // The round and what it carries are saved together: one SaveChanges, one transaction.
            var carried = await RoundSuccession.CarryAsync(db, round, previous.Id, Input.CopyAnswers, cancellationToken);
            var saved = Input.CopyAnswers
                ? localizer["The {0} round of {1} was added with the {2} organisations of {3} and {4} of their answers, marked “carried over from {3}” until each organisation confirms or changes them.", round.Year, City.Name, carried.Organisations, previous.Year, carried.Answers].Value
                : localizer["The {0} round of {1} was added with the {2} organisations of {3}. It is open for answers.", round.Year, City.Name, carried.Organisations, previous.Year].Value;
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
        Earlier = await db.Rounds.AsNoTracking().Where(r => r.CityId == cityId)
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id)
            .Select(r => new EarlierRound(r.Id, r.Year, r.Status, r.Organisations.Count))
            .ToListAsync(cancellationToken);
        var stored = await db.Frameworks.AsNoTracking().OrderBy(f => f.FrameworkId).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        Frameworks = [.. stored.Select(s => new FrameworkOption(s.Id, localizer["{0} – version {1} ({2})", FrameworkStore.Read(s).Title[System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName], s.Version, s.FrameworkId]))];
        return null;
    }

    public sealed record FrameworkOption(int Id, string Label);

    public sealed record EarlierRound(int Id, int Year, RoundStatus Status, int Organisations);

    public sealed class RoundInput
    {
        [Display(Name = "Year")]
        [Required(ErrorMessage = "Enter the year of the round, e.g. 2026.")]
        [Range(2000, 2100, ErrorMessage = "The year must be between {1} and {2}.")]
        public int? Year { get; set; }

        [Display(Name = "Framework version")]
        [Required(ErrorMessage = "Choose the framework version the round uses.")]
        public int? FrameworkId { get; set; }

        /// <summary>The earlier round of the city whose organisations the new round starts with; null to start from nothing.</summary>
        public int? PreviousRoundId { get; set; }

        /// <summary>Also carry the earlier answers, as a starting point marked "carried over".</summary>
        public bool CopyAnswers { get; set; }
    }
}
