using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Matching;
using MegaBench.Networks;
using MegaBench.Reports;
using MegaBench.Rounds;

namespace MegaBench.Demo;

/// <summary>
/// The demo network's learning cycles, so that a visitor sees the whole peer-review cycle: one finished on the
/// 2016 rounds (desk review, visit, feedback report, response, action plan, published, followed up by the 2018
/// rounds) and one in progress on the latest rounds, started from the matching as an administrator would.
/// </summary>
/// <remarks>
/// <para>Every text is invented, about the invented demo cities and their invented organisations; participants
/// are described by their roles only, as the visit page asks.</para>
/// <para>The finished cycle's dates are fixed (2016–2018). The cycle in progress is dated from the day the demo is
/// loaded, so that its target dates lie ahead of a visitor rather than years in the past.</para>
/// </remarks>
internal static class DemoCycles
{
    public const string FinishedName = "2016–2017 peer reviews";

    public const string InProgressName = "Peer reviews on the latest rounds";

    /// <summary>The two demo cycles, added to the saved demo network; the caller saves.</summary>
    public static async Task AddAsync(MegaBenchDbContext db, Network network, Framework framework, TimeProvider clock, CancellationToken ct)
    {
        var finished = Finished(network, framework);
        if (finished is not null)
        {
            db.LearningCycles.Add(finished);
        }

        var scores = await NetworkScores.LoadAsync(db, network.Id, ct);
        if (scores is not null && NetworkMatching.Run(scores, PairingConstraints.None) is { Pairs.Count: > 0 } matching)
        {
            db.LearningCycles.Add(InProgress(matching, network, framework, clock.GetUtcNow()));
        }
    }

    /// <summary>
    /// Port Alder (strong on finance, weak on data) and Valmeria (the reverse) review each other's 2016 rounds:
    /// the pair the two cities' profiles make, each learning on the other's strong theme.
    /// </summary>
    private static LearningCycle? Finished(Network network, Framework framework)
    {
        var portAlder = network.Cities.SingleOrDefault(c => c.Name == "Port Alder");
        var valmeria = network.Cities.SingleOrDefault(c => c.Name == "Valmeria");
        var alderRound = portAlder?.Rounds.SingleOrDefault(r => r.Year == 2016);
        var valmeriaRound = valmeria?.Rounds.SingleOrDefault(r => r.Year == 2016);
        var finance = framework.FindTheme("finance");
        var data = framework.FindTheme("data");
        if (portAlder is null || valmeria is null || alderRound is null || valmeriaRound is null || finance is null || data is null)
        {
            return null; // A framework without these themes: the demo shows the cycle in progress only.
        }

        var cycle = new LearningCycle
        {
            NetworkId = network.Id,
            Name = FinishedName,
            Status = CycleStatus.Started,
            CreatedAt = At(2016, 9, 1),
            StartedAt = At(2016, 9, 15),
            DeskReviewDue = new DateOnly(2016, 10, 31),
            VisitDue = new DateOnly(2016, 12, 15),
            FeedbackDue = new DateOnly(2017, 1, 31),
            ActionPlanDue = new DateOnly(2017, 3, 31),
            FollowUpDue = new DateOnly(2018, 6, 30),
        };
        cycle.Reviews.Add(FinishedReview(framework, valmeria, valmeriaRound, portAlder, alderRound, finance, FinanceStory));
        cycle.Reviews.Add(FinishedReview(framework, portAlder, alderRound, valmeria, valmeriaRound, data, DataStory));
        return cycle;
    }

    /// <summary>The texts of one finished review, about its gap theme.</summary>
    private sealed record Story(
        string Briefing,
        string Question,
        string Answer,
        string EvidenceTitle,
        string Place,
        string[] MeetingNotes,
        string Feedback,
        string Response,
        string[] Actions,
        string ProgressNote);

