using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Networks;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Learning;

public sealed class CycleDashboardTests
{
    private static readonly Framework Framework = new FrameworkBuilder().Build();

    [Theory]
    [InlineData("", false, "2025-02-01", ReviewStage.DeskReview, "2025-02-01", false)] // the target day itself is in time
    [InlineData("", false, "2025-02-02", ReviewStage.DeskReview, "2025-02-01", true)]
    [InlineData("desk", false, "2025-03-01", ReviewStage.Visit, "2025-04-01", false)]
    [InlineData("desk visit", false, "2025-05-02", ReviewStage.Feedback, "2025-05-01", true)]
    [InlineData("desk visit feedback", false, "2025-07-02", ReviewStage.ActionPlan, "2025-07-01", true)]
    [InlineData("desk visit feedback plan", false, "2026-07-01", ReviewStage.FollowUp, "2026-07-01", false)]
    [InlineData("desk visit feedback plan", false, "2026-07-02", ReviewStage.FollowUp, "2026-07-01", true)]
    [InlineData("desk visit feedback plan", true, "2027-01-01", ReviewStage.Done, null, false)] // done once a later round is published
    [InlineData("desk visit feedback", true, "2025-06-01", ReviewStage.ActionPlan, "2025-07-01", false)] // a later round does not skip the plan
    public void Each_review_shows_its_stage_its_target_date_and_whether_it_is_overdue(string done, bool laterRound, string today, ReviewStage stage, string? due, bool overdue)
    {
        var cycle = NewCycle();
        var review = AddReview(cycle, 1, "Aville", "Bville");
        var at = DateTimeOffset.UnixEpoch;
        review.DeskReviewDoneAt = done.Contains("desk", StringComparison.Ordinal) ? at : null;
        review.VisitDoneAt = done.Contains("visit", StringComparison.Ordinal) ? at : null;
        review.FeedbackSubmittedAt = done.Contains("feedback", StringComparison.Ordinal) ? at : null;
        review.ActionPlanDoneAt = done.Contains("plan", StringComparison.Ordinal) ? at : null;
        var comparisons = new Dictionary<int, RoundComparison?> { [1] = laterRound ? Compare("AAA:A chamber=", "AAA:A chamber=") : null };

        var row = Assert.Single(CycleDashboard.Build(cycle, comparisons, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)).Reviews);

