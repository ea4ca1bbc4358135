using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace MegaBench.Web.Pages.Cycles;

/// <summary>
/// A learning cycle: its groups and reviews with their stage, the matching it rests on, its target dates, and for
/// the network's administrators the changes they may make — swap partners and start (before the start), edit the
/// dates (always). Readers: the network's administrators and the coordinators of the cycle's cities.
/// </summary>
public sealed class DetailsModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public LearningCycle Cycle { get; private set; } = null!;

    public bool CanManage { get; private set; }

    /// <summary>The cities of the cycle by id, with their names.</summary>
    public IReadOnlyDictionary<int, string> Cities { get; private set; } = new Dictionary<int, string>();

    /// <summary>Each review's stage and whether it is overdue.</summary>
    public CycleDashboard Dashboard { get; private set; } = null!;

    [BindProperty]
    public CycleDatesInput Dates { get; set; } = new();

    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, manage: false, cancellationToken) is { } refused)
        {
            return refused;
        }

        Dates = CycleDatesInput.From(Cycle);
        return Page();
    }

    public async Task<IActionResult> OnPostSwapAsync(int id, int? firstCity, int? secondCity, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, manage: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        Dates = CycleDatesInput.From(Cycle);
        if (firstCity is not { } a || secondCity is not { } b)
        {
            Errors.Add(localizer["Choose the two cities whose partners to swap."].Value);
            return Page();
        }

        var scores = await NetworkScores.LoadAsync(db, Cycle.NetworkId, cancellationToken);
        var analysis = scores?.Analyse();
        try
        {
            var removed = CycleRules.SwapPartners(Cycle, a, b, (host, reviewer) => GapThemes(analysis, host, reviewer));
            db.PeerReviews.RemoveRange(removed);
        }
        catch (LearningCycleException e)
        {
            Errors.Add(localizer[e.Format, [.. e.Arguments]].Value);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["{0} and {1} swapped partners.", Cities[a], Cities[b]].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostStartAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, manage: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        Dates = CycleDatesInput.From(Cycle);
        try
        {
            CycleRules.Start(Cycle, clock.GetUtcNow());
        }
        catch (LearningCycleException e)
        {
            Errors.Add(localizer[e.Format, [.. e.Arguments]].Value);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The cycle has started: the reviews are open and the pairs are fixed."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDatesAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, manage: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        Dates.Validate(ModelState, nameof(Dates), localizer);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Dates.ApplyTo(Cycle);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Saved"] = localizer["The target dates were saved."].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>The host's gap themes on which the reviewer leads, as the matching reads them (none without published rounds).</summary>
    private static IEnumerable<string> GapThemes(NetworkAnalysis? analysis, int host, int reviewer) =>
        analysis is null || !analysis.Cities.Any(c => c.Id == host) || !analysis.Cities.Any(c => c.Id == reviewer)
            ? []
            : analysis.Learning(host, reviewer).Items.Where(i => i.Level == EvidenceLevel.Theme).Select(i => i.Code);

    private async Task<IActionResult?> LoadAsync(int id, bool manage, CancellationToken cancellationToken)
    {
        var cycle = await db.LearningCycles.Include(c => c.Network).Include(c => c.Reviews)
            .AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null || !access.CanRead(CycleScope.For(cycle)))
        {
            return NotFound();
        }

        CanManage = access.CanManageCycles(cycle.NetworkId);
        if (manage && !CanManage)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Cycle = cycle;
        var cityIds = cycle.Reviews.SelectMany(r => new[] { r.HostCityId, r.ReviewerCityId }).Distinct().ToList();
        Cities = await db.Cities.Where(c => cityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        // Stages, overdue marks, actions and the follow-up's shares: one computation, the dashboard's.
        Dashboard = await CycleDashboard.LoadAsync(db, cycle.Id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), cancellationToken);
        return null;
    }
}
