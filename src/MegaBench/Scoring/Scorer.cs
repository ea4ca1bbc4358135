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
        var layout = FrameworkLayout.Of(framework);
        var byGroup = organisations.ToLookup(o => o.Group, StringComparer.Ordinal);
        var groups = new List<GroupScore>(framework.Groups.Count);
        var indicators = new Dictionary<string, IndicatorResult>(StringComparer.Ordinal);
        foreach (var group in layout.Groups)
        {
            var score = ScoreGroup(framework, group, [.. byGroup[group.Group.Code]]);
            groups.Add(score);
            foreach (var indicator in score.Indicators)
            {
                indicators[indicator.Code] = indicator;
            }
        }

        var themes = new List<ThemeScore>(layout.Themes.Count);
        foreach (var (theme, codes) in layout.Themes)
        {
            themes.Add(ScoreTheme(framework, theme, codes, indicators));
        }

        return new CityScore(groups, themes);
    }

    public static OrganisationScore ScoreOrganisation(Framework framework, StakeholderGroup group, OrganisationAnswers organisation)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(organisation);
        var layout = GroupLayout.Of(group);
        return ScoreOrganisation(framework, layout, organisation, layout.Read(organisation));
    }

    /// <summary>The organisation's score from its answers read in the order of <paramref name="layout"/>.</summary>
    private static OrganisationScore ScoreOrganisation(Framework framework, GroupLayout layout, OrganisationAnswers organisation, AnswerValue[] values)
    {
        var scoring = framework.Scoring;
        var stages = new List<StageResult>(layout.Stages.Length);
        var previousReached = true;
        var level = 0;
        var at = 0;
        foreach (var stage in layout.Stages)
        {
            var tally = default(Tally);
            for (var end = at + stage.Indicators.Count; at < end; at++)
            {
                tally = tally.Add(values[at]);
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

    private static GroupScore ScoreGroup(Framework framework, GroupLayout layout, IReadOnlyList<OrganisationAnswers> organisations)
    {
        var scoring = framework.Scoring;

        // Each organisation's answers are looked up once, into an array in the layout's order; the organisation
        // scores and the indicator tallies are both counted from those arrays.
        var values = new AnswerValue[organisations.Count][];
        var organisationScores = new List<OrganisationScore>(organisations.Count);
        for (var o = 0; o < organisations.Count; o++)
        {
            values[o] = layout.Read(organisations[o]);
            organisationScores.Add(ScoreOrganisation(framework, layout, organisations[o], values[o]));
        }

        var indicators = new List<IndicatorResult>(layout.Codes.Length);
        var ecosystem = new List<EcosystemStage>(layout.Stages.Length);
        var previousReached = true;
        var ecosystemLevel = 0;
        var at = 0;
        foreach (var stage in layout.Stages)
        {
            var covered = 0;
            foreach (var indicator in stage.Indicators)
            {
                var tally = default(Tally);
                foreach (var answers in values)
                {
                    tally = tally.Add(answers[at]);
                }

                var result = new IndicatorResult(indicator.Code, layout.Group.Code, stage.Stage, tally, tally.IsLowCoverage(scoring.LowCoverage));
                covered += result.Covered ? 1 : 0;
                indicators.Add(result);
                at++;
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

        var total = default(Tally);
        foreach (var indicator in indicators)
        {
            total += indicator.Tally;
        }

        return new GroupScore(
            layout.Group.Code,
            organisationScores,
            indicators,
            LowerMedian(organisationScores.Select(o => o.Level)),
            ecosystem,
            ecosystemLevel,
            total,
            total.IsLowCoverage(scoring.LowCoverage));
    }

    private static ThemeScore ScoreTheme(Framework framework, Theme theme, string[] codes, Dictionary<string, IndicatorResult> indicators)
    {
        var tally = default(Tally);
        var sum = Fraction.Zero;
        var withData = 0;
        foreach (var code in codes)
        {
            var indicator = indicators[code];
            tally += indicator.Tally;
            if (indicator.Tally.ExactShareMet is { } adoption)
            {
                sum += adoption;
                withData++;
            }
        }

        // Exact, so that the matching compares it with the network median and the margin without rounding.
        return new ThemeScore(
            theme.Code,
            withData == 0 ? null : sum * 100 / withData,
            codes.Length,
            withData,
            tally,
            withData == 0 || tally.IsLowCoverage(framework.Scoring.LowCoverage));
    }

    /// <summary>The lower median: for 1, 1, 2, 3 it is 1. Null for no values.</summary>
    internal static int? LowerMedian(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null : sorted[(sorted.Count - 1) / 2];
    }

    /// <summary>
    /// A group's stages in stage order and its statement codes in that order, computed once per group record
    /// (framework records are immutable) rather than on every organisation scored.
    /// </summary>
    private sealed class GroupLayout
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StakeholderGroup, GroupLayout> Cache = new();

        private GroupLayout(StakeholderGroup group)
        {
            Group = group;
            Stages = [.. group.Stages.OrderBy(s => s.Stage)];
            Codes = [.. Stages.SelectMany(s => s.Indicators).Select(i => i.Code)];
        }

        public StakeholderGroup Group { get; }

        public GroupStage[] Stages { get; }

        public string[] Codes { get; }

        public static GroupLayout Of(StakeholderGroup group) => Cache.GetValue(group, g => new GroupLayout(g));

        /// <summary>The organisation's answers in <see cref="Codes"/> order; a missing answer is unanswered.</summary>
        public AnswerValue[] Read(OrganisationAnswers organisation)
        {
            var values = new AnswerValue[Codes.Length];
            for (var i = 0; i < Codes.Length; i++)
            {
                values[i] = organisation.Answers.GetValueOrDefault(Codes[i]);
            }

            return values;
        }
    }

    /// <summary>Per framework record: the layout of each group, and each theme's statement codes in framework order.</summary>
    private sealed class FrameworkLayout
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Framework, FrameworkLayout> Cache = new();

        private FrameworkLayout(Framework framework)
        {
            Groups = [.. framework.Groups.Select(GroupLayout.Of)];
            Themes = [.. framework.Themes.Select(t => (t, framework.Indicators.Where(i => i.Themes.Contains(t.Code)).Select(i => i.Code).ToArray()))];
        }

        public IReadOnlyList<GroupLayout> Groups { get; }

        public IReadOnlyList<(Theme Theme, string[] Codes)> Themes { get; }

        public static FrameworkLayout Of(Framework framework) => Cache.GetValue(framework, f => new FrameworkLayout(f));
    }
}
