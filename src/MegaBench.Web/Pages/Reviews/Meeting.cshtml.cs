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

namespace MegaBench.Web.Pages.Reviews;

/// <summary>
/// One meeting of the visit's agenda: either side changes or deletes it (the agenda is agreed by both); the
/// reviewer writes its notes in Markdown, with a preview.
/// </summary>
public sealed class MeetingModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public MeetingInput Meeting { get; set; } = new();

    [BindProperty]
    public string? Notes { get; set; }

    public ReviewContext Context { get; private set; } = null!;

    public VisitMeeting Stored { get; private set; } = null!;

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    /// <summary>The notes rendered as the visit page shows them; null unless previewing.</summary>
    public HtmlString? Preview { get; private set; }

    public bool EditsAgenda => Context.Rights.IsHost || Context.Rights.IsReviewer;

    public async Task<IActionResult> OnGetAsync(int id, int meetingId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, meetingId, ReviewContext.Need.ReadAll, cancellationToken) is { } refused)
        {
            return refused;
        }

        Meeting = MeetingInput.From(Stored);
        Notes = Stored.Notes;
        return Page();
    }

    /// <summary>Either side saves the meeting's time, organisation, themes and participants' roles.</summary>
    public async Task<IActionResult> OnPostAsync(int id, int meetingId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, meetingId, ReviewContext.Need.ReadAll, cancellationToken) is { } refused)
        {
            return refused;
        }

        Notes = Stored.Notes;
        if (!EditsAgenda)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (NotWritable())
        {
            return Page();
        }

        Meeting.Validate(Context.Review, Context.Framework, [.. Organisations.Select(o => o.Id)], ModelState, nameof(Meeting), localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Meeting.ApplyTo(Stored);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The meeting was saved."].Value;
        return RedirectToPage("/Reviews/Visit", new { id });
    }

    /// <summary>The reviewer saves the meeting's notes.</summary>
    public async Task<IActionResult> OnPostNotesAsync(int id, int meetingId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, meetingId, ReviewContext.Need.WriteAsReviewer, cancellationToken) is { } refused)
        {
            return refused;
        }

        Meeting = MeetingInput.From(Stored);
        if (NotWritable() || !NotesFit())
        {
            return Page();
        }

        // Stored as typed: in Markdown even trailing spaces can mean something (a line break).
        Stored.Notes = string.IsNullOrWhiteSpace(Notes) ? "" : Notes;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The notes were saved."].Value;
        return RedirectToPage("/Reviews/Visit", new { id });
    }

    /// <summary>The Preview button of the notes: renders them as the visit page will; nothing is saved.</summary>
    public async Task<IActionResult> OnPostNotesPreviewAsync(int id, int meetingId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, meetingId, ReviewContext.Need.WriteAsReviewer, cancellationToken) is { } refused)
        {
            return refused;
        }

        Meeting = MeetingInput.From(Stored);
        if (NotesFit())
        {
            Preview = markdown.Render(Notes);
        }

        return Page();
    }

    /// <summary>Either side deletes the meeting from the agenda (with its notes).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(int id, int meetingId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, meetingId, ReviewContext.Need.ReadAll, cancellationToken) is { } refused)
        {
            return refused;
        }

        Meeting = MeetingInput.From(Stored);
        Notes = Stored.Notes;
        if (!EditsAgenda)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (NotWritable())
        {
            return Page();
        }

        db.VisitMeetings.Remove(Stored);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The meeting was deleted from the agenda."].Value;
        return RedirectToPage("/Reviews/Visit", new { id });
    }

    private bool NotesFit()
    {
        if (Notes is { Length: > CycleRules.MarkdownMaxLength } text)
        {
            ModelState.AddModelError(nameof(Notes), localizer["The notes are {0} characters long; at most {1} fit. Shorten them.",
                text.Length.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), CycleRules.MarkdownMaxLength.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
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

    private async Task<IActionResult?> LoadAsync(int id, int meetingId, ReviewContext.Need need, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, need, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var meeting = await db.VisitMeetings.Include(m => m.Organisation).SingleOrDefaultAsync(m => m.Id == meetingId && m.ReviewId == id, cancellationToken);
        if (meeting is null)
        {
            return NotFound();
        }

        Context = context!;
        Stored = meeting;
        (_, Organisations) = await VisitAgenda.LoadAsync(db, Context.Review, cancellationToken);
        return null;
    }
}
