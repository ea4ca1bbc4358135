using MegaBench.Learning;
using MegaBench.Matching;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Learning;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class CycleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static MatchedCity City(int id) => new(id, $"City {id}", "X", 100 + id, 2025);

    private static LearningLink Link(int learner, int teacher, params string[] themes) =>
        new(learner, $"City {learner}", teacher, $"City {teacher}", themes.Length,
            [.. themes.Select(t => new LearningTerm("theme", t, t, 10, 60, 50, false, false, true)), new LearningTerm("indicator", "MUN-1.01", "s", 0, 1, 1, false, false, false)], []);

    private static NetworkMatching Matching(params MatchedGroup[] groups) =>
        new(7, "Network", false, [], [], [.. groups.SelectMany(g => g.Members)], 3.5, groups, [], []);

    private static string Describe(LearningCycle cycle) =>
        string.Join(" ", cycle.Reviews.OrderBy(r => r.GroupNumber).ThenBy(r => r.ReviewerCityId).Select(r => $"{r.ReviewerCityId}>{r.HostCityId}"));

    [Fact]
    public void A_pair_reviews_both_ways_and_each_host_starts_from_its_gap_themes_where_the_reviewer_leads()
    {
        var matching = Matching(new MatchedGroup([City(1), City(2)], 2, false, null, [Link(1, 2, "finance", "training"), Link(2, 1, "data")]));

        var cycle = CycleRules.FromMatching(matching, "  2018–2019 peer reviews ", Now);

        Assert.Equal("2018–2019 peer reviews", cycle.Name);
        Assert.Equal((7, CycleStatus.Preparing, 3.5), (cycle.NetworkId, cycle.Status, cycle.MatchingValue));
        Assert.Equal("1>2 2>1", Describe(cycle));
        var ofOne = cycle.Reviews.Single(r => r.HostCityId == 1);
        Assert.Equal(("finance training", 101, 102), (ofOne.GapThemes, ofOne.HostRoundId, ofOne.ReviewerRoundId));
        Assert.Equal("data", cycle.Reviews.Single(r => r.HostCityId == 2).GapThemes);
    }

    [Fact]
    public void In_a_trio_each_city_reviews_the_next_so_each_reviews_once_and_is_reviewed_once()
    {
        var matching = Matching(
            new MatchedGroup([City(1), City(2)], 2, false, null, []),
            new MatchedGroup([City(3), City(4), City(5)], 2, false, 5, [Link(5, 4, "finance")]));

        var cycle = CycleRules.FromMatching(matching, "Trio", Now);

        Assert.Equal("1>2 2>1 3>4 4>5 5>3", Describe(cycle));
        Assert.Equal("finance", cycle.Reviews.Single(r => r.HostCityId == 5).GapThemes); // L(5 ← 4): 5 is reviewed by 4
        Assert.Equal("", cycle.Reviews.Single(r => r.HostCityId == 4).GapThemes);
    }

    [Theory]
    [InlineData("", "Give the cycle a name")]
    [InlineData("   ", "Give the cycle a name")]
    public void A_cycle_needs_a_name(string name, string message)
    {
        var matching = Matching(new MatchedGroup([City(1), City(2)], 2, false, null, []));

        var error = Assert.Throws<LearningCycleException>(() => CycleRules.FromMatching(matching, name, Now));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matching_without_pairs_gives_no_cycle()
    {
        var error = Assert.Throws<LearningCycleException>(() => CycleRules.FromMatching(Matching(), "Empty", Now));

        Assert.Contains("no pair", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapping_two_cities_swaps_their_partners_and_recomputes_the_gap_themes()
    {
        var cycle = CycleRules.FromMatching(Matching(
            new MatchedGroup([City(1), City(2)], 2, false, null, []),
            new MatchedGroup([City(3), City(4)], 2, false, null, [])), "Swap", Now);

        var removed = CycleRules.SwapPartners(cycle, 1, 3, (host, reviewer) => [$"t{host}{reviewer}"]);

        Assert.Equal(4, removed.Count);
        Assert.Equal("2>3 3>2 1>4 4>1", Describe(cycle));
        Assert.Equal("t23", cycle.Reviews.Single(r => r.HostCityId == 2).GapThemes);
        Assert.Equal(103, cycle.Reviews.Single(r => r.HostCityId == 3).HostRoundId);
    }

    [Fact]
    public void Swapping_in_a_trio_puts_the_city_in_the_others_place_in_the_ring()
    {
        var cycle = CycleRules.FromMatching(Matching(
            new MatchedGroup([City(1), City(2)], 2, false, null, []),
            new MatchedGroup([City(3), City(4), City(5)], 2, false, 5, [])), "Swap", Now);

        CycleRules.SwapPartners(cycle, 1, 4, (_, _) => []);

        Assert.Equal("2>4 4>2 1>5 3>1 5>3", Describe(cycle));
    }

    [Theory]
    [InlineData(1, 2, "already in the same group")]
    [InlineData(1, 9, "Choose two cities of this cycle")]
    public void A_swap_that_would_not_change_two_groups_is_refused(int a, int b, string message)
    {
        var cycle = CycleRules.FromMatching(Matching(
            new MatchedGroup([City(1), City(2)], 2, false, null, []),
            new MatchedGroup([City(3), City(4)], 2, false, null, [])), "Swap", Now);

        var error = Assert.Throws<LearningCycleException>(() => CycleRules.SwapPartners(cycle, a, b, (_, _) => []));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("1>2 2>1 3>4 4>3", Describe(cycle));
    }

    [Fact]
    public void Once_started_the_pairs_are_fixed_and_a_swap_says_why_it_is_refused()
    {
        var cycle = CycleRules.FromMatching(Matching(
            new MatchedGroup([City(1), City(2)], 2, false, null, []),
            new MatchedGroup([City(3), City(4)], 2, false, null, [])), "Started", Now);
        CycleRules.Start(cycle, Now);

        var error = Assert.Throws<LearningCycleException>(() => CycleRules.SwapPartners(cycle, 1, 3, (_, _) => []));

        Assert.Contains("has started", error.Message, StringComparison.Ordinal);
        Assert.Equal((CycleStatus.Started, Now), (cycle.Status, cycle.StartedAt));
        Assert.Throws<LearningCycleException>(() => CycleRules.Start(cycle, Now));
    }

    [Theory]
    [InlineData("2026-01-10", "2026-02-10", "2026-03-10", "2026-04-10", "2027-01-10", null)]
    [InlineData("2026-01-10", "2026-01-10", null, null, null, null)]
    [InlineData(null, null, null, null, null, null)]
    [InlineData("2026-02-10", "2026-01-10", null, null, null, "The date of “Visit” (2026-01-10) is before the date of “DeskReview” (2026-02-10)")]
    [InlineData("2026-01-10", null, "2026-01-09", null, null, "The date of “Feedback” (2026-01-09) is before the date of “DeskReview” (2026-01-10)")]
    [InlineData(null, null, null, "2027-01-10", "2026-01-10", "The date of “FollowUp” (2026-01-10) is before the date of “ActionPlan” (2027-01-10)")]
    public void Stage_dates_must_follow_each_other(string? desk, string? visit, string? feedback, string? plan, string? followUp, string? message)
    {
        static DateOnly? D(string? text) => text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var problem = CycleRules.CheckDates(D(desk), D(visit), D(feedback), D(plan), D(followUp));

        if (message is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith(message, problem?.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, false, ReviewStage.DeskReview)]
    [InlineData(1, false, ReviewStage.Visit)]
    [InlineData(2, false, ReviewStage.Feedback)]
    [InlineData(3, false, ReviewStage.ActionPlan)]
    [InlineData(4, false, ReviewStage.FollowUp)]
    [InlineData(4, true, ReviewStage.Done)]
    [InlineData(3, true, ReviewStage.ActionPlan)]
    public void A_review_is_at_the_first_stage_whose_closing_act_is_not_recorded(int closed, bool laterRound, ReviewStage expected)
    {
        var review = new PeerReview
        {
            DeskReviewDoneAt = closed >= 1 ? Now : null,
            VisitDoneAt = closed >= 2 ? Now : null,
            FeedbackSubmittedAt = closed >= 3 ? Now : null,
            ActionPlanDoneAt = closed >= 4 ? Now : null,
        };

        Assert.Equal(expected, CycleRules.StageOf(review, laterRound));
    }

    [Theory]
    [InlineData(ReviewStage.Visit, "2026-03-31", false)]
    [InlineData(ReviewStage.Visit, "2026-04-01", true)]
    [InlineData(ReviewStage.DeskReview, "2026-04-01", false)]
    [InlineData(ReviewStage.Done, "2030-01-01", false)]
    [InlineData(ReviewStage.FollowUp, "2030-01-01", false)]
    public void A_stage_is_overdue_the_day_after_its_target_date(ReviewStage stage, string today, bool overdue)
    {
        var cycle = new LearningCycle { Name = "c", VisitDue = new DateOnly(2026, 3, 31) };

        Assert.Equal(overdue, CycleRules.IsOverdue(cycle, stage, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
