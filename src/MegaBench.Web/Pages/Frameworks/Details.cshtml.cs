using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Frameworks;

public sealed class DetailsModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public Framework Framework { get; private set; } = null!;

    public string ContentHash { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id, string version, CancellationToken cancellationToken)
    {
        var stored = await db.Frameworks.AsNoTracking()
            .SingleOrDefaultAsync(f => f.FrameworkId == id && f.Version == version, cancellationToken);
        if (stored is null || !access.CanRead(AccessScope.Public))
        {
            return NotFound();
        }

        Framework = FrameworkStore.Read(stored);
        ContentHash = stored.ContentHash;
        return Page();
    }
}
