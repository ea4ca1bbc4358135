using MegaBench.Data;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Rounds;

/// <summary>
/// The one query for a whole round: the round with its city and network, its organisations with their answers and its
/// narrative (and, unless the caller keeps parsed frameworks of its own, its stored framework), read without tracking
/// in split queries. Every reader of a whole round asks it: the exports and reports, the round file, the next round's
/// carry-over and the API's organisation list.
/// </summary>
public static class RoundGraph
{
    /// <param name="withFramework">
    /// Whether to read the stored framework too; a caller reading many rounds of one framework (a network export)
    /// parses it once itself instead.
    /// </param>
    public static IQueryable<Round> Query(MegaBenchDbContext db, bool withFramework = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rounds = db.Rounds.AsNoTracking().AsSplitQuery()
            .Include(r => r.City!).ThenInclude(c => c.Network)
            .Include(r => r.Organisations).ThenInclude(o => o.Answers)
            .Include(r => r.Narrative);
        return withFramework ? rounds.Include(r => r.Framework) : rounds;
    }

    /// <summary>The round, or <see cref="RoundNotFoundException"/>.</summary>
    public static async Task<Round> LoadAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken, bool withFramework = true) =>
        await FindAsync(db, roundId, cancellationToken, withFramework) ?? throw new RoundNotFoundException(roundId);

    /// <summary>The round, or null when there is none with this id.</summary>
    public static Task<Round?> FindAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken, bool withFramework = true) =>
        Query(db, withFramework).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);

    /// <summary>
    /// One organisation to change, tracked, with what every editor of it reads: its round with the city, the network and
    /// the stored framework, and its answers. The organisation's answers page and the API's organisation and answer
    /// writes load it so; null when there is no such organisation.
    /// </summary>
    public static Task<Organisation?> FindOrganisationAsync(MegaBenchDbContext db, int organisationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Organisations
            .Include(o => o.Round).ThenInclude(r => r!.City).ThenInclude(c => c!.Network)
            .Include(o => o.Round).ThenInclude(r => r!.Framework)
            .Include(o => o.Answers)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
    }
}
