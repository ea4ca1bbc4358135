using System.Globalization;
using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Narrative;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Need = MegaBench.Web.Pages.Reviews.ReviewContext.Need;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>One stage of the review as the overview shows it.</summary>
/// <param name="Done">When its closing act was recorded, if it was (the follow-up has none: it ends with the next round).</param>
public sealed record StageRow(ReviewStage Stage, DateOnly? Due, bool IsDone, bool IsCurrent, bool IsOverdue, DateTimeOffset? Done);

/// <summary>
/// A review's overview for the parties to it: the two cities with their rounds, the stages with the cycle's target
/// dates, the current stage and what is overdue, the gap themes, and the host's briefing, which the host edits here
/// in Markdown with a preview. Readers who may see only the published outcome are sent to the feedback report.
/// </summary>
public sealed class DetailsModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The briefing as typed (the host's form).</summary>
    [BindProperty]
    public string? Briefing { get; set; }

    public ReviewContext Context { get; private set; } = null!;

    public IReadOnlyList<StageRow> Stages { get; private set; } = [];

    public ReviewStage Current { get; private set; }

    /// <summary>The gap themes: code and name in the page's language.</summary>
    public IReadOnlyList<(string Code, string Name)> GapThemes { get; private set; } = [];

    /// <summary>The saved briefing, rendered and sanitised.</summary>
    public HtmlString SavedBriefing { get; private set; } = HtmlString.Empty;

    /// <summary>The unsaved briefing rendered as it will show; null unless previewing.</summary>
    public HtmlString? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, Need.ReadOutcome, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!context!.Rights.ReadsAll)
        {
            return Redirect($"/reviews/{id}/feedback");
        }

        await ShowAsync(context, cancellationToken);
        Briefing = context.Review.Briefing;
        return Page();
    }

    /// <summary>The Preview button: renders the unsaved briefing beside the text; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, Need.WriteAsHost, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        await ShowAsync(context!, cancellationToken);
        if (Check(context!))
        {
            Preview = markdown.Render(Briefing);
        }

        return Page();
    }

    /// <summary>Saves the host's briefing (stored as typed; an empty text removes it).</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, Need.WriteAsHost, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (!Check(context!))
        {
            await ShowAsync(context!, cancellationToken);
            return Page();
        }

        // Stored exactly as typed: in Markdown even trailing spaces can mean something (a line break).
        context!.Review.Briefing = string.IsNullOrWhiteSpace(Briefing) ? "" : Briefing;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The briefing was saved."].Value;
        return Redirect($"/reviews/{id}");
    }

    /// <summary>True when the briefing may be saved now; else the reason is in the model state.</summary>
    private bool Check(ReviewContext context)
    {
        if (context.WhyNotWritable() is { } why)
        {
            ModelState.AddModelError("", localizer[why]);
            return false;
        }

        if (Briefing is { Length: > CycleRules.MarkdownMaxLength } text)
        {
            ModelState.AddModelError(nameof(Briefing), localizer["The briefing is {0} characters long; it may hold at most {1}. Shorten it, or link to a longer document as evidence of the desk review.",
                text.Length.ToString("N0", CultureInfo.CurrentCulture), CycleRules.MarkdownMaxLength.ToString("N0", CultureInfo.CurrentCulture)]);
            return false;
        }

        return true;
    }

    private async Task ShowAsync(ReviewContext context, CancellationToken cancellationToken)
    {
        Context = context;
        var review = context.Review;
        var hostYear = review.HostRound!.Year;
        var laterRoundPublished = await db.Rounds.AnyAsync(r => r.CityId == review.HostCityId && r.Status == RoundStatus.Published && r.Year > hostYear, cancellationToken);
        Current = CycleRules.StageOf(review, laterRoundPublished);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var cycle = review.Cycle!;
        Stages = [.. new[] { ReviewStage.DeskReview, ReviewStage.Visit, ReviewStage.Feedback, ReviewStage.ActionPlan, ReviewStage.FollowUp }
            .Select(stage => new StageRow(
                stage,
                cycle.Due(stage),
                stage < Current,
                stage == Current,
                stage >= Current && CycleRules.IsOverdue(cycle, stage, today),
                stage switch
                {
                    ReviewStage.DeskReview => review.DeskReviewDoneAt,
                    ReviewStage.Visit => review.VisitDoneAt,
                    ReviewStage.Feedback => review.FeedbackSubmittedAt,
                    ReviewStage.ActionPlan => review.ActionPlanDoneAt,
                    _ => null,
                }))];
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        GapThemes = [.. review.GapThemeList.Select(code => (code, context.Framework.FindTheme(code)?.Name[language] ?? code))];
        SavedBriefing = markdown.Render(review.Briefing);
    }
}
