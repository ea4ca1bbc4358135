using MegaBench.Scoring;

namespace MegaBench.Matching;

/// <summary>One indicator behind a theme finding: the city's adoption and the network median, both 0–100.</summary>
public sealed record IndicatorEvidence(string Code, double? City, double? NetworkMedian, Tally Tally, bool LowCoverage);

/// <summary>
/// A theme where the city clearly leads (strength) or trails (gap) the network, with the figures behind it.
/// <see cref="LowCoverage"/> repeats the theme score's flag: the figure rests on few answers.
/// </summary>
public sealed record ThemeFinding(
    string Theme,
    double City,
    double NetworkMedian,
    int CitiesWithData,
    Tally Tally,
    bool LowCoverage,
    IReadOnlyList<IndicatorEvidence> Indicators)
{
    /// <summary>City minus network median, in points: positive for a strength, negative for a gap.</summary>
    public double Difference => City - NetworkMedian;
}

/// <summary>An indicator where the city's adoption (0–100) clearly leads or trails the network median.</summary>
public sealed record IndicatorFinding(
    string Code,
    string Group,
    int Stage,
    IReadOnlyList<string> Themes,
    double City,
    double NetworkMedian,
    int CitiesWithData,
    Tally Tally,
    bool LowCoverage)
{
    public double Difference => City - NetworkMedian;
}

/// <summary>A city's strengths and gaps relative to the network, each list ordered by the size of the lead or gap.</summary>
public sealed record StrengthsAndGaps(
    MatchingCity City,
    IReadOnlyList<ThemeFinding> ThemeStrengths,
    IReadOnlyList<ThemeFinding> ThemeGaps,
    IReadOnlyList<IndicatorFinding> IndicatorStrengths,
    IReadOnlyList<IndicatorFinding> IndicatorGaps);

public enum EvidenceLevel
{
    Theme,
    Indicator,
}

/// <summary>
/// One term of a learning value: on a gap of the learner (a theme or an indicator), the teacher's figure is
/// higher. <see cref="Gain"/> = weight × (teacher − learner) / 100.
/// </summary>
public sealed record LearningItem(
    EvidenceLevel Level,
    string Code,
    double Learner,
    double Teacher,
    double Weight,
    bool LearnerLowCoverage,
    bool TeacherLowCoverage,
    bool TeacherStrength)
{
    public double Gain => Weight * (Teacher - Learner) / 100;
}

/// <summary>How much <see cref="LearnerId"/> can learn from <see cref="TeacherId"/>, with every term of the sum.</summary>
public sealed record LearningValue(int LearnerId, int TeacherId, double Value, IReadOnlyList<LearningItem> Items);
