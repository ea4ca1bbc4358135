using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Scoring;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Matching;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class NetworkAnalysisTests
{
    /// <summary>
    /// The rule on one theme: figures of the cities in id order, and per city S (strength), G (gap) or - .
    /// Strength = at least the margin above the median and fewer than ⌈N/3⌉ cities strictly higher; gap likewise.
    /// </summary>
    [Theory]
    [InlineData("100 50 50 0", 15, "S - - G")]
    [InlineData("75 50 50 50", 15, "S - - -")]
    [InlineData("60 50 50 50 40 40", 15, "- - - - - -")] // within the margin
    [InlineData("60 50 50 40", 10, "S - - G")] // a smaller margin
    [InlineData("100 75 75 50 25", 15, "S - - G G")]
    [InlineData("100 90 80 30 20 10", 15, "S S - - G G")] // 80 leads by 25 but two cities are higher: not top third
    [InlineData("100 100 100 100 0 0", 15, "- - - - G G")]
    [InlineData("100 - 0", 15, "S - G")] // a city without data takes no part
    [InlineData("100", 15, "-")]
    public void Theme_strengths_and_gaps_follow_the_median_margin_and_top_third_rule(string figures, double margin, string expected)
    {
        var network = new MatchingNetwork();
        var values = figures.Split(' ');
        for (var c = 0; c < values.Length; c++)
        {
            network.Themes(c + 1, $"City {c + 1}", "X", ("data", values[c] == "-" ? null : double.Parse(values[c], System.Globalization.CultureInfo.InvariantCulture)));
        }

        var analysis = network.Analyse(new MatchingOptions { Margin = margin });

        var actual = analysis.StrengthsAndGaps.Select(p =>
            p.ThemeStrengths.Count > 0 ? "S" : p.ThemeGaps.Count > 0 ? "G" : "-");
        Assert.Equal(expected, string.Join(' ', actual));
    }

    /// <summary>
    /// Issue 14, defect 1 (seed 1023, City 0008's training theme): 65/3 against a median of 110/3 is exactly the
    /// 15-point margin below it, and 155/3 exactly 15 above; in floating point 110/3 − 65/3 is 14.999999999999996.
    /// </summary>
    [Fact]
    public void A_figure_exactly_the_margin_from_the_median_is_a_gap_or_a_strength()
    {
        var analysis = new MatchingNetwork()
            .ExactThemes(1, "Low", "X", ("data", new Fraction(65, 3)))
            .ExactThemes(2, "B", "X", ("data", new Fraction(110, 3)))
            .ExactThemes(3, "C", "X", ("data", new Fraction(110, 3)))
            .ExactThemes(4, "D", "X", ("data", new Fraction(110, 3)))
            .ExactThemes(5, "High", "X", ("data", new Fraction(155, 3)))
            .Analyse();

        Assert.Equal(["data"], analysis.For(1).ThemeGaps.Select(g => g.Theme));
        Assert.Equal(["data"], analysis.For(5).ThemeStrengths.Select(g => g.Theme));
        Assert.Equal(0.30, analysis.LearningValueOf(1, 5), 9); // 155/3 − 65/3 = 30 points
    }

    [Fact]
    public void Classify_compares_exact_fractions_with_the_median_and_the_margin()
    {
        Fraction?[][] figures = [[new Fraction(65, 3)], [new Fraction(110, 3)], [new Fraction(110, 3)], [null]];

        var (exactMedians, medians, counts, gaps, strong, ranks) = NetworkAnalysis.Classify(figures, 1, 15);

        Assert.Equal(new Fraction(110, 3), exactMedians[0]);
        Assert.Equal(110.0 / 3, medians[0]);
        Assert.Equal(3, counts[0]);
        Assert.Equal([0], gaps[0]);
        Assert.All(gaps.Skip(1), Assert.Empty);
        Assert.All(strong, s => Assert.False(s[0]));
        Assert.Equal([0, 1, 1, -1], ranks.Select(r => r[0]));
    }

    [Fact]
    public void A_city_that_meets_nothing_has_every_theme_as_a_gap_and_learns_from_everyone()
    {
        var analysis = new MatchingNetwork()
            .Answered(1, "Nowhere", "X", ("data", 0), ("finance", 0), ("networking", 0))
            .Answered(2, "Alpha", "X", ("data", 100), ("finance", 75), ("networking", 50))
            .Answered(3, "Beta", "Y", ("data", 50), ("finance", 100), ("networking", 75))
            .Answered(4, "Gamma", "Z", ("data", 75), ("finance", 50), ("networking", 100))
            .Analyse();

        var nowhere = analysis.For(1);
        Assert.Empty(nowhere.ThemeStrengths);
        Assert.Equal(["data", "finance", "networking"], nowhere.ThemeGaps.Select(g => g.Theme).Order());
        foreach (var other in new[] { 2, 3, 4 })
        {
            Assert.True(analysis.LearningValueOf(1, other) > 0, $"city 1 learns from city {other}");
            Assert.Equal(0, analysis.LearningValueOf(other, 1));
        }

        // The evidence of a theme gap: the figures, the median and the four indicators behind it.
        var data = nowhere.ThemeGaps.Single(g => g.Theme == "data");
        Assert.Equal(0, data.City);
        Assert.Equal(62.5, data.NetworkMedian); // 0, 50, 75, 100: the mean of the two middle figures
        Assert.Equal(4, data.CitiesWithData);
        Assert.Equal(4, data.Indicators.Count);
        Assert.All(data.Indicators, i => Assert.Equal(0, i.City));
        Assert.Equal(new Tally(0, 4, 0, 0), data.Tally);
    }

    [Fact]
    public void Mirror_image_cities_share_what_the_other_lacks_and_learn_equally()
    {
        var analysis = new MatchingNetwork()
            .Answered(1, "Alpha", "X", ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(2, "Beta", "Y", ("data", 0), ("finance", 100), ("networking", 50))
            .Analyse();

        var alpha = analysis.For(1);
        Assert.Equal(["data"], alpha.ThemeStrengths.Select(s => s.Theme));
        Assert.Equal(["finance"], alpha.ThemeGaps.Select(s => s.Theme));
        Assert.Equal(4, alpha.IndicatorGaps.Count);
        Assert.All(alpha.IndicatorGaps, g => Assert.Equal(["finance"], g.Themes));

        // One theme gap of 100 points, plus four indicator gaps of 100 points at weight 0.1.
        Assert.Equal(1.4, analysis.LearningValueOf(1, 2), 9);
        Assert.Equal(1.4, analysis.LearningValueOf(2, 1), 9);
        var learning = analysis.Learning(1, 2);
        Assert.Equal(EvidenceLevel.Theme, learning.Items[0].Level);
        Assert.Equal("finance", learning.Items[0].Code);
        Assert.True(learning.Items[0].TeacherStrength);
        Assert.Equal(1.4, learning.Items.Sum(i => i.Gain), 9);
    }

    [Fact]
    public void Learning_value_matches_the_worked_example_of_the_documentation()
    {
        // docs/matching.md: Lyon trails on finance (20 vs median 60) and data (35 vs median 70).
        var analysis = new MatchingNetwork()
            .Themes(1, "Lyon", "France", ("data", 35), ("finance", 20), ("networking", 90))
            .Themes(2, "Turin", "Italy", ("data", 80), ("finance", 60), ("networking", 40))
            .Themes(3, "Ghent", "Belgium", ("data", 70), ("finance", 90), ("networking", 60))
            .Themes(4, "Graz", "Austria", ("data", 70), ("finance", 60), ("networking", null))
            .Themes(5, "Porto", "Portugal", ("data", 90), ("finance", 50), ("networking", 50))
            .Analyse();

        Assert.Equal(["finance", "data"], analysis.For(1).ThemeGaps.Select(g => g.Theme));
        Assert.Equal(-40, analysis.For(1).ThemeGaps[0].Difference, 9);
        Assert.Equal(0.85, analysis.LearningValueOf(1, 2), 9); // (60 − 20) + (80 − 35) = 85 points
        Assert.Equal(1.05, analysis.LearningValueOf(1, 3), 9); // (90 − 20) + (70 − 35)
        Assert.Equal(["networking"], analysis.For(1).ThemeStrengths.Select(s => s.Theme));
        Assert.Equal(["networking"], analysis.For(2).ThemeGaps.Select(s => s.Theme));
        Assert.Equal(0.5, analysis.LearningValueOf(2, 1), 9); // Turin: 90 − 40
        Assert.Equal(0, analysis.LearningValueOf(3, 1)); // Ghent has no gap
        Assert.Equal(0.75, analysis.LearningValueOf(1, 4), 9);
        Assert.Equal(0, analysis.LearningValueOf(2, 4)); // Graz has no networking data

        // Every city takes part: five cities make a pair and a trio, chosen together. Lyon, Turin and Ghent
        // (M 1.35 + 1.05 + 0.20) beat Lyon–Turin with a trio of the three cities without gaps (1.35 + 0).
        var pairing = PeerPairing.Pair(analysis);
        Assert.Equal(["1-2-3", "4-5"], pairing.Groups.Select(g => string.Join('-', g.Members)));
        Assert.Equal(2.6, pairing.TotalValue, 9);
        Assert.Equal(0, pairing.Groups[1].Value);
        Assert.Empty(pairing.Unpaired);
    }

    [Fact]
    public void A_teacher_without_data_on_the_learners_gap_adds_nothing()
    {
        var analysis = new MatchingNetwork()
            .Themes(1, "Low", "X", ("data", 0), ("finance", 0))
            .Themes(2, "High", "Y", ("data", 100), ("finance", 100))
            .Themes(3, "Also high", "Z", ("data", 100), ("finance", null))
            .Analyse();

        Assert.Equal(2, analysis.LearningValueOf(1, 2), 9);
        Assert.Equal(1, analysis.LearningValueOf(1, 3), 9);
    }

    [Fact]
    public void Findings_are_ordered_by_the_size_of_the_lead()
    {
        var analysis = new MatchingNetwork()
            .Themes(1, "Lead", "X", ("data", 80), ("finance", 100), ("networking", 90))
            .Themes(2, "B", "X", ("data", 40), ("finance", 40), ("networking", 40))
            .Themes(3, "C", "X", ("data", 40), ("finance", 40), ("networking", 40))
            .Analyse();

        Assert.Equal(["finance", "networking", "data"], analysis.For(1).ThemeStrengths.Select(s => s.Theme));
    }

    [Fact]
    public void A_figure_resting_on_few_answers_is_flagged_in_its_finding()
    {
        // City 1 answers one of its four data statements (yes) and leaves the others not determined: coverage 1/4.
        var analysis = new MatchingNetwork()
            .Answers(1, "Thin", "X", i => i.Themes.Contains("data") && i.Group == "AAA" && i.Stage == 1 ? AnswerValue.Yes : AnswerValue.NotDetermined)
            .Answered(2, "B", "Y", ("data", 0))
            .Answered(3, "C", "Z", ("data", 0))
            .Analyse();

        var strength = Assert.Single(analysis.For(1).ThemeStrengths);
        Assert.True(strength.LowCoverage);
        Assert.Equal(100, strength.City);
    }

    [Fact]
    public void Two_cities_with_one_id_are_rejected()
    {
        var network = new MatchingNetwork()
            .Themes(7, "Lyon", "France", ("data", 10))
            .Themes(7, "Turin", "Italy", ("data", 90));

        var error = Assert.Throws<MatchingInputException>(() => network.Analyse());

        Assert.Contains("Lyon", error.Message, StringComparison.Ordinal);
        Assert.Contains("Turin", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(150)]
    public void A_margin_outside_the_scale_is_rejected(double margin)
    {
        var network = new MatchingNetwork().Themes(1, "Lyon", "France", ("data", 10));

        Assert.Throws<MatchingInputException>(() => network.Analyse(new MatchingOptions { Margin = margin }));
    }

    [Theory]
    [InlineData("en", "Alpha may share its experiences with regard to data gathering and evaluation.", "Alpha may look at cities which do well in access to finance.")]
    [InlineData("fr", "Alpha peut partager son expérience en matière de collecte de données et évaluation.", "Alpha peut s’inspirer des villes qui réussissent en matière d’accès au financement.")]
    public void Conclusions_are_drafted_from_theme_strengths_and_gaps(string language, string mayShare, string mayLookAt)
    {
        var analysis = new MatchingNetwork()
            .Answered(1, "Alpha", "X", ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(2, "Beta", "Y", ("data", 0), ("finance", 100), ("networking", 50))
            .Analyse();

        var draft = Conclusions.Draft(MatchingNetwork.Framework, analysis.For(1), language);

        Assert.Equal(language, draft.Language);
        Assert.False(draft.IsFallback);
        Assert.Equal(mayShare, draft.MayShare);
        Assert.Equal(mayLookAt, draft.MayLookAt);
    }

    [Fact]
    public void Conclusions_list_several_themes_in_order_and_render_as_the_seeds_bullets()
    {
        var analysis = new MatchingNetwork()
            .Themes(1, "Paris", "France", ("data", 100), ("finance", 90), ("networking", 0))
            .Themes(2, "B", "X", ("data", 40), ("finance", 40), ("networking", 60))
            .Themes(3, "C", "Y", ("data", 40), ("finance", 40), ("networking", 60))
            .Analyse();

        var draft = Conclusions.Draft(MatchingNetwork.Framework, analysis.For(1), "en");

        Assert.Equal("Paris may share its experiences with regard to data gathering and evaluation and access to finance.", draft.MayShare);
        Assert.Equal(
            "Paris may share its experiences with regard to\n\n- data gathering and evaluation\n- access to finance\n\n"
            + "Paris may look at\n\n- cities which do well in networking between entrepreneurs\n",
            draft.ToMarkdown());
    }

    [Fact]
    public void Conclusions_are_empty_without_strengths_and_fall_back_to_english_for_other_languages()
    {
        var analysis = new MatchingNetwork()
            .Themes(1, "Even", "X", ("data", 50))
            .Themes(2, "Also even", "Y", ("data", 50))
            .Analyse();

        var draft = Conclusions.Draft(MatchingNetwork.Framework, analysis.For(1), "de");

        Assert.True(draft.IsFallback);
        Assert.Equal("en", draft.Language);
        Assert.Null(draft.MayShare);
        Assert.Null(draft.MayLookAt);
        Assert.Equal(string.Empty, draft.ToMarkdown());
    }
}
