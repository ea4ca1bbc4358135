using System.Security.Claims;
using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Learning;
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

/// <summary>
/// A peer review as read from the database: its cycle's network, its host and reviewing cities, and whether
/// the host published its feedback report and action plan. Build it with <see cref="For(PeerReview)"/> or
/// <see cref="LearningScopes"/>, never from ids the client sent.
/// </summary>
public sealed record ReviewScope(int NetworkId, int CycleId, int ReviewId, int HostCityId, int ReviewerCityId, bool Published)
{
    /// <summary>The review's scope; its <see cref="PeerReview.Cycle"/> must be loaded.</summary>
    public static ReviewScope For(PeerReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var cycle = review.Cycle ?? throw new InvalidOperationException("Load the review's Cycle to build its access scope.");
        return new(cycle.NetworkId, cycle.Id, review.Id, review.HostCityId, review.ReviewerCityId, review.PublishedAt is not null);
    }
}

/// <summary>A learning cycle as read from the database: its network and the cities taking part.</summary>
public sealed record CycleScope(int NetworkId, int CycleId, IReadOnlyList<int> Cities)
{
    /// <summary>The cycle's scope; its <see cref="LearningCycle.Reviews"/> must be loaded.</summary>
    public static CycleScope For(LearningCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return new(cycle.NetworkId, cycle.Id, [.. cycle.Reviews.SelectMany(r => new[] { r.HostCityId, r.ReviewerCityId }).Distinct()]);
    }
}

/// <summary>Learning scopes read straight from the database.</summary>
public static class LearningScopes
{
    public static Task<ReviewScope?> ReviewScopeAsync(this MegaBenchDbContext db, int reviewId, CancellationToken cancellationToken) =>
        db.PeerReviews.Where(r => r.Id == reviewId)
            .Select(r => new ReviewScope(r.Cycle!.NetworkId, r.CycleId, r.Id, r.HostCityId, r.ReviewerCityId, r.PublishedAt != null))
            .SingleOrDefaultAsync(cancellationToken);

    public static async Task<CycleScope?> CycleScopeAsync(this MegaBenchDbContext db, int cycleId, CancellationToken cancellationToken)
    {
        var cycle = await db.LearningCycles.Where(c => c.Id == cycleId).Select(c => new { c.NetworkId }).SingleOrDefaultAsync(cancellationToken);
        if (cycle is null)
        {
            return null;
        }

        var cities = await db.PeerReviews.Where(r => r.CycleId == cycleId).Select(r => r.HostCityId).Distinct().ToListAsync(cancellationToken);
        return new CycleScope(cycle.NetworkId, cycleId, cities);
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
    public AccessPolicy()
    {
    }

    /// <summary>A policy for known grants (tests, and hosts that resolve the caller themselves).</summary>
    public AccessPolicy(Grants grants, IReadOnlySet<int> networksOfCoordinatedCities)
    {
        ArgumentNullException.ThrowIfNull(grants);
        Grants = grants with { NetworksOfCoordinatedCities = networksOfCoordinatedCities };
    }

    /// <summary>The caller's grants; anonymous until the session check (<see cref="Use"/>) or <see cref="LoadAsync"/> set them for a signed-in caller.</summary>
    public Grants Grants { get; private set; } = Grants.Anonymous;

    /// <summary>
    /// Reads the grants of the signed-in user (by the name-identifier claim), once per request: from the database
    /// (a context from <paramref name="db"/>) unless the sign-in cookie's check read them already (<see cref="Use"/>).
    /// </summary>
    public async Task LoadAsync(ClaimsPrincipal user, Func<MegaBenchDbContext> db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            Grants = Grants.Anonymous;
        }
        else if (Grants.UserId != userId)
        {
            Grants = await Grants.LoadAsync(db(), userId, cancellationToken);
        }
    }

    /// <summary>
    /// The grants the sign-in cookie's check read with the account (<see cref="SessionValidator"/>): <see cref="LoadAsync"/>
    /// then reads nothing more for that account.
    /// </summary>
    internal void Use(Grants grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        Grants = grants;
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
            { NetworkId: { } network, CityId: { } city } => Grants.CanReadCity(network, city, scope.HasPublishedRound),
            { NetworkId: { } network } => Grants.CanReadNetwork(network, scope.HasPublishedRound),
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

    /// <summary>May start learning cycles in the network and change their pairs and dates.</summary>
    public virtual bool CanManageCycles(int networkId) => Grants.CanManageCycles(networkId);

    /// <summary>May see the cycle's dashboard (refused: 404).</summary>
    public virtual bool CanRead(CycleScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Grants.CanReadCycle(scope.NetworkId, scope.Cities);
    }

    /// <summary>May read the whole review: desk review, visit, drafts (refused: 404, unless <see cref="CanReadOutcome"/>).</summary>
    public virtual bool CanRead(ReviewScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Grants.CanReadReview(scope.NetworkId, scope.HostCityId, scope.ReviewerCityId);
    }

    /// <summary>May read the review's feedback report and action plan (published, or a party to the review).</summary>
    public virtual bool CanReadOutcome(ReviewScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Grants.CanReadReviewOutcome(scope.NetworkId, scope.HostCityId, scope.ReviewerCityId, scope.Published);
    }

    /// <summary>May write the host's part of the review.</summary>
    public virtual bool CanWriteAsHost(ReviewScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Grants.CanWriteAsHost(scope.NetworkId, scope.HostCityId);
    }

    /// <summary>May write the reviewer's part of the review.</summary>
    public virtual bool CanWriteAsReviewer(ReviewScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Grants.CanWriteAsReviewer(scope.NetworkId, scope.ReviewerCityId);
    }

    /// <summary>May create networks: an administrator of every network.</summary>
    public virtual bool CanCreateNetworks => Grants.CanCreateNetworks;

    /// <summary>May manage people: any network administrator, for their networks.</summary>
    public virtual bool CanManagePeople => Grants.CanManagePeople;
}