    private static readonly Story FinanceStory = new(
        "## What we want to learn\n\nValmeria knows where its founders struggle, but small loans are scarce: banks ask for guarantees newcomers cannot give. We want to learn how Port Alder built its guarantee fund and pairs loans with mentors.\n\n## Our context\n\nNo local microcredit provider; a university that surveys new businesses every year.",
        "How did the region and the banks agree on sharing the guarantee fund's losses, and who decides on each loan?",
        "The region covers the first 50 % of any loss, the banks the rest. A committee of two bankers, a business adviser and a former borrower meets every fortnight.",
        "Guarantee fund: yearly report (fictional)",
        "Port Alder, the business desk in the town hall",
        [
            "The committee explained its fortnightly meeting and how it reads a business plan without a local credit history.",
            "Mentors meet each borrower monthly in the first year; repayment problems are raised early.",
        ],
        "## Strengths\n\nValmeria's monitoring of new businesses is thorough and public.\n\n## Recommendations\n\n- Set up a guarantee fund with the region and two local banks.\n- Pair every small loan with a volunteer mentor for the first year.\n- Use the yearly survey to measure what the loans achieve.",
        "We accept the three recommendations. The guarantee fund needs the region's budget vote in spring.",
        [
            "Set up a guarantee fund with the region and two local banks",
            "Pair every small loan with a volunteer mentor",
        ],
        "The region voted the fund's first budget; two banks signed the agreement.");

    private static readonly Story DataStory = new(
        "## What we want to learn\n\nPort Alder cannot tell which of its programmes work: nobody follows the businesses after their second year. We want to learn how Valmeria's founders monitor works.\n\n## Our context\n\nA guarantee fund and two incubators; no shared data between the city, the chamber and the associations.",
        "Who collects the monitor's data, and how do the organisations agree on what to publish?",
        "The university's statistics students run the survey; a yearly public meeting of all organisations agrees on the figures to publish.",
        "Founders monitor: method note (fictional)",
        "Valmeria, the university's economics faculty",
        [
            "The statistics team showed how each supported business is followed for five years with a short yearly questionnaire.",
            "The associations explained how the public evaluation meeting changed two of their programmes.",
        ],
        "## Strengths\n\nPort Alder's loan and mentoring scheme is a model for the network.\n\n## Recommendations\n\n- Agree with the chamber and the associations on a shared set of figures.\n- Follow every supported business for at least three years.\n- Publish a yearly evaluation and discuss it in public.",
        "We will start with the shared figures and the three-year follow-up; the public meeting comes later.",
        [
            "Agree on a shared set of figures with the chamber and the associations",
            "Follow every supported business for three years",
        ],
        "The chamber and three associations agreed on eight shared figures.");

