using MegaBench.Data;
using MegaBench.Questionnaires;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MegaBench.Web.Pages.Work;

/// <summary>
/// A signed-in person's home: the cities they coordinate (and, for a network administrator, every city of their
/// networks), each round in progress with its collection progress, what is overdue, and the next step.
/// </summary>
[Authorize]
public sealed class IndexModel(MegaBenchDbContext db, AccessPolicy access, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MyWork.WorkCity> Cities { get; private set; } = [];

    public bool IsAdministrator => access.Grants.IsAdministrator;

    public int ThisYear => clock.GetUtcNow().Year;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cities = await MyWork.LoadAsync(db, access.Grants, cancellationToken: cancellationToken);
}
