using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Scoring;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Scoring;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class ScorerTests
{
    // Groups AAA and BBB, three stages, three statements per stage (AAA-1.01 … AAA-3.03); threshold 2/3.
    private static readonly Framework Framework = new FrameworkBuilder().WithIndicatorsPerStage(3).Build();

    /// <summary>
    /// An organisation of group AAA from a compact pattern: one character per statement, stages separated
    /// by spaces; y = yes, n = no, d = not determined, . = unanswered. "yyn ynn ..." is stage 1 = 2 of 3 yes.
    /// </summary>
    private static OrganisationAnswers Org(string pattern, int id = 1, string group = "AAA")
    {
        var answers = new Dictionary<string, AnswerValue>();
        var stages = pattern.Split(' ');
        for (var s = 0; s < stages.Length; s++)
        {
            for (var n = 0; n < stages[s].Length; n++)
            {
                answers[$"{group}-{s + 1}.{n + 1:00}"] = stages[s][n] switch
                {
                    'y' => AnswerValue.Yes,
                    'n' => AnswerValue.No,
                    'd' => AnswerValue.NotDetermined,
                    _ => AnswerValue.Unanswered,
                };
            }
        }

        return new OrganisationAnswers(id, $"Org {id}", group, answers);
    }

    [Theory]
    [InlineData("yyy yyy yyy", 3)]
    [InlineData("yyn yyn yyn", 3)] // 2/3 exactly meets the 2/3 threshold at every stage
    [InlineData("ynn yyy yyy", 0)] // a stage met while the previous one is not does not count
    [InlineData("yyy ynn yyy", 1)]
    [InlineData("yyy yyy ynn", 2)]
    [InlineData("ddd ddd ddd", 0)] // all not determined: nothing answered, nothing met
    [InlineData("... ... ...", 0)]
    [InlineData("ydd ... ...", 1)] // 1 yes of 1 answered meets the share, but on low coverage
    [InlineData("nnn yyy yyy", 0)]
    public void Organisation_level_is_the_highest_stage_reached_in_order(string pattern, int expectedLevel)
    {
        var score = Scorer.ScoreOrganisation(Framework, Framework.FindGroup("AAA")!, Org(pattern));

        Assert.Equal(expectedLevel, score.Level);
    }

    [Theory]
    [InlineData("yyn", 2, 1, 0, 0, true, false)]
    [InlineData("ydd", 1, 0, 2, 0, true, true)]
    [InlineData("ddd", 0, 0, 3, 0, false, true)]
    [InlineData("yn.", 1, 1, 0, 1, false, false)] // 1/2 is below 2/3; coverage 2/3 is not low
    public void Stage_share_met_leaves_out_not_determined_and_unanswered(
        string stage1, int yes, int no, int notDetermined, int unanswered, bool met, bool lowCoverage)
    {
        var result = Scorer.ScoreOrganisation(Framework, Framework.FindGroup("AAA")!, Org(stage1 + " ... ...")).Stages[0];

        Assert.Equal(new Tally(yes, no, notDetermined, unanswered), result.Tally);
        Assert.Equal(met, result.Met);
        Assert.Equal(lowCoverage, result.LowCoverage);
    }

    [Fact]
    public void Share_met_and_coverage_are_exact_ratios()
    {
        var tally = new Tally(Yes: 2, No: 1, NotDetermined: 1, Unanswered: 0);

        Assert.Equal(2.0 / 3, tally.ShareMet);
        Assert.Equal(3.0 / 4, tally.Coverage);
        Assert.True(tally.Meets(new Ratio(2, 3)));
        Assert.False(tally.Meets(new Ratio(3, 4)));
    }

    [Fact]
    public void Group_without_organisations_has_no_median_level_and_is_flagged()
    {
        var score = Scorer.Score(Framework, [Org("yyy yyy yyy")]);

        var empty = score.FindGroup("BBB")!;
        Assert.Null(empty.MedianLevel);
        Assert.Equal(0, empty.EcosystemLevel);
        Assert.True(empty.LowCoverage);
        Assert.All(empty.Indicators, i => Assert.Null(i.Adoption));
    }

    [Theory]
    [InlineData(new[] { 3 }, 3)]
    [InlineData(new[] { 0, 3 }, 0)]
    [InlineData(new[] { 1, 1, 2, 3 }, 1)]
    [InlineData(new[] { 2, 0, 3 }, 2)]
    public void Median_level_is_the_lower_median(int[] levels, int expected) =>
        Assert.Equal(expected, Scorer.LowerMedian(levels));

    [Fact]
    public void Indicator_adoption_is_the_share_of_organisations_answering_yes()
    {
        var score = Scorer.Score(Framework, [Org("y.. ... ...", 1), Org("n.. ... ...", 2), Org("y.. ... ...", 3), Org("d.. ... ...", 4)]);

        var indicator = score.FindGroup("AAA")!.Indicators.Single(i => i.Code == "AAA-1.01");
        Assert.Equal(2.0 / 3, indicator.Adoption);
        Assert.True(indicator.Covered);
        Assert.False(indicator.LowCoverage); // 3 of 4 organisations answered yes or no
        var unanswered = score.FindGroup("AAA")!.Indicators.Single(i => i.Code == "AAA-1.02");
        Assert.Null(unanswered.Adoption);
        Assert.False(unanswered.Covered);
        Assert.True(unanswered.LowCoverage);
    }

    [Fact]
    public void Ecosystem_level_counts_statements_covered_by_any_organisation()
    {
        // Neither organisation reaches basic level alone; together they cover every statement.
        var score = Scorer.Score(Framework, [Org("ynn ynn ynn", 1), Org("nyy nyy nyy", 2)]);

        var group = score.FindGroup("AAA")!;
        Assert.Equal(0, group.MedianLevel);
        Assert.Equal(3, group.EcosystemLevel);
        Assert.All(group.Ecosystem, s => Assert.Equal(3, s.Covered));
    }

    [Fact]
    public void Theme_score_is_mean_adoption_over_indicators_with_answers()
    {
        var score = Scorer.Score(Framework, [Org("yyy yyy yyy", 1), Org("nnn nnn nnn", 2)]);

        // Every indicator of AAA has adoption 1/2; BBB has no data and is left out of the mean.
        Assert.All(score.Themes, t => Assert.Equal(50.0, t.Score));
        Assert.All(score.Themes, t => Assert.True(t.IndicatorsWithData < t.Indicators));
    }

    [Fact]
    public void Theme_score_is_kept_as_an_exact_fraction_for_comparisons()
    {
        // One yes of three on every indicator of AAA: each adoption is 1/3, the theme score exactly 100/3.
        var score = Scorer.Score(Framework, [Org("yyy yyy yyy", 1), Org("nnn nnn nnn", 2), Org("nnn nnn nnn", 3)]);

        Assert.All(score.Themes, t => Assert.Equal(new Fraction(100, 3), t.Exact));
        Assert.All(score.Themes, t => Assert.Equal(100.0 / 3, t.Score));
    }

    /// <summary>
    /// The "little data" mark of a level follows the stages it rests on (those reached, or the first stage at
    /// "not yet at basic level"), not the coverage of all stages together (issue 14, defect 3).
    /// </summary>
    [Theory]
    [InlineData("yyddd nnnnn nnnnn", 1, true)] // stage 1: 2 yes, 0 no, 3 n/d; 12 of 15 answered overall
    [InlineData("yyyyy yyddd nnnnn", 2, true)] // stage 2 reached on 2 of 5 answered
    [InlineData("yyddd yyyyy yyyyy", 3, true)] // stage 1, a condition of level 3, rests on little data
    [InlineData("yyyyy ddddd ddddd", 1, false)] // the stage reached is fully answered; the stages above are not the level's
    [InlineData("ynddd yyyyy yyyyy", 0, true)] // not met on 2 of 5 answered
    [InlineData("ynnnn ddddd ddddd", 0, false)] // not met on 5 of 5 answered, though 10 of 15 are n/d
    [InlineData("yyyyn yyyyy nnnnn", 2, false)]
    public void A_level_is_marked_little_data_when_a_stage_it_rests_on_has_low_coverage(string pattern, int level, bool lowCoverage)
    {
        var framework = new FrameworkBuilder().WithIndicatorsPerStage(5).Build();

        var score = Scorer.ScoreOrganisation(framework, framework.FindGroup("AAA")!, Org(pattern));

        Assert.Equal(level, score.Level);
        Assert.Equal(lowCoverage, score.LowCoverage);
    }

    [Fact]
    public void Theme_without_any_answer_has_no_score_and_is_flagged()
    {
        var score = Scorer.Score(Framework, [Org("ddd ddd ddd")]);

        Assert.All(score.Themes, t =>
        {
            Assert.Null(t.Score);
            Assert.True(t.LowCoverage);
        });
    }

    [Fact]
    public void Threshold_comes_from_the_framework()
    {
        var strict = new FrameworkBuilder().WithIndicatorsPerStage(3)
            .WithScoring(new ScoringParameters(new Ratio(1, 1), new Ratio(1, 2))).Build();

        var score = Scorer.ScoreOrganisation(strict, strict.FindGroup("AAA")!, Org("yyn yyy yyy"));

        Assert.Equal(0, score.Level);
    }
}
