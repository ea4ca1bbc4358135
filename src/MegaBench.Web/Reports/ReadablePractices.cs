using MegaBench.Data;
using MegaBench.Practices;
using MegaBench.Rounds;
using MegaBench.Web.Access;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Reports;

/// <summary>The practice library as one caller may see it: the rule of the practice pages.</summary>
public static class ReadablePractices
{
    /// <summary>The practices of a network that the caller may read (those of cities with a published round, or of cities the caller edits).</summary>
    public static async Task<List<Practice>> LoadAsync(MegaBenchDbContext db, AccessPolicy access, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(access);
        var practices = await PracticeLibrary.ForThemesAsync(db, networkId, [], [], cancellationToken);
        var published = (await db.Rounds.AsNoTracking()
            .Where(r => r.City!.NetworkId == networkId && r.Status == RoundStatus.Published)
            .Select(r => r.CityId).ToListAsync(cancellationToken)).ToHashSet();
        return [.. practices.Where(p => access.CanRead(AccessScope.For(p.City!, published.Contains(p.CityId))))];
    }
}
