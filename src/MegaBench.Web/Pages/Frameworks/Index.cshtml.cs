using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Frameworks;

public sealed class IndexModel(MegaBenchDbContext db, AccessPolicy access, MegaBench.Web.Startup.FrameworkFolderReport folder) : PageModel
{
    /// <summary>The framework files not used at start-up, shown to administrators only (they name server paths).</summary>
    public IReadOnlyList<FrameworkProblem> Problems { get; private set; } = [];

    public IReadOnlyList<FrameworkRow> Frameworks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!access.CanRead(AccessScope.Public))
        {
            return;
        }

        Problems = access.Grants.IsAdministrator ? folder.Problems : [];
        var stored = await db.Frameworks.AsNoTracking().OrderBy(f => f.FrameworkId).ThenBy(f => f.Id).ToListAsync(cancellationToken);
        Frameworks = [.. stored.Select(s =>
        {
            var framework = FrameworkStore.Read(s);
            return new FrameworkRow(s.FrameworkId, s.Version, framework.Title, framework.Indicators.Count(), s.StoredAt);
        })];
    }

    public sealed record FrameworkRow(string Id, string Version, MegaBench.Frameworks.LocalizedText Title, int Statements, DateTimeOffset StoredAt);
}
