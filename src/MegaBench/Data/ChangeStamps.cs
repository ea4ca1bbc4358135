using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Practices;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MegaBench.Data;

/// <summary>
/// The change stamps: a counter per network and per round, raised in the same transaction as any change that alters
/// what a page of it shows. Results computed from stored data (a network's scores) are cached under the stamp they
/// were computed at, and every request reads the stamp from the database (one small query), so a change made
/// through any instance is seen by every instance at its next request.
/// </summary>
/// <remarks>
/// <para><b>What raises which.</b> A round's stamp: its answers, organisations, narrative, status and fields, its city's
/// and network's names. A network's stamp: anything that raises one of its rounds' stamps, its cities, its practices,
/// and (for every network) a framework registered, since a round reads its framework from the stored row.</para>
/// <para><b>Where.</b> Every EF save passes through <see cref="MegaBenchDbContext"/>'s <c>SaveChanges</c>, which
/// raises the stamps of what it changed (<see cref="Collect"/>, <see cref="RaiseAsync"/>) in its transaction, so no
/// page, endpoint or importer can forget it. The autosave's <c>AnswerWriter</c> bypasses EF and raises the stamps in
/// its own SQL: the round's, and the network's when the round is no longer open (its saves can only reach open
/// rounds, and a network's comparisons read published rounds only, so collecting answers does not empty the network's cache).</para>
/// <para>The stamps are shadow properties: no page, export or audit entry shows them.</para>
/// </remarks>
public static class ChangeStamps
{
    /// <summary>The shadow property (and column) of <see cref="Network"/> and <see cref="Round"/>.</summary>
    public const string Property = "ChangeStamp";

    internal static void Configure(ModelBuilder builder)
    {
        builder.Entity<Network>().Property<long>(Property).HasDefaultValue(0L);
        builder.Entity<Round>().Property<long>(Property).HasDefaultValue(0L);
    }

    /// <summary>The network's stamp; null when there is no such network.</summary>
    public static Task<long?> OfNetworkAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Networks.Where(n => n.Id == networkId).Select(n => (long?)EF.Property<long>(n, Property)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The round's stamp; null when there is no such round.</summary>
    public static Task<long?> OfRoundAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Rounds.Where(r => r.Id == roundId).Select(r => (long?)EF.Property<long>(r, Property)).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The round's stamp and its network's, with what decides who may read the round (its network, city and status),
    /// in one small query: what a cached page of the round is keyed on and served after. Null when there is no such round.
    /// </summary>
    public static Task<RoundStamps?> OfRoundAndNetworkAsync(MegaBenchDbContext db, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return RoundStampQuery.For(db).ReadAsync(db, roundId, cancellationToken);
    }

    /// <summary>The tracked changes that alter what a page shows, taken before the save (a deleted row's entry is detached by it).</summary>
    internal static List<EntityEntry> Collect(DbContext db) =>
        [.. db.ChangeTracker.Entries().Where(e => e.Entity is Network or City or Round or Organisation or Answer or NarrativeSection or Practice or StoredFramework
            && (e.State is EntityState.Added or EntityState.Deleted || (e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified))))];

    /// <summary>Raises the stamps of what <paramref name="changed"/> touched; called inside the save's transaction, after the changes (keys are known).</summary>
    internal static async Task RaiseAsync(MegaBenchDbContext db, List<EntityEntry> changed, CancellationToken cancellationToken)
    {
        if (changed.Count > 0)
        {
            var (rounds, networks) = Touched(db, changed);
            await rounds.ExecuteUpdateAsync(s => s.SetProperty(r => EF.Property<long>(r, Property), r => EF.Property<long>(r, Property) + 1), cancellationToken);
            await networks.ExecuteUpdateAsync(s => s.SetProperty(n => EF.Property<long>(n, Property), n => EF.Property<long>(n, Property) + 1), cancellationToken);
        }
    }

    /// <summary>The synchronous <see cref="RaiseAsync"/>, for <c>SaveChanges</c>.</summary>
    internal static void Raise(MegaBenchDbContext db, List<EntityEntry> changed)
    {
        if (changed.Count > 0)
        {
            var (rounds, networks) = Touched(db, changed);
            rounds.ExecuteUpdate(s => s.SetProperty(r => EF.Property<long>(r, Property), r => EF.Property<long>(r, Property) + 1));
            networks.ExecuteUpdate(s => s.SetProperty(n => EF.Property<long>(n, Property), n => EF.Property<long>(n, Property) + 1));
        }
    }

    private static (IQueryable<Round> Rounds, IQueryable<Network> Networks) Touched(MegaBenchDbContext db, List<EntityEntry> changed)
    {
        var (rounds, cities, networks, citiesRounds, networksRounds) = (new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new HashSet<int>());
        var everyNetwork = false;
        foreach (var entry in changed)
        {
            switch (entry.Entity)
            {
                case Network network:
                    networks.Add(network.Id);
                    networksRounds.Add(network.Id);
                    break;
                case City city:
                    networks.Add(city.NetworkId);
                    citiesRounds.Add(city.Id);
                    break;
                case Round round:
                    rounds.Add(round.Id);
                    cities.Add(round.CityId);
                    break;
                case Practice practice:
                    cities.Add(practice.CityId);
                    break;
                case StoredFramework:
                    everyNetwork = true;
                    break;
                default:
                    if (AuditRecorder.RoundOf(db, entry.Entity) is { } roundId)
                    {
                        rounds.Add(roundId);
                    }

                    break;
            }
        }

        return (
            db.Rounds.Where(r => rounds.Contains(r.Id) || citiesRounds.Contains(r.CityId) || networksRounds.Contains(r.City!.NetworkId)),
            db.Networks.Where(n => everyNetwork || networks.Contains(n.Id)
                || n.Cities.Any(c => cities.Contains(c.Id) || citiesRounds.Contains(c.Id) || c.Rounds.Any(r => rounds.Contains(r.Id)))));
    }
}

/// <summary>
/// A round's change stamp and its network's, with the round's network, city and status (what its access rests on), and
/// what a page of it shows around a cached body: its year, its city's and network's names, whether the network is the
/// demo, and its framework.
/// </summary>
public sealed record RoundStamps(
    int NetworkId,
    int CityId,
    RoundStatus Status,
    long Round,
    long Network,
    int Year,
    string CityName,
    string NetworkName,
    bool IsDemo,
    int StoredFrameworkId,
    string FrameworkHash);
