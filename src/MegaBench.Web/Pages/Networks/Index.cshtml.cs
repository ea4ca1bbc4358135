using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Networks;

public sealed class IndexModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public IReadOnlyList<NetworkRow> Networks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var networks = await db.Networks
            .OrderBy(n => n.Name)
            .Select(n => new { n.Id, n.Name, n.Description, n.IsDemo, Cities = n.Cities.Count })
            .ToListAsync(cancellationToken);
        Networks = [.. networks
            .Where(n => access.CanRead(new AccessScope(n.Id)))
            .Select(n => new NetworkRow(n.Id, n.Name, n.Description, n.IsDemo, n.Cities))];
    }

    public sealed record NetworkRow(int Id, string Name, string? Description, bool IsDemo, int Cities);
}
