using System.Globalization;
using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Practices;
using MegaBench.Reports;
using MegaBench.Web.Access;
using MegaBench.Web.Narrative;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>
/// The feedback report of a peer review: the reviewer drafts it from the evidence, edits it in Markdown with a
/// preview and submits it; the host responds, then publishes the report and the action plan (or withdraws them).
/// </summary>
/// <remarks>
/// <para>Readers: the parties to the review (both cities' coordinators, the network's administrators), and
/// everyone once the host has published it (<see cref="ReviewContext.Need.ReadOutcome"/>). Publishing needs a
/// submitted report, so a draft is never shown beyond the parties.</para>
/// <para>Once submitted, the report is the reviewer's word: the reviewer cannot change it any more (each write is
/// refused with the reason, and nothing is written); the host answers it in the response.</para>
/// </remarks>
public sealed class FeedbackModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The report's text in the reviewer's editor.</summary>
    [BindProperty]
    public string? Markdown { get; set; }

    /// <summary>The host's response in the host's editor.</summary>
    [BindProperty]
    public string? ResponseText { get; set; }

    public ReviewContext Context { get; private set; } = null!;

    /// <summary>The unsaved report rendered as it will be shown; null unless previewing.</summary>
    public HtmlString? Preview { get; private set; }

    /// <summary>True when the editor holds the draft made from the evidence, not saved yet.</summary>
    public bool IsDraft { get; private set; }

    public bool Submitted => Context.Review.FeedbackSubmittedAt is not null;

    /// <summary>The reviewer's editor is shown: a reviewer, before submission.</summary>
    public bool Edits => Context.Rights.IsReviewer && !Submitted;

    /// <param name="draft">The "Start from the draft" button: fills an empty report's editor with the draft made from the evidence.</param>
    public async Task<IActionResult> OnGetAsync(int id, bool draft, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.ReadOutcome, cancellationToken) is { } refused)
        {
            return refused;
        }

        Markdown = Context.Review.Feedback;
        ResponseText = Context.Review.HostResponse;
        if (draft && Edits && string.IsNullOrWhiteSpace(Markdown))
        {
            Markdown = FeedbackDraft.Write(await DraftInputAsync(cancellationToken));
            IsDraft = true;
        }

        return Page();
    }

    /// <summary>The Preview button: renders the text as the page will show it; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, CancellationToken cancellationToken)
    {
        if (await ReviewerLoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (ReviewerMayWrite() && Fits(nameof(Markdown), Markdown))
        {
            Preview = markdown.Render(Markdown);
        }

        return Page();
    }

    /// <summary>The reviewer saves the report (not submitted yet).</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await ReviewerLoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!ReviewerMayWrite() || !Fits(nameof(Markdown), Markdown))
        {
            return Page();
        }

        // Stored as typed: in Markdown even trailing spaces can mean something (a line break).
        Context.Review.Feedback = string.IsNullOrWhiteSpace(Markdown) ? "" : Markdown;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The feedback report was saved. Submit it when it is ready."].Value;
        return RedirectToPage("/Reviews/Feedback", new { id });
    }

    /// <summary>The reviewer submits the report as in the editor: from then on only the host writes (the response).</summary>
    public async Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken)
    {
        if (await ReviewerLoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!ReviewerMayWrite() || !Fits(nameof(Markdown), Markdown))
        {
            return Page();
        }

        var text = Markdown ?? Context.Review.Feedback;
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(nameof(Markdown), localizer["The report is empty: write it (or start from the draft) before submitting it."]);
            return Page();
        }

        Context.Review.Feedback = text;
        Context.Review.FeedbackSubmittedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The feedback report was submitted to {0}.", Context.Host].Value;
        return RedirectToPage("/Reviews/Feedback", new { id });
    }

    /// <summary>The host saves its response to the submitted report.</summary>
    public async Task<IActionResult> OnPostResponseAsync(int id, CancellationToken cancellationToken)
    {
        if (await HostLoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!HostMayWrite() || !Fits(nameof(ResponseText), ResponseText))
        {
            return Page();
        }

        Context.Review.HostResponse = string.IsNullOrWhiteSpace(ResponseText) ? "" : ResponseText;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["Your response was saved."].Value;
        return RedirectToPage("/Reviews/Feedback", new { id });
    }

    /// <summary>The host publishes the feedback report and the action plan to every reader.</summary>
    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (await HostLoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!HostMayWrite())
        {
            return Page();
        }

        Context.Review.PublishedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The feedback report and the action plan are published: everyone can read them."].Value;
        return RedirectToPage("/Reviews/Feedback", new { id });
    }

    /// <summary>The host withdraws the publication: only the parties read the report again.</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(int id, CancellationToken cancellationToken)
    {
        if (await HostLoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (NotWritable())
        {
            return Page();
        }

        Context.Review.PublishedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The publication was withdrawn: only the two cities and the network's administrators read the report now."].Value;
        return RedirectToPage("/Reviews/Feedback", new { id });
    }

    /// <summary>The reviewer may write the report: the cycle has started and the report is not submitted (else the reason is added).</summary>
    private bool ReviewerMayWrite()
    {
        if (NotWritable())
        {
            return false;
        }

        if (Context.Review.FeedbackSubmittedAt is { } submitted)
        {
            // Beside no field: the editor is gone once the report is submitted, so the message heads the page.
            ModelState.AddModelError(string.Empty, localizer["The report was submitted on {0}, so it can no longer be changed. Ask the host to add what is missing to its response.",
                VisitInput.Date(DateOnly.FromDateTime(submitted.UtcDateTime))]);
            return false;
        }

        return true;
    }

    /// <summary>The host may respond and publish: the cycle has started and the report is submitted (else the reason is added).</summary>
    private bool HostMayWrite()
    {
        if (NotWritable())
        {
            return false;
        }

        if (!Submitted)
        {
            ModelState.AddModelError(string.Empty, localizer["The reviewer has not submitted the report yet: you can respond to it and publish it once it is submitted."]);
            return false;
        }

        return true;
    }

    private bool Fits(string key, string? text)
    {
        if (text is { Length: > CycleRules.MarkdownMaxLength })
        {
            ModelState.AddModelError(key, localizer["The text is {0} characters long; at most {1} fit. Shorten it.",
                text.Length.ToString("N0", CultureInfo.CurrentCulture), CycleRules.MarkdownMaxLength.ToString("N0", CultureInfo.CurrentCulture)]);
            return false;
        }

        return true;
    }

    private bool NotWritable()
    {
        if (Context.WhyNotWritable() is not { } why)
        {
            return false;
        }

        ModelState.AddModelError(string.Empty, localizer[why]);
        return true;
    }

    private async Task<IActionResult?> ReviewerLoadAsync(int id, CancellationToken cancellationToken)
    {
        var refused = await LoadAsync(id, ReviewContext.Need.WriteAsReviewer, cancellationToken);
        ResponseText = Context?.Review.HostResponse;
        return refused;
    }

    private async Task<IActionResult?> HostLoadAsync(int id, CancellationToken cancellationToken)
    {
        var refused = await LoadAsync(id, ReviewContext.Need.WriteAsHost, cancellationToken);
        Markdown = Context?.Review.Feedback;
        return refused;
    }

    private async Task<IActionResult?> LoadAsync(int id, ReviewContext.Need need, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, need, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        Context = context!;
        return null;
    }

    /// <summary>
    /// The evidence the draft is made of: the host's strengths and gaps as the matching sees them (the host's
    /// round of the review against the network's latest published rounds), the review's gap themes first; the
    /// reviewing city's practices on the gap themes; the desk review's threads; the visit's meetings and notes.
    /// </summary>
    private async Task<FeedbackDraftInput> DraftInputAsync(CancellationToken cancellationToken)
    {
        var review = Context.Review;
        var framework = Context.Framework;
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr" ? "fr" : "en";
        string Name(string code) => framework.FindTheme(code)?.Name[language] ?? code;

        var scored = await RoundScores.LoadAsync(db, review.HostRoundId, cancellationToken);
        var analysis = scored is null ? null : (await ComparedRound.CompareAsync(db, scored, cancellationToken))?.Analysis;
        var findings = analysis?.For(review.HostCityId);

        var strengths = (findings?.ThemeStrengths ?? []).Select(f => new DraftTheme(f.Theme, Name(f.Theme), f.City, f.NetworkMedian)).ToList();
        var gapCodes = review.GapThemeList.Concat((findings?.ThemeGaps ?? []).Select(g => g.Theme)).Distinct(StringComparer.Ordinal).ToList();
        var gaps = gapCodes.Select(code => findings?.ThemeGaps.FirstOrDefault(g => g.Theme == code) is { } gap
            ? new DraftTheme(code, Name(code), gap.City, gap.NetworkMedian)
            : new DraftTheme(code, Name(code), scored?.Score.FindTheme(code)?.Score, analysis?.ThemeMedian(code))).ToList();

        var practices = gapCodes.Count == 0
            ? []
            : (await PracticeLibrary.ForThemesAsync(db, review.Cycle!.NetworkId, gapCodes, [review.HostCityId], cancellationToken))
                .Where(p => p.CityId == review.ReviewerCityId)
                .Select(p => new DraftPractice(p.Title, p.Organisation, p.Link, [.. p.ThemeList.Where(gapCodes.Contains).Select(Name)]))
                .ToList();

        var topics = await db.ReviewTopics.AsNoTracking().Where(t => t.ReviewId == review.Id)
            .OrderBy(t => t.Position).ThenBy(t => t.Id)
            .Select(t => new { t.Title, Messages = t.Messages.OrderBy(m => m.Id).Select(m => new DraftMessage(m.Side, m.Text)).ToList() })
            .ToListAsync(cancellationToken);
        var (meetings, _) = await VisitAgenda.LoadAsync(db, review, cancellationToken);
        return new FeedbackDraftInput(
            Context.Host, Context.Reviewer, language, strengths, gaps, practices,
            [.. topics.Select(t => new DraftTopic(t.Title, t.Messages))],
            [.. meetings.Select(m => new DraftMeeting(m.Date, m.Start, VisitAgenda.OrganisationOf(m), [.. m.ThemeList.Select(Name)], m.Notes))]);
    }
}
