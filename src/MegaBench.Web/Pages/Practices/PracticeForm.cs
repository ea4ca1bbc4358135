using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Practices;

/// <summary>What the practice forms need besides the input: the framework whose themes and languages a city's practices use.</summary>
public static class PracticeForm
{
    /// <summary>
    /// The framework of the city's latest round, else of its network's latest round, else the newest stored one:
    /// practices are tagged with the themes the city is benchmarked on.
    /// </summary>
    public static async Task<Framework?> FrameworkForAsync(MegaBenchDbContext db, City city, CancellationToken cancellationToken)
    {
        var stored = await db.Rounds.AsNoTracking().Where(r => r.CityId == city.Id).OrderByDescending(r => r.Year).Select(r => r.Framework).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Rounds.AsNoTracking().Where(r => r.City!.NetworkId == city.NetworkId).OrderByDescending(r => r.Year).Select(r => r.Framework).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Frameworks.AsNoTracking().OrderByDescending(f => f.Id).FirstOrDefaultAsync(cancellationToken);
        return stored is null ? null : FrameworkStore.Read(stored);
    }
}
