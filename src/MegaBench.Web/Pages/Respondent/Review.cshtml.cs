using MegaBench.Data;
using MegaBench.Web.Questionnaires;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Respondent;

/// <summary>
/// The review step: what is still unanswered (allowed, but shown), and the submit button. Once submitted the
/// questionnaire is read-only for link holders until the coordinator reopens it.
/// </summary>
public sealed class ReviewModel(MegaBenchDbContext db, IStringLocalizer<SharedResource> text) : QuestionnairePageModel(db)
{
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await MegaBench.Questionnaires.Questionnaire.SubmitAsync(Db, Link.Target.OrganisationId, Link.Actor.Name, asRespondent: true, cancellationToken) is not null)
        {
            // Already submitted (a second click, a colleague) or closed meanwhile: the page says which.
            return Redirect(ReviewUrl);
        }

        TempData["Saved"] = text["Thank you: the questionnaire was submitted. You may close this page."].Value;
        return Redirect(ReviewUrl);
    }
}
