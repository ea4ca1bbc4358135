namespace MegaBench.Rounds;

/// <summary>One section of a round's written report, in Markdown, stored as written.</summary>
public sealed class NarrativeSection
{
    public int Id { get; set; }

    public int RoundId { get; set; }

    public Round? Round { get; set; }

    public NarrativeKind Kind { get; set; }

    public string Markdown { get; set; } = "";
}

/// <summary>The sections of the city report, in report order (as in the MEGA Paris report).</summary>
public enum NarrativeKind
{
    NationalContext,
    RegionalAndLocalLevel,
    Obstacles,
    KeyChallenges,
    PromisingPractices,
    MayShare,
    MayLookAt,
}
