using MegaBench.Frameworks;
using MegaBench.Networks;

namespace MegaBench.Rounds;

/// <summary>
/// A city's benchmark in a given year against one exact framework version. The round points at the
/// stored snapshot of the framework, never at the file, so its answers keep their meaning.
/// </summary>
public sealed class Round
{
    public int Id { get; set; }

    public int CityId { get; set; }

    public City? City { get; set; }

    public int Year { get; set; }

    public int StoredFrameworkId { get; set; }

    public StoredFramework? Framework { get; set; }

    public RoundStatus Status { get; set; } = RoundStatus.Open;

    public DateTimeOffset CreatedAt { get; set; }

    public List<Organisation> Organisations { get; } = [];

    public List<NarrativeSection> Narrative { get; } = [];
}

/// <summary>
/// Open: answers are being collected. Closed: no more answers, the coordinator checks and writes.
/// Published: readers see it.
/// </summary>
public enum RoundStatus
{
    Open,
    Closed,
    Published,
}
