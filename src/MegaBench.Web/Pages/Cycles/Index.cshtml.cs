using MegaBench.Data;
using MegaBench.Learning;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Cycles;

/// <summary>
/// A network's learning cycles: those the reader may follow (its administrators, the coordinators of the cycle's
/// cities), and for everyone the peer reviews whose host published the feedback report and action plan.
/// </summary>
public sealed class IndexModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public MegaBench.Networks.Network Network { get; private set; } = null!;

    public IReadOnlyList<CycleRow> Cycles { get; private set; } = [];

    public IReadOnlyList<PublishedReview> Published { get; private set; } = [];

    public bool CanManage { get; private set; }

    public sealed record CycleRow(int Id, string Name, CycleStatus Status, int Reviews, DateTimeOffset CreatedAt);

    public sealed record PublishedReview(int Id, string Cycle, string Host, string Reviewer, DateTimeOffset PublishedAt);

    public async Task<IActionResult> OnGetAsync(int networkId, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken);
        if (network is null || await db.NetworkScopeAsync(networkId, cancellationToken) is not { } scope || !access.CanRead(scope))
        {
            return NotFound();
        }

        Network = network;
        CanManage = access.CanManageCycles(networkId);
        var cycles = await db.LearningCycles.AsNoTracking().Where(c => c.NetworkId == networkId)
            .Select(c => new { c.Id, c.Name, c.Status, c.CreatedAt, Cities = c.Reviews.Select(r => r.HostCityId).ToList() })
            .ToListAsync(cancellationToken);
        Cycles = [.. cycles.Where(c => access.CanRead(new CycleScope(networkId, c.Id, c.Cities)))
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new CycleRow(c.Id, c.Name, c.Status, c.Cities.Count, c.CreatedAt))];
        // Ordered here: SQLite cannot order by a DateTimeOffset column.
        Published = [.. (await db.PeerReviews.AsNoTracking()
                .Where(r => r.Cycle!.NetworkId == networkId && r.PublishedAt != null)
                .Select(r => new PublishedReview(r.Id, r.Cycle!.Name, r.HostCity!.Name, r.ReviewerCity!.Name, r.PublishedAt!.Value))
                .ToListAsync(cancellationToken))
            .OrderByDescending(r => r.PublishedAt)];
        return Page();
    }
}
