using MegaBench.Data;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Practices;

/// <summary>Finding practices to learn from.</summary>
public static class PracticeLibrary
{
    /// <summary>
    /// The practices of a network's cities that address any of <paramref name="themes"/>, newest first,
    /// leaving out the cities in <paramref name="excludeCityIds"/> (a city does not learn from itself).
    /// </summary>
    /// <remarks>A network records tens or hundreds of practices, so themes are matched in memory after one query by network.</remarks>
    public static async Task<List<Practice>> ForThemesAsync(
        MegaBenchDbContext db, int networkId, IReadOnlyCollection<string> themes, IReadOnlyCollection<int> excludeCityIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var practices = await db.Set<Practice>().AsNoTracking()
            .Include(p => p.City)
            .Where(p => p.City!.NetworkId == networkId && !excludeCityIds.Contains(p.CityId))
            .OrderByDescending(p => p.Id)
            .ToListAsync(cancellationToken);
        return themes.Count == 0
            ? practices
            : [.. practices.Where(p => p.ThemeList.Any(themes.Contains))];
    }
}
