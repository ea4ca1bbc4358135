using MegaBench.Networks;

namespace MegaBench.Accounts;

/// <summary>What an account may act on: a network as its administrator, or a city as its coordinator.</summary>
/// <remarks>
/// An administrator has a <see cref="NetworkId"/>, or none for "every network" (the first administrator,
/// who creates networks); a coordinator has a <see cref="CityId"/>.
/// </remarks>
public sealed class RoleAssignment
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public AccountRole Role { get; set; }

    public int? NetworkId { get; set; }

    public Network? Network { get; set; }

    public int? CityId { get; set; }

    public City? City { get; set; }
}

public enum AccountRole
{
    /// <summary>Everything in the assigned network: its cities, rounds, coordinators and matching.</summary>
    NetworkAdministrator,

    /// <summary>The assigned city's rounds, organisations, answers and narrative, nothing else.</summary>
    CityCoordinator,
}
