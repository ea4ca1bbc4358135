using System.Security.Claims;
using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Access;

/// <summary>
/// What a request touches, as read from the database: the network, city, round and organisation of the
/// object, the round's status, and for a network or city whether it holds a published round (what lets
/// readers see it). Build it from the loaded entity (<see cref="For(Round)"/> and its siblings) or from a
/// database projection (<see cref="AccessScopes"/>), never from ids the client sent, so that a request
/// cannot claim a city it does not belong to.
/// </summary>
public sealed record AccessScope(
    int? NetworkId = null,
    int? CityId = null,
    int? RoundId = null,
    int? OrganisationId = null,
    RoundStatus? Status = null,
    bool HasPublishedRound = false)
{
    /// <summary>Data that belongs to no network, such as a framework definition.</summary>
    public static AccessScope Public { get; } = new();

    /// <param name="network">The loaded network.</param>
    /// <param name="hasPublishedRound">Whether one of its cities has a published round, as read from the database.</param>
    public static AccessScope For(Network network, bool hasPublishedRound)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new(network.Id, HasPublishedRound: hasPublishedRound);
    }

    /// <param name="city">The loaded city.</param>
    /// <param name="hasPublishedRound">Whether the city has a published round, as read from the database.</param>
    public static AccessScope For(City city, bool hasPublishedRound)
    {
        ArgumentNullException.ThrowIfNull(city);
        return new(city.NetworkId, city.Id, HasPublishedRound: hasPublishedRound);
    }

    /// <summary>The round's scope; its <see cref="Round.City"/> must be loaded.</summary>
    public static AccessScope For(Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var city = round.City ?? throw new InvalidOperationException("Load the round's City to build its access scope.");
        return ForRound(city.NetworkId, city.Id, round.Id, round.Status);
    }

    /// <summary>A round's scope from a database projection of the round (its city's network, its city, its status).</summary>
    public static AccessScope ForRound(int networkId, int cityId, int roundId, RoundStatus status) =>
        new(networkId, cityId, roundId, null, status, status == RoundStatus.Published);

    /// <summary>The organisation's scope; its <see cref="Organisation.Round"/> and that round's City must be loaded.</summary>
    public static AccessScope For(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var round = organisation.Round ?? throw new InvalidOperationException("Load the organisation's Round (and its City) to build its access scope.");
        return For(round) with { OrganisationId = organisation.Id };
    }
}

/// <summary>Scopes read straight from the database, for networks and cities (whose visibility depends on their rounds).</summary>
public static class AccessScopes
{
    public static IQueryable<AccessScope> Scopes(this IQueryable<Network> networks) =>
        networks.Select(n => new AccessScope(n.Id, null, null, null, null, n.Cities.Any(c => c.Rounds.Any(r => r.Status == RoundStatus.Published))));

    public static IQueryable<AccessScope> Scopes(this IQueryable<City> cities) =>
        cities.Select(c => new AccessScope(c.NetworkId, c.Id, null, null, null, c.Rounds.Any(r => r.Status == RoundStatus.Published)));

    public static Task<AccessScope?> NetworkScopeAsync(this MegaBenchDbContext db, int networkId, CancellationToken cancellationToken) =>
        db.Networks.Where(n => n.Id == networkId).Scopes().SingleOrDefaultAsync(cancellationToken);

    public static Task<AccessScope?> CityScopeAsync(this MegaBenchDbContext db, int cityId, CancellationToken cancellationToken) =>
        db.Cities.Where(c => c.Id == cityId).Scopes().SingleOrDefaultAsync(cancellationToken);
}

