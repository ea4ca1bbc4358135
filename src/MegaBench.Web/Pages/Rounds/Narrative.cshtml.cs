using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Narrative;
using MegaBench.Web.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>Edits one section of the round's report, in Markdown (rendered and sanitised on the round page).</summary>
[Authorize]
public sealed class NarrativeModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int MaxLength = TextLimits.Narrative;

    private NarrativeKind _kind;

    [BindProperty]
    public string? Markdown { get; set; }

    public Round Round { get; private set; } = null!;

    public string Title { get; private set; } = "";

    /// <summary>The unsaved text rendered and sanitised as the round page would show it; null unless previewing.</summary>
    public Microsoft.AspNetCore.Html.HtmlString? Preview { get; private set; }

    /// <summary>True when the text shown is the drafted conclusion, not yet saved.</summary>
    public bool IsDraft { get; private set; }

    /// <param name="draft">For an empty "may share" or "may look at" section: start from the conclusions drafted from the strengths and gaps.</param>
    public async Task<IActionResult> OnGetAsync(int id, string slug, bool draft, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        Markdown = Round.Narrative.FirstOrDefault(n => n.Kind == _kind)?.Markdown;
        if (draft && string.IsNullOrWhiteSpace(Markdown) && _kind is NarrativeKind.MayShare or NarrativeKind.MayLookAt
            && await ReadableRounds.CompareAsync(db, access, id, cancellationToken) is { StrengthsAndGaps: { } findings } report)
        {
            // Drafted in the language the coordinator reads the editor in (English when the templates lack it).
            var conclusions = Conclusions.Draft(report.Framework, findings, System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
            var (heading, items) = _kind == NarrativeKind.MayShare
                ? (conclusions.MayShareHeading, conclusions.MayShareItems)
                : (conclusions.MayLookAtHeading, conclusions.MayLookAtItems);
            if (items.Count > 0)
            {
                Markdown = heading + "\n\n" + string.Concat(items.Select(i => $"- {i}\n"));
                IsDraft = true;
            }
        }

        return Page();
    }

    /// <summary>
    /// The Preview button (<c>?handler=Preview</c>): renders the text as the round page will show it, sanitised,
    /// beside the text still being edited. Nothing is saved; the text stays in the box to go on editing.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(int id, string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Markdown is { Length: > MaxLength } text)
        {
            ModelState.AddModelError(nameof(Markdown), TooLong(text.Length));
            return Page();
        }

        Preview = markdown.Render(Markdown);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string slug, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, slug, cancellationToken) is { } refused)
        {
            return refused;
        }

        var text = NarrativeSections.Stored(Markdown);
        if (text.Length > MaxLength)
        {
            ModelState.AddModelError(nameof(Markdown), TooLong(text.Length));
            return Page();
        }

        await NarrativeSections.SaveAsync(db, Round, _kind, text, cancellationToken);
        TempData["Saved"] = localizer["The section {0} was saved.", Title].Value;
        return RedirectToPage("/Rounds/Details", new { id });
    }

    private string TooLong(int length) =>
        localizer["The text is {0} characters long; a section holds at most {1}. Shorten it, or move part of it to another section.",
            length.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), MaxLength.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)].Value;

    private async Task<IActionResult?> LoadAsync(int id, string slug, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.WithContext().Include(r => r.Narrative).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null || !access.CanRead(AccessScope.For(round)) || NarrativeSections.FromSlug(slug) is not { } kind)
        {
            return NotFound();
        }

        if (!access.CanEdit(AccessScope.For(round)))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Round = round;
        _kind = kind;
        Title = NarrativeSections.Title(kind, round.City!.Name, localizer);
        return null;
    }
}
