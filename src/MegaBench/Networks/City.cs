using MegaBench.Rounds;

namespace MegaBench.Networks;

/// <summary>A city of a network; each year it is benchmarked is a <see cref="Round"/>.</summary>
public sealed class City
{
    public int Id { get; set; }

    public int NetworkId { get; set; }

    public Network? Network { get; set; }

    public required string Name { get; set; }

    /// <summary>The country, as written by the coordinator (e.g. "France").</summary>
    public required string Country { get; set; }

    public List<Round> Rounds { get; } = [];
}