    private static PeerReview FinishedReview(Framework framework, City host, Round hostRound, City reviewer, Round reviewerRound, Theme gap, Story story)
    {
        var review = new PeerReview
        {
            GroupNumber = 1,
            HostCity = host,
            HostRound = hostRound,
            ReviewerCity = reviewer,
            ReviewerRound = reviewerRound,
            GapThemes = gap.Code,
            Briefing = story.Briefing,
            DeskReviewDoneAt = At(2016, 10, 28),
            VisitStart = new DateOnly(2016, 11, 28),
            VisitEnd = new DateOnly(2016, 11, 30),
            VisitPlace = story.Place,
            VisitDoneAt = At(2016, 11, 30),
            Feedback = story.Feedback,
            FeedbackSubmittedAt = At(2017, 1, 20),
            HostResponse = story.Response,
            ActionPlanDoneAt = At(2017, 3, 20),
            PublishedAt = At(2017, 3, 24),
        };
        var topic = new ReviewTopic { ThemeCode = gap.Code, Title = gap.Name.Source, FromMatching = true, Position = 1 };
        topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Reviewer, Text = story.Question, CreatedAt = At(2016, 10, 3) });
        topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Host, Text = story.Answer, CreatedAt = At(2016, 10, 10) });
        review.Topics.Add(topic);
        review.Evidence.Add(new ReviewEvidence
        {
            Side = ReviewSide.Host,
            Title = story.EvidenceTitle,
            Url = $"https://{Slug(host.Name)}.example.org/peer-review-2016",
            CreatedAt = At(2016, 10, 10),
        });

        // The visit meets the reviewed round's organisations whose statements touch the gap theme, one a day.
        var met = hostRound.Organisations.Take(story.MeetingNotes.Length).ToList();
        for (var i = 0; i < met.Count; i++)
        {
            review.Meetings.Add(new VisitMeeting
            {
                Date = new DateOnly(2016, 11, 28).AddDays(i),
                Start = new TimeOnly(9, 30),
                End = new TimeOnly(11, 0),
                Organisation = met[i],
                Themes = gap.Code,
                Participants = "Director; business adviser",
                Notes = story.MeetingNotes[i],
            });
        }

        // Each action links the gap theme's statements of the responsible organisation's group, so that the
        // follow-up on the 2018 round has something to show.
        for (var i = 0; i < story.Actions.Length; i++)
        {
            var responsible = hostRound.Organisations.ElementAtOrDefault(i);
            var statements = framework.Indicators
                .Where(x => x.Themes.Contains(gap.Code) && (responsible is null || x.Group == responsible.GroupCode))
                .Take(3)
                .Select(x => x.Code);
            var action = new ReviewAction
            {
                Title = story.Actions[i],
                Statements = string.Join(' ', statements),
                Themes = gap.Code,
                Organisation = responsible,
                Deadline = new DateOnly(2017, 12, 31),
                Status = i == 0 ? ActionStatus.Done : ActionStatus.InProgress,
                CreatedAt = At(2017, 3, 1),
            };
            action.Notes.Add(new ActionProgressNote { Date = new DateOnly(2017, 9, 15), Text = story.ProgressNote, CreatedAt = At(2017, 9, 15) });
            review.Actions.Add(action);
        }

        return review;
    }

    /// <summary>
    /// The matching on the latest rounds as the matching page shows it, started two weeks ago: the first review
    /// has a briefing and a question answered and its desk review closed, its visit planned; the second has a
    /// briefing; the others have not begun.
    /// </summary>
    private static LearningCycle InProgress(NetworkMatching matching, Network network, Framework framework, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var cycle = CycleRules.FromMatching(matching, InProgressName, now.AddDays(-21));
        cycle.DeskReviewDue = today.AddDays(14);
        cycle.VisitDue = today.AddDays(60);
        cycle.FeedbackDue = today.AddDays(90);
        cycle.ActionPlanDue = today.AddDays(150);
        cycle.FollowUpDue = today.AddDays(540);
        CycleRules.Start(cycle, now.AddDays(-14));

        var rounds = network.Cities.SelectMany(c => c.Rounds).ToDictionary(r => r.Id);
        var first = cycle.Reviews.FirstOrDefault();
        if (first is not null && rounds.TryGetValue(first.HostRoundId, out var hostRound))
        {
            first.Briefing = "## What we want to learn\n\nHow our partner reaches founders who do not come to the business desk by themselves.\n\n## Our context\n\nOur services are known to the founders who already have a network; newcomers rarely find them.";
            var position = 0;
            foreach (var code in first.GapThemeList)
            {
                if (framework.FindTheme(code) is not { } theme)
                {
                    continue;
                }

                var topic = new ReviewTopic { ThemeCode = code, Title = theme.Name.Source, FromMatching = true, Position = ++position };
                if (position == 1)
                {
                    topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Reviewer, Text = "Which of your organisations work on this theme today, and with what budget?", CreatedAt = now.AddDays(-10) });
                    topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Host, Text = "Two of them, both on yearly project funding; the sheets list them.", CreatedAt = now.AddDays(-7) });
                }

                first.Topics.Add(topic);
            }

            first.DeskReviewDoneAt = now.AddDays(-3);
            first.VisitStart = today.AddDays(40);
            first.VisitEnd = today.AddDays(42);
            first.VisitPlace = "The town hall's business desk";
            if (hostRound.Organisations.FirstOrDefault() is { } organisation)
            {
                first.Meetings.Add(new VisitMeeting
                {
                    Date = today.AddDays(40),
                    Start = new TimeOnly(10, 0),
                    End = new TimeOnly(11, 30),
                    Organisation = organisation,
                    Themes = first.GapThemes,
                    Participants = "Head of the business desk; two advisers",
                });
            }
        }

        if (cycle.Reviews.Skip(1).FirstOrDefault() is { } second)
        {
            second.Briefing = "## What we want to learn\n\nHow to make our support for migrant founders normal practice rather than a yearly project.";
        }

        return cycle;
    }

    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    private static string Slug(string name) => string.Join('-', name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