/// <summary>
/// The one place that decides who may read or change what. Every page handler and API endpoint loads the
/// object it touches, builds its <see cref="AccessScope"/> and asks here; a refused read answers 404 (so
/// that a stranger cannot tell whether the object exists) and a refused edit 403 (or the sign-in page for
/// a visitor who is not signed in).
/// </summary>
/// <remarks>
/// One instance per request: <see cref="LoadAsync"/> (run by <c>UseAccessPolicy</c> once the caller is
/// authenticated) reads the caller's <see cref="Grants"/> once; every decision after that is in memory.
/// The rules are those of <see cref="Grants"/>:
/// <list type="bullet">
/// <item>a round (and its organisations, answers and sheets): anyone when published, else those who may edit its city;</item>
/// <item>a city: anyone when it has a published round, else its coordinators and its network's administrators;</item>
/// <item>a network: anyone when one of its cities has a published round, else its administrators and the
/// coordinators of one of its cities;</item>
/// <item>an edit of a city or anything in it: its coordinators and its network's administrators;</item>
/// <item>an edit of the network itself (add a city): its administrators; a new network: administrators of every network.</item>
/// </list>
/// The methods are virtual so that tests can replace the registration.
/// </remarks>
public class AccessPolicy
{
    private IReadOnlySet<int> _networksOfCoordinatedCities = new HashSet<int>();

    public AccessPolicy()
    {
    }

    /// <summary>A policy for known grants (tests, and hosts that resolve the caller themselves).</summary>
    public AccessPolicy(Grants grants, IReadOnlySet<int> networksOfCoordinatedCities)
    {
        Grants = grants;
        _networksOfCoordinatedCities = networksOfCoordinatedCities;
    }

    /// <summary>The caller's grants; anonymous until <see cref="LoadAsync"/> ran for a signed-in caller.</summary>
    public Grants Grants { get; private set; } = Grants.Anonymous;

    /// <summary>Reads the grants of the signed-in user (by the name-identifier claim), once per request.</summary>
    public async Task LoadAsync(ClaimsPrincipal user, MegaBenchDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            Grants = Grants.Anonymous;
            _networksOfCoordinatedCities = new HashSet<int>();
            return;
        }

        Grants = await Grants.LoadAsync(db, userId, cancellationToken);
        var cities = Grants.CoordinatedCities.ToList();
        _networksOfCoordinatedCities = cities.Count == 0
            ? new HashSet<int>()
            : (await db.Cities.Where(c => cities.Contains(c.Id)).Select(c => c.NetworkId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
    }

    public virtual bool CanRead(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope switch
        {
            { NetworkId: { } network, CityId: { } city, RoundId: not null, Status: { } status, OrganisationId: var organisation } =>
                Grants.CanReadRound(network, city, status)
                || (organisation is { } o && Grants.CanAnswerFor(network, city, scope.RoundId.Value, o)),
            { RoundId: not null } => false, // a round scope without its status was built wrongly: refuse.
            { NetworkId: { } network, CityId: { } city } => scope.HasPublishedRound || Grants.CanEditCity(network, city),
            { NetworkId: { } network } => scope.HasPublishedRound || Grants.CanAdministerNetwork(network) || _networksOfCoordinatedCities.Contains(network),
            { CityId: not null } => false,
            _ => true,
        };
    }

    /// <summary>
    /// A change inside a city (its rounds, organisations, answers, narrative) needs the city's coordinator or
    /// its network's administrator; a change of the network itself (a new city) needs its administrator;
    /// nothing outside a network (a framework) is changed through the web.
    /// </summary>
    public virtual bool CanEdit(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope switch
        {
            { NetworkId: { } network, CityId: { } city } => Grants.CanEditCity(network, city),
            { NetworkId: { } network } => Grants.CanAdministerNetwork(network),
            _ => false,
        };
    }

    /// <summary>May answer the questionnaire of the scope's organisation (a coordinator, an administrator, or its respondent link).</summary>
    public virtual bool CanAnswer(AccessScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope is { NetworkId: { } network, CityId: { } city, RoundId: { } round, OrganisationId: { } organisation }
            && Grants.CanAnswerFor(network, city, round, organisation);
    }

    /// <summary>May create networks: an administrator of every network.</summary>
    public virtual bool CanCreateNetworks => Grants.CanCreateNetworks;

    /// <summary>May manage people: any network administrator, for their networks.</summary>
    public virtual bool CanManagePeople => Grants.IsAdministrator;
}