        Assert.Equal((stage, due is null ? (DateOnly?)null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), overdue), (row.Stage, row.Due, row.Overdue));
    }

    [Theory]
    [InlineData("", "", "0 0 0 0", "0 0 0 0", "0 0 0 0")]
    [InlineData("Planned Planned InProgress", "", "2 1 0 0", "0 0 0 0", "2 1 0 0")]
    [InlineData("Planned Done Dropped", "Done InProgress Dropped", "1 0 1 1", "0 1 1 1", "1 1 2 2")]
    public void Actions_are_counted_by_status_per_review_and_for_the_cycle(string ofA, string ofB, string countsA, string countsB, string total)
    {
        var cycle = NewCycle();
        foreach (var (review, statuses) in new[] { (AddReview(cycle, 1, "Aville", "Bville"), ofA), (AddReview(cycle, 2, "Bville", "Aville"), ofB) })
        {
            foreach (var status in statuses.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                review.Actions.Add(new ReviewAction { Title = "An action", Status = Enum.Parse<ActionStatus>(status) });
            }
        }

        var dashboard = CycleDashboard.Build(cycle, new Dictionary<int, RoundComparison?>(), new DateOnly(2025, 1, 1));

        Assert.Equal(countsA, Counts(dashboard.Reviews.Single(r => r.Host == "Aville").Actions));
        Assert.Equal(countsB, Counts(dashboard.Reviews.Single(r => r.Host == "Bville").Actions));
        Assert.Equal(total, Counts(dashboard.Actions));
    }

    /// <summary>
    /// Per city: its rounds ("earlier / later", no later: "earlier / -") and its actions' statements ("|" between
    /// actions); the figures as "City k/n" or "City -" (no later round), then "network k/n" or "network -".
    /// </summary>
    [Theory]
    [InlineData("AAA:A chamber= / -", "AAA-1.01", "AAA:B chamber= / -", "AAA-1.01", "Aville - Bville - network -")]
    [InlineData("AAA:A chamber= / AAA:A chamber=AAA-1.01", "AAA-1.01|AAA-1.02", "AAA:B chamber= / -", "AAA-1.01", "Aville 1/2 Bville - network 1/2")]
    [InlineData("AAA:A chamber= / AAA:A chamber=AAA-1.01", "AAA-1.01|AAA-1.01 AAA-2.01", "AAA:B chamber=AAA-1.01 / AAA:B chamber=AAA-2.01", "AAA-1.01|AAA-2.01|AAA-3.01", "Aville 1/2 Bville 1/3 network 2/5")]
    [InlineData("AAA:A chamber= / AAA:A chamber=AAA-1.01", "", "AAA:B chamber= / AAA:B chamber=AAA-1.01 AAA-1.02", "AAA-1.01 AAA-1.02", "Aville 0/0 Bville 2/2 network 2/2")]
    [InlineData("AAA:A chamber=;AAA:A bank=AAA-1.01 / AAA:A chamber=AAA-1.01;AAA:A bank=", "AAA-1.01", "AAA:B chamber= / AAA:B chamber=", "AAA-1.01", "Aville 0/1 Bville 0/1 network 0/2")]
    public void Share_of_linked_statements_that_improved_is_given_per_host_city_and_for_the_network(string roundsA, string actionsA, string roundsB, string actionsB, string expected)
    {
        var cycle = NewCycle();
        var comparisons = new Dictionary<int, RoundComparison?>();
        foreach (var (id, host, reviewer, rounds, actions) in new[] { (1, "Aville", "Bville", roundsA, actionsA), (2, "Bville", "Aville", roundsB, actionsB) })
        {
            var review = AddReview(cycle, id, host, reviewer);
            foreach (var statements in actions.Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                review.Actions.Add(new ReviewAction { Title = "An action", Statements = statements });
            }

            var (earlier, later) = (rounds.Split(" / ")[0], rounds.Split(" / ")[1]);
            comparisons[id] = later == "-" ? null : Compare(earlier, later);
        }

        var dashboard = CycleDashboard.Build(cycle, comparisons, new DateOnly(2026, 1, 1));

        static string Figure(StatementShare? share) => share is null ? "-" : $"{share.Improved}/{share.Compared}";
        Assert.Equal(expected, string.Join(" ", dashboard.Cities.Select(c => $"{c.City} {Figure(c.Share)}")) + $" network {Figure(dashboard.Network)}");
    }

    [Fact]
    public void Share_is_given_as_a_percentage_of_the_statements_compared()
    {
        Assert.Equal(50.0, new StatementShare(1, 2).Percent);
        Assert.Equal(100.0 / 3, new StatementShare(1, 3).Percent);
        Assert.Null(new StatementShare(0, 0).Percent);
        Assert.Equal(new StatementShare(3, 5), new StatementShare(1, 2) + new StatementShare(2, 3));
    }

    [Fact]
    public async Task Dashboard_loads_the_cycle_and_follows_up_once_the_host_publishes_a_later_round()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.NewContext())
        {
            var review = await db.PeerReviews.SingleAsync(r => r.Id == built.ReviewOfA, ct);
            review.DeskReviewDoneAt = review.VisitDoneAt = review.FeedbackSubmittedAt = review.ActionPlanDoneAt = DateTimeOffset.UnixEpoch;
            db.ReviewActions.Add(new ReviewAction { ReviewId = built.ReviewOfA, Title = "Open a finance desk", Statements = "AAA-1.01", Status = ActionStatus.Done });
            db.ReviewActions.Add(new ReviewAction { ReviewId = built.ReviewOfB, Title = "Map the incubators", Statements = "AAA-1.01", Status = ActionStatus.InProgress });
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.NewContext())
        {
            var before = await CycleDashboard.LoadAsync(db, built.CycleId, new DateOnly(2026, 7, 2), ct);
            Assert.Equal([ReviewStage.FollowUp, ReviewStage.DeskReview], before.Reviews.Select(r => r.Stage));
            Assert.All(before.Reviews, r => Assert.True(r.Overdue));
            Assert.Null(before.Network);
            Assert.Equal("1 1 0 0", $"{before.Actions.InProgress} {before.Actions.Done} {before.Actions.Planned} {before.Actions.Dropped}");
        }

        await using (var db = database.NewContext())
        {
            var framework = (await db.Rounds.SingleAsync(r => r.Id == built.RoundA, ct)).StoredFrameworkId;
            var later = new Round { CityId = built.CityA, Year = 2025, StoredFrameworkId = framework, Status = RoundStatus.Published };
            var chamber = new Organisation { Name = "A chamber", GroupCode = "AAA", Position = 1 };
            chamber.Answers.Add(new Answer { IndicatorCode = "AAA-1.01", Value = AnswerValue.Yes });
            later.Organisations.Add(chamber);
            db.Rounds.Add(later);
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.NewContext())
        {
            var after = await CycleDashboard.LoadAsync(db, built.CycleId, new DateOnly(2026, 7, 2), ct);
            var ofA = after.Reviews.Single(r => r.ReviewId == built.ReviewOfA);
            Assert.Equal((ReviewStage.Done, false, 2025), (ofA.Stage, ofA.Overdue, ofA.LaterRoundYear));
            Assert.Equal(new StatementShare(1, 1), after.Cities.Single(c => c.City == "Aville").Share);
            Assert.Null(after.Cities.Single(c => c.City == "Bville").Share);
            Assert.Equal(new StatementShare(1, 1), after.Network);
        }
    }

    private static LearningCycle NewCycle() => new()
    {
        Id = 7,
        Name = "2024–2025 peer reviews",
        Status = CycleStatus.Started,
        DeskReviewDue = new DateOnly(2025, 2, 1),
        VisitDue = new DateOnly(2025, 4, 1),
        FeedbackDue = new DateOnly(2025, 5, 1),
        ActionPlanDue = new DateOnly(2025, 7, 1),
        FollowUpDue = new DateOnly(2026, 7, 1),
    };

    private static PeerReview AddReview(LearningCycle cycle, int id, string host, string reviewer)
    {
        static City CityOf(string name) => new() { Id = name[0], Name = name, Country = "France" };
        var review = new PeerReview { Id = id, GroupNumber = 1, HostCity = CityOf(host), HostCityId = host[0], ReviewerCity = CityOf(reviewer), ReviewerCityId = reviewer[0], Cycle = cycle };
        cycle.Reviews.Add(review);
        return review;
    }

    private static RoundComparison Compare(string earlier, string later) =>
        RoundComparison.Compare(FollowUpTests.Scored(Framework, 2024, earlier), FollowUpTests.Scored(Framework, 2025, later));

    private static string Counts(ActionCounts counts) => $"{counts.Planned} {counts.InProgress} {counts.Done} {counts.Dropped}";
}
