using MegaBench.Networks;
using MegaBench.Rounds;

namespace MegaBench.Web.Access;

/// <summary>
/// What a request touches, as read from the database: the network, city, round and organisation of the
/// object. Build it from the loaded entity (<see cref="For(City)"/> and its siblings), never from ids the
/// client sent, so that a request cannot claim a city it does not belong to.
/// </summary>
public sealed record AccessScope(int? NetworkId = null, int? CityId = null, int? RoundId = null, int? OrganisationId = null)
{
    /// <summary>Data that belongs to no network, such as a framework definition.</summary>
    public static AccessScope Public { get; } = new();

    public static AccessScope For(Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new(network.Id);
    }

    public static AccessScope For(City city)
    {
        ArgumentNullException.ThrowIfNull(city);
        return new(city.NetworkId, city.Id);
    }

    /// <summary>The round's scope; its <see cref="Round.City"/> must be loaded.</summary>
    public static AccessScope For(Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var city = round.City ?? throw new InvalidOperationException("Load the round's City to build its access scope.");
        return new(city.NetworkId, city.Id, round.Id);
    }

    /// <summary>The organisation's scope; its <see cref="Organisation.Round"/> and that round's City must be loaded.</summary>
    public static AccessScope For(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var round = organisation.Round ?? throw new InvalidOperationException("Load the organisation's Round (and its City) to build its access scope.");
        return For(round) with { OrganisationId = organisation.Id };
    }
}

/// <summary>
/// The one place that decides who may read or change what. Every page handler and API endpoint loads the
/// object it touches, builds its <see cref="AccessScope"/> and asks here; a refused read answers 404 (so
/// that a stranger cannot tell whether the object exists) and a refused edit 403.
/// </summary>
/// <remarks>
/// Accounts arrive in the next issue: until then everyone is a coordinator and everything is allowed.
/// The methods are virtual so that the account-aware rules, and tests, can replace this registration.
/// </remarks>
public class AccessPolicy
{
    public virtual bool CanRead(AccessScope scope) => true;

    public virtual bool CanEdit(AccessScope scope) => true;
}
