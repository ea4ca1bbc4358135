using System.Text.Json.Serialization;
using MegaBench.Frameworks;

namespace MegaBench.Scoring;

/// <summary>One organisation's answers, aligned with the indicators of its group in framework order.</summary>
public sealed record OrganisationAnswers(int Id, string Name, string Group, IReadOnlyDictionary<string, Answers.AnswerValue> Answers);

/// <summary>An organisation's result at one stage.</summary>
public sealed record StageResult(int Stage, Tally Tally, bool Met, bool Reached, bool LowCoverage);

/// <summary>
/// An organisation's result: per stage, and its level, the highest stage reached (0: not yet at basic level).
/// </summary>
/// <remarks>
/// <see cref="LowCoverage"/> marks a level built on little data. It follows the stages the level rests on, not an
/// average over all stages: the stages reached (each is a condition of the level), or, at "not yet at basic level",
/// the first stage, whose failure sets it. A level whose stage 1 has 2 yes, 0 no and 3 n/d is marked even when the
/// later stages are fully answered; a stage above the level, answered or not, does not mark it.
/// </remarks>
public sealed record OrganisationScore(int Id, string Name, string Group, IReadOnlyList<StageResult> Stages, int Level)
{
    public Tally Overall => Stages.Aggregate(default(Tally), (sum, s) => sum + s.Tally);

    /// <summary>True when a stage the level rests on has low coverage (see the remarks).</summary>
    public bool LowCoverage => Level == 0
        ? Stages.Count == 0 || Stages[0].LowCoverage
        : Stages.Any(s => s.Stage <= Level && s.LowCoverage);
}

/// <summary>
/// A city's result on one indicator: how its group's organisations answered it.
/// Adoption = share met among the organisations that answered yes or no; covered = at least one yes.
/// </summary>
public sealed record IndicatorResult(string Code, string Group, int Stage, Tally Tally, bool LowCoverage)
{
    public double? Adoption => Tally.ShareMet;

    public bool Covered => Tally.Yes > 0;
}

/// <summary>The ecosystem of a group at one stage: the share of the stage's statements covered by at least one organisation.</summary>
public sealed record EcosystemStage(int Stage, int Statements, int Covered, bool Met, bool Reached);

/// <summary>
/// A city's result for one stakeholder group: the level of its typical (median) organisation, and the
/// level of its ecosystem, computed on coverage.
/// </summary>
public sealed record GroupScore(
    string Group,
    IReadOnlyList<OrganisationScore> Organisations,
    IReadOnlyList<IndicatorResult> Indicators,
    int? MedianLevel,
    IReadOnlyList<EcosystemStage> Ecosystem,
    int EcosystemLevel,
    Tally Tally,
    bool LowCoverage);

/// <summary>A city's score on one theme: mean adoption over the theme's indicators, 0 to 100.</summary>
/// <param name="Exact">The score as an exact fraction (for example 65/3): what comparisons use.</param>
public sealed record ThemeScore(string Theme, [property: JsonIgnore] Fraction? Exact, int Indicators, int IndicatorsWithData, Tally Tally, bool LowCoverage)
{
    /// <summary>The score for display: the double nearest to <see cref="Exact"/>.</summary>
    public double? Score => Exact?.ToDouble();
}

/// <summary>Everything scored for one city round.</summary>
public sealed record CityScore(IReadOnlyList<GroupScore> Groups, IReadOnlyList<ThemeScore> Themes)
{
    public GroupScore? FindGroup(string code) => Groups.FirstOrDefault(g => g.Group == code);

    public ThemeScore? FindTheme(string code) => Themes.FirstOrDefault(t => t.Theme == code);
}
