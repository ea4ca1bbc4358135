using MegaBench.Data;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// The exception to "validate after submission": a coordinator validates a questionnaire its respondent never
/// submitted (answers given on paper or by phone, say) only with a reason, kept on the organisation and audited.
/// </summary>
[Authorize]
public sealed class ValidateUnsubmittedModel(MegaBenchDbContext db, AccessPolicy access, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public int MaxReason => TextLimits.ValidationOverride;

    public async Task<IActionResult> OnGetAsync(int id, int organisationId, CancellationToken cancellationToken) =>
        await LoadAsync(id, organisationId, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(int id, int organisationId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, organisationId, cancellationToken) is { } refused)
        {
            return refused;
        }

        // The rules (a reason is required, and no longer than the limit) are the library's; this maps its outcome.
        switch (await MegaBench.Questionnaires.Questionnaire.ValidateAsync(db, organisationId, CurrentActor.Of(HttpContext).Name, Reason, cancellationToken))
        {
            case ValidationOutcome.NotSubmitted:
                ModelState.AddModelError(nameof(Reason), localizer["Say why these answers are validated without a submission, for example: answers given on paper at a meeting."]);
                return Page();
            case ValidationOutcome.ReasonTooLong:
                ModelState.AddModelError(nameof(Reason), localizer["The reason is {0} characters long; shorten it to {1} at most.", Reason!.Trim().Length, TextLimits.ValidationOverride]);
                return Page();
            case ValidationOutcome.AlreadyValidated:
                TempData["Saved"] = localizer["The answers of {0} were already validated.", Organisation.Name].Value;
                break;
            default:
                TempData["Saved"] = localizer["The answers of {0} are validated. Link holders can no longer change them; reopen the questionnaire to let them.", Organisation.Name].Value;
                break;
        }

        return RedirectToPage("/Rounds/Tracking", new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id, int organisationId, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.AsNoTracking()
            .Include(o => o.Round).ThenInclude(r => r!.City).ThenInclude(c => c!.Network)
            .SingleOrDefaultAsync(o => o.Id == organisationId && o.RoundId == id, cancellationToken);
        if (organisation is null || !access.CanRead(AccessScope.For(organisation)))
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(organisation)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Organisation = organisation;
        return null;
    }
}
