using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>
/// The visit of a peer review: its dates and place, its agenda of meetings with the reviewer's notes, the
/// agenda as an iCalendar file, and the reviewer's record that the visit was held.
/// </summary>
/// <remarks>
/// Who writes what: the reviewer sets the dates and place, writes the notes and records the visit as held; the
/// agenda is agreed by both cities, so the host's coordinators may add, change and delete meetings too (but not
/// the notes, which are the reviewer's).
/// </remarks>
public sealed class VisitModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public VisitInput Input { get; set; } = new();

    [BindProperty]
    public MeetingInput Meeting { get; set; } = new();

    public ReviewContext Context { get; private set; } = null!;

    public IReadOnlyList<VisitMeeting> Meetings { get; private set; } = [];

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    /// <summary>May change the agenda: either side of the review.</summary>
    public bool EditsAgenda => Context.Rights.IsHost || Context.Rights.IsReviewer;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.ReadAll, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = VisitInput.From(Context.Review);
        Meeting = new MeetingInput { Date = Context.Review.VisitStart };
        return Page();
    }

    /// <summary>The reviewer saves the visit's dates and place.</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.WriteAsReviewer, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (NotWritable())
        {
            return Page();
        }

        Input.Validate(Meetings, ModelState, nameof(Input), localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Input.ApplyTo(Context.Review);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The visit's dates and place were saved."].Value;
        return RedirectToPage("/Reviews/Visit", new { id });
    }

    /// <summary>Either side adds a meeting to the agenda.</summary>
    public async Task<IActionResult> OnPostAddMeetingAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.ReadAll, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!EditsAgenda)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Input = VisitInput.From(Context.Review);
        if (NotWritable())
        {
            return Page();
        }

        Meeting.Validate(Context.Review, Context.Framework, [.. Organisations.Select(o => o.Id)], ModelState, nameof(Meeting), localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var meeting = new VisitMeeting { ReviewId = id };
        Meeting.ApplyTo(meeting);
        db.VisitMeetings.Add(meeting);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The meeting was added to the agenda."].Value;
        return RedirectToPage("/Reviews/Visit", new { id });
    }

    /// <summary>The reviewer records that the visit was held.</summary>
    public async Task<IActionResult> OnPostHeldAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, ReviewContext.Need.WriteAsReviewer, cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = VisitInput.From(Context.Review);
        if (NotWritable())
        {
            return Page();
        }

        if (Context.Review.VisitStart is null)
        {
            ModelState.AddModelError(string.Empty, localizer["Enter the visit's dates before recording it as held."]);
            return Page();
        }

        Context.Review.VisitDoneAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The visit was recorded as held."].Value;
        return RedirectToPage("/Reviews/Visit", new { id });
    }

    /// <summary>True (with the reason as the form's error) when the cycle has not started.</summary>
    private bool NotWritable()
    {
        if (Context.WhyNotWritable() is not { } why)
        {
            return false;
        }

        ModelState.AddModelError(string.Empty, localizer[why]);
        return true;
    }

    private async Task<IActionResult?> LoadAsync(int id, ReviewContext.Need need, CancellationToken cancellationToken)
    {
        var (context, refused) = await ReviewContext.LoadAsync(db, access, id, need, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        Context = context!;
        (Meetings, Organisations) = await VisitAgenda.LoadAsync(db, Context.Review, cancellationToken);
        return null;
    }
}

/// <summary>What the visit's pages show of the agenda: the meetings in time order, and the host round's organisations to choose from.</summary>
public static class VisitAgenda
{
    public static async Task<(IReadOnlyList<VisitMeeting> Meetings, IReadOnlyList<Organisation> Organisations)> LoadAsync(
        MegaBenchDbContext db, PeerReview review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(review);
        var meetings = await db.VisitMeetings.AsNoTracking().Include(m => m.Organisation)
            .Where(m => m.ReviewId == review.Id)
            .OrderBy(m => m.Date).ThenBy(m => m.Start).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.RoundId == review.HostRoundId)
            .OrderBy(o => o.GroupCode).ThenBy(o => o.Position).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);
        return (meetings, organisations);
    }

    /// <summary>The organisation met, as the agenda names it.</summary>
    public static string OrganisationOf(VisitMeeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return meeting.Organisation?.Name ?? meeting.OrganisationName ?? "";
    }
}
