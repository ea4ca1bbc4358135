using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Networks;

public sealed class DetailsModel(MegaBenchDbContext db, AccessPolicy access) : PageModel
{
    public Network Network { get; private set; } = null!;

    public IReadOnlyList<CityRow> Cities { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public IReadOnlyList<MegaBench.OpenData.OpenDataReleases.ReleaseSummary> Releases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id, cancellationToken);
        var scope = await db.NetworkScopeAsync(id, cancellationToken);
        if (network is null || scope is null || !access.CanRead(scope))
        {
            return NotFound();
        }

        Network = network;
        CanEdit = access.CanEdit(scope);
        Releases = await MegaBench.OpenData.OpenDataReleases.ListAsync(db, id, cancellationToken);

        var cities = await db.Cities.AsNoTracking()
            .Where(c => c.NetworkId == id)
            .Include(c => c.Network)
            .Include(c => c.Rounds).ThenInclude(r => r.Framework)
            .OrderBy(c => c.Name)
            .ToListAsync(cancellationToken);
        var latestIds = cities.Select(c => c.Rounds.Where(r => access.CanRead(AccessScope.For(r))).OrderByDescending(r => r.Year).FirstOrDefault()?.Id).OfType<int>().ToList();
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => latestIds.Contains(o.RoundId))
            .Include(o => o.Answers)
            .ToListAsync(cancellationToken);

        Cities = [.. cities
            .Where(c => access.CanRead(AccessScope.For(c, c.Rounds.Any(r => r.Status == RoundStatus.Published))))
            .Select(c =>
            {
                // The latest round the caller may read: a reader sees the latest published one.
                var latest = c.Rounds.Where(r => access.CanRead(AccessScope.For(r))).OrderByDescending(r => r.Year).FirstOrDefault();
                LatestRound? summary = null;
                if (latest is not null)
                {
                    var framework = FrameworkStore.Read(latest.Framework!);
                    var progress = organisations.Where(o => o.RoundId == latest.Id)
                        .Aggregate(AnswerProgress.Zero, (sum, o) => sum + AnswerProgress.Of(framework, o));
                    summary = new LatestRound(latest.Id, latest.Year, latest.Status, progress);
                }

                return new CityRow(c.Id, c.Name, c.Country, c.Rounds.Count(r => access.CanRead(AccessScope.For(r))), summary);
            })];
        return Page();
    }

    public sealed record CityRow(int Id, string Name, string Country, int Rounds, LatestRound? Latest);

    public sealed record LatestRound(int Id, int Year, RoundStatus Status, AnswerProgress Progress);
}
