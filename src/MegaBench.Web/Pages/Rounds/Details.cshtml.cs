using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using MegaBench.Web.Display;
using MegaBench.Web.Narrative;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Rounds;

public sealed class DetailsModel(MegaBenchDbContext db, AccessPolicy access, SafeMarkdown markdown, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public Round Round { get; private set; } = null!;

    public Framework Framework { get; private set; } = null!;

    public IReadOnlyList<GroupRow> Groups { get; private set; } = [];

    public IReadOnlyList<SectionRow> Sections { get; private set; } = [];

    public AnswerProgress Total { get; private set; }

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, tracked: false, cancellationToken) ?? Page();

    /// <summary>Changes the round's status (Open, Closed or Published).</summary>
    public async Task<IActionResult> OnPostStatusAsync(int id, string? newStatus, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, tracked: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!CanEdit)
        {
            // A visitor who is not signed in is asked to sign in; a signed-in one without the right is refused.
            return User.Identity?.IsAuthenticated == true ? StatusCode(StatusCodes.Status403Forbidden) : Challenge();
        }

        // Only the exact names are statuses: Enum.TryParse would also take "7" or "Open, Closed".
        if (Enum.GetValues<RoundStatus>().Cast<RoundStatus?>().FirstOrDefault(s => s.ToString() == newStatus) is not { } status)
        {
            ModelState.AddModelError("NewStatus", localizer["'{0}' is not a status. Choose Open, Closed or Published.", newStatus ?? ""]);
            return Page();
        }

        // Publishing goes through the summary, which the coordinator confirms (Publish page).
        if (await RoundStatusChange.SetAsync(db, Round, status, cancellationToken) == RoundStatusChange.Outcome.NeedsSummary)
        {
            return RedirectToPage("/Rounds/Publish", new { id });
        }

        TempData["Saved"] = localizer["The round is now {0}.", localizer[Labels.Status(status)].Value].Value;
        return RedirectToPage("/Rounds/Details", new { id });
    }

    private async Task<IActionResult?> LoadAsync(int id, bool tracked, CancellationToken cancellationToken)
    {
        var query = tracked ? db.Rounds : db.Rounds.AsNoTracking();
        var round = await query.WithContext()
            .Include(r => r.Narrative)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (round is null || !access.CanRead(AccessScope.For(round)))
        {
            return NotFound();
        }

        Round = round;
        CanEdit = access.CanEdit(AccessScope.For(round));
        Framework = FrameworkStore.Read(round.Framework!);

        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.RoundId == id)
            .Include(o => o.Answers)
            .ToListAsync(cancellationToken);
        Groups = [.. Framework.Groups.Select(g => new GroupRow(
            g.Code,
            g.Name,
            [.. organisations
                .Where(o => o.GroupCode == g.Code && access.CanRead(AccessScope.For(round) with { OrganisationId = o.Id }))
                .OrderBy(o => o.Position).ThenBy(o => o.Name, StringComparer.Ordinal)
                .Select(o => new OrganisationRow(o.Id, o.Name, o.Kind, AnswerProgress.Of(g, o.Answers)))]))];
        Total = Groups.SelectMany(g => g.Organisations).Aggregate(AnswerProgress.Zero, (sum, o) => sum + o.Progress);

        var city = round.City!.Name;
        Sections = [.. NarrativeSections.All.Select(kind => new SectionRow(
            NarrativeSections.Slug(kind),
            NarrativeSections.Title(kind, city, localizer),
            markdown.Render(round.Narrative.FirstOrDefault(n => n.Kind == kind)?.Markdown)))];
        return null;
    }

    public sealed record GroupRow(string Code, LocalizedText Name, IReadOnlyList<OrganisationRow> Organisations);

    public sealed record OrganisationRow(int Id, string Name, string Kind, AnswerProgress Progress);

    public sealed record SectionRow(string Slug, string Title, HtmlString Html);
}
