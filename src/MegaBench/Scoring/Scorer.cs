using MegaBench.Answers;
using MegaBench.Frameworks;

namespace MegaBench.Scoring;

/// <summary>
/// The scoring rules of PRODUCT.md as pure functions of a framework and a round's answers. Nothing is
/// stored: every figure is recomputed from the answers behind it, so it is always traceable to them.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><b>Organisation, per stage</b>: share met = yes / (yes + no) over the stage's statements of its group.
/// The stage is <em>met</em> when that share reaches the framework's threshold (default 2/3; reaching it exactly
/// counts) and <em>reached</em> when it is met and the previous stage is reached: a stage met while an earlier
/// one is not does not count. The organisation's level is the highest stage reached, 0 when none.</item>
/// <item><b>City, per indicator</b>: adoption = share of the group's organisations answering yes among those
/// answering yes or no; the indicator is <em>covered</em> when at least one organisation answers yes.</item>
/// <item><b>City, per group</b>: the median level of its organisations (for an even number, the lower of the
/// two middle levels, so that the typical organisation is never credited with a level no one in the middle
/// reached), and the ecosystem level: a stage is reached by the ecosystem when the share of its statements
/// covered reaches the threshold and the previous stage is reached.</item>
/// <item><b>City, per theme</b>: the mean adoption of the theme's indicators that have at least one yes or no
/// answer, from 0 to 100.</item>
/// <item><b>Coverage</b>: (yes + no) / all answers a figure could rest on. Below the framework's low-coverage
/// ratio (default 1/2) the figure is flagged.</item>
/// </list>
/// </remarks>
public static class Scorer
{
    public static CityScore Score(Framework framework, IEnumerable<OrganisationAnswers> organisations)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(organisations);
        var byGroup = organisations.ToLookup(o => o.Group, StringComparer.Ordinal);
        var groups = framework.Groups.Select(g => ScoreGroup(framework, g, [.. byGroup[g.Code]])).ToList();
        var indicators = groups.SelectMany(g => g.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var themes = framework.Themes.Select(t => ScoreTheme(framework, t, indicators)).ToList();
        return new CityScore(groups, themes);
    }

    public static OrganisationScore ScoreOrganisation(Framework framework, StakeholderGroup group, OrganisationAnswers organisation)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(organisation);
        var scoring = framework.Scoring;
        var stages = new List<StageResult>(group.Stages.Count);
        var previousReached = true;
        var level = 0;
        foreach (var stage in group.Stages.OrderBy(s => s.Stage))
        {
            var tally = default(Tally);
            foreach (var indicator in stage.Indicators)
            {
                tally = tally.Add(organisation.Answers.GetValueOrDefault(indicator.Code));
            }

            var met = tally.Meets(scoring.StageThreshold);
            var reached = met && previousReached;
            if (reached)
            {
                level = stage.Stage;
            }

            stages.Add(new StageResult(stage.Stage, tally, met, reached, tally.IsLowCoverage(scoring.LowCoverage)));
            previousReached = reached;
        }

        return new OrganisationScore(organisation.Id, organisation.Name, organisation.Group, stages, level);
    }

    private static GroupScore ScoreGroup(Framework framework, StakeholderGroup group, IReadOnlyList<OrganisationAnswers> organisations)
    {
        var scoring = framework.Scoring;
        var organisationScores = organisations.Select(o => ScoreOrganisation(framework, group, o)).ToList();

        var indicators = new List<IndicatorResult>();
        var ecosystem = new List<EcosystemStage>();
        var previousReached = true;
        var ecosystemLevel = 0;
        foreach (var stage in group.Stages.OrderBy(s => s.Stage))
        {
            var covered = 0;
            foreach (var indicator in stage.Indicators)
            {
                var tally = default(Tally);
                foreach (var organisation in organisations)
                {
                    tally = tally.Add(organisation.Answers.GetValueOrDefault(indicator.Code));
                }

                var result = new IndicatorResult(indicator.Code, group.Code, stage.Stage, tally, tally.IsLowCoverage(scoring.LowCoverage));
                covered += result.Covered ? 1 : 0;
                indicators.Add(result);
            }

            var met = scoring.StageThreshold.IsMetBy(covered, stage.Indicators.Count);
            var reached = met && previousReached;
            if (reached)
            {
                ecosystemLevel = stage.Stage;
            }

            ecosystem.Add(new EcosystemStage(stage.Stage, stage.Indicators.Count, covered, met, reached));
            previousReached = reached;
        }

        var total = indicators.Aggregate(default(Tally), (sum, i) => sum + i.Tally);
        return new GroupScore(
            group.Code,
            organisationScores,
            indicators,
            LowerMedian(organisationScores.Select(o => o.Level)),
            ecosystem,
            ecosystemLevel,
            total,
            total.IsLowCoverage(scoring.LowCoverage));
    }

    private static ThemeScore ScoreTheme(Framework framework, Theme theme, Dictionary<string, IndicatorResult> indicators)
    {
        var ofTheme = framework.Indicators.Where(i => i.Themes.Contains(theme.Code)).Select(i => indicators[i.Code]).ToList();
        var adoptions = ofTheme.Where(i => i.Adoption is not null).Select(i => i.Adoption!.Value).ToList();
        var tally = ofTheme.Aggregate(default(Tally), (sum, i) => sum + i.Tally);
        return new ThemeScore(
            theme.Code,
            adoptions.Count == 0 ? null : adoptions.Average() * 100,
            ofTheme.Count,
            adoptions.Count,
            tally,
            adoptions.Count == 0 || tally.IsLowCoverage(framework.Scoring.LowCoverage));
    }

    /// <summary>The lower median: for 1, 1, 2, 3 it is 1. Null for no values.</summary>
    internal static int? LowerMedian(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[(sorted.Count - 1) / 2];
    }
}
