using MegaBench.Data;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Networks;

public sealed class IndexModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public IReadOnlyList<NetworkRow> Networks { get; private set; } = [];

    public bool CanCreateNetworks { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var networks = await db.Networks
            .OrderBy(n => n.Name)
            .Select(n => new
            {
                n.Id,
                n.Name,
                n.Description,
                n.IsDemo,
                Published = n.Cities.Any(c => c.Rounds.Any(r => r.Status == RoundStatus.Published)),
                Cities = n.Cities.Select(c => new { c.Id, Published = c.Rounds.Any(r => r.Status == RoundStatus.Published) }).ToList(),
            })
            .ToListAsync(cancellationToken);
        Networks = [.. networks
            .Where(n => access.CanRead(new AccessScope(n.Id, HasPublishedRound: n.Published)))
            .Select(n => new NetworkRow(n.Id, n.Name, n.Description, n.IsDemo, n.Cities.Count(c => access.CanRead(new AccessScope(n.Id, c.Id, HasPublishedRound: c.Published)))))];
        CanCreateNetworks = access.CanCreateNetworks;
    }

    public sealed record NetworkRow(int Id, string Name, string? Description, bool IsDemo, int Cities);
}
