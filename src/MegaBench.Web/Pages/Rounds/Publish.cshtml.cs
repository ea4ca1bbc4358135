using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// Publishing a round: the summary of what readers and the network's comparisons will see, then the coordinator's
/// explicit confirmation. The confirmation carries the summary's token, so a summary that changed meanwhile (an answer
/// saved, a questionnaire submitted) is shown again instead of being published unseen.
/// </summary>
[Authorize]
public sealed class PublishModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public PublicationSummary Summary { get; private set; } = null!;

    /// <summary>The token of the summary the coordinator confirms.</summary>
    [BindProperty]
    public string? Token { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        switch (await RoundStatusChange.PublishAsync(db, Summary, Token, cancellationToken))
        {
            case RoundStatusChange.PublishOutcome.AlreadyPublished:
                return RedirectToPage("/Rounds/Details", new { id });
            case RoundStatusChange.PublishOutcome.SummaryChanged:
                ModelState.AddModelError("", localizer["The round changed after this summary was shown (an answer or a questionnaire's status). Read the summary again below, then confirm."]);
                return Page();
        }

        TempData["Saved"] = localizer["The round is now {0}.", localizer[Display.Labels.Status(RoundStatus.Published)].Value].Value;
        return RedirectToPage("/Rounds/Details", new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().WithContext().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null || !access.CanRead(AccessScope.For(round)))
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(round)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Summary = await PublicationSummary.LoadAsync(db, id, cancellationToken);
        return null;
    }
}
