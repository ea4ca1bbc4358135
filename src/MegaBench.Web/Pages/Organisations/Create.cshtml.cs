using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Pages.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Organisations;

[Authorize]
public sealed class CreateModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public OrganisationInput Input { get; set; } = new();

    public Round Round { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int roundId, [FromQuery] string? group, CancellationToken cancellationToken)
    {
        if (await LoadAsync(roundId, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = new OrganisationInput { GroupCode = Framework.FindGroup(group ?? "")?.Code, Kind = Framework.FindOrganisationKind(RoundSuccession.OtherKind)?.Code };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(roundId, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (OrganisationInput.IsLocked(Round))
        {
            ModelState.AddModelError(string.Empty, localizer[OrganisationInput.PublishedRoundIsLocked]);
            return Page();
        }

        await Input.ValidateAsync(db, Round, Framework, null, ModelState, localizer, cancellationToken);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var organisation = await Input.AddAsync(db, Round, cancellationToken);
        TempData["Saved"] = localizer["{0} was added.", organisation.Name].Value;
        return RedirectToPage("/Rounds/Details", new { id = roundId });
    }

    private async Task<IActionResult?> LoadAsync(int roundId, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().WithContext().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null || !access.CanRead(AccessScope.For(round)))
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(round)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Round = round;
        Framework = FrameworkStore.Read(round.Framework!);
        return null;
    }
}
