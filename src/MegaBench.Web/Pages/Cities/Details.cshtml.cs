using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Cities;

public sealed class DetailsModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public City City { get; private set; } = null!;

    public IReadOnlyList<RoundRow> Rounds { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var city = await db.Cities.AsNoTracking()
            .Include(c => c.Network)
            .Include(c => c.Rounds).ThenInclude(r => r.Framework)
            .Include(c => c.Rounds).ThenInclude(r => r.Organisations).ThenInclude(o => o.Answers)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (city is null || AccessScope.For(city, city.Rounds.Any(r => r.Status == RoundStatus.Published)) is not { } scope || !access.CanRead(scope))
        {
            return NotFound();
        }

        City = city;
        CanEdit = access.CanEdit(scope);
        Rounds = [.. city.Rounds.Where(r => access.CanRead(AccessScope.For(r))).OrderByDescending(r => r.Year).Select(r =>
        {
            var framework = FrameworkStore.Read(r.Framework!);
            var progress = r.Organisations.Aggregate(AnswerProgress.Zero, (sum, o) => sum + AnswerProgress.Of(framework, o));
            return new RoundRow(r.Id, r.Year, framework.Title, framework.Version, r.Status, r.Organisations.Count, progress);
        })];
        return Page();
    }

    public sealed record RoundRow(int Id, int Year, LocalizedText Framework, string Version, RoundStatus Status, int Organisations, AnswerProgress Progress);
}
