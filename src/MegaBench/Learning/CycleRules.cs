using System.Globalization;
using MegaBench.Matching;
using MegaBench.Practices;

namespace MegaBench.Learning;

/// <summary>
/// A rule of the learning cycle was broken; the message says what and what to do. <see cref="Format"/> and
/// <see cref="Arguments"/> are the English sentence and its values, for a page to translate.
/// </summary>
public sealed class LearningCycleException(string format, params object[] arguments)
    : Exception(string.Format(CultureInfo.InvariantCulture, format, arguments))
{
    public string Format { get; } = format;

    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>Two stage dates out of order: <see cref="Stage"/>'s date is before <see cref="Earlier"/>'s.</summary>
public sealed record DateOrderProblem(ReviewStage Stage, DateOnly Date, ReviewStage Earlier, DateOnly EarlierDate)
{
    /// <summary>The English sentence, with the stages' words as <paramref name="stageName"/> gives them.</summary>
    public string Describe(Func<ReviewStage, string> stageName)
    {
        ArgumentNullException.ThrowIfNull(stageName);
        return string.Format(CultureInfo.InvariantCulture, Sentence, stageName(Stage), Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), stageName(Earlier), EarlierDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    /// <summary>The sentence: {0} the stage, {1} its date, {2} the earlier stage, {3} its date.</summary>
    public const string Format = "The date of “{0}” ({1}) is before the date of “{2}” ({3}): the stages follow each other, so put the dates in order.";

    private static readonly System.Text.CompositeFormat Sentence = System.Text.CompositeFormat.Parse(Format);

    public override string ToString() => Describe(s => s.ToString());
}

/// <summary>
/// The rules of a learning cycle as pure functions: the reviews a matching gives, swapping partners before the
/// start, the order of target dates, and the stage a review is at.
/// </summary>
public static class CycleRules
{
    /// <summary>The longest Markdown text (briefing, message, notes, report, response) the cycle stores.</summary>
    public const int MarkdownMaxLength = 20_000;

    /// <summary>The longest short text (a place, an organisation's name, participants' roles).</summary>
    public const int ShortTextMaxLength = 300;

    /// <summary>
    /// A new cycle from a matching exactly as the matching page shows it: its constraints, and per group the
    /// reviews. A pair A–B gives "A reviews B" and "B reviews A"; a trio A, B, C (in the matching's order) gives
    /// "A reviews B", "B reviews C", "C reviews A", so that each city reviews once and is reviewed once.
    /// </summary>
    /// <remarks>
    /// A review's gap themes are the themes on which the host learns from its reviewer in the matching (the
    /// theme terms of L(host ← reviewer)): the desk review starts with one topic each.
    /// </remarks>
    /// <exception cref="LearningCycleException">The matching has no group, or the name is empty or too long.</exception>
    public static LearningCycle FromMatching(NetworkMatching matching, string name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(matching);
        name = (name ?? "").Trim();
        if (name.Length == 0)
        {
            throw new LearningCycleException("Give the cycle a name, e.g. “2018–2019 peer reviews”.");
        }

        if (name.Length > LearningCycle.NameMaxLength)
        {
            throw new LearningCycleException("The name is too long: use at most {0} characters.", LearningCycle.NameMaxLength);
        }

        if (matching.Pairs.Count == 0)
        {
            throw new LearningCycleException("The matching has no pair: a cycle needs at least two cities with published rounds.");
        }

        var cycle = new LearningCycle
        {
            NetworkId = matching.NetworkId,
            Name = name,
            AcrossCountries = matching.AcrossCountries,
            MatchingValue = matching.TotalValue,
            CreatedAt = now,
        };
        var number = 0;
        foreach (var group in matching.Pairs)
        {
            number++;
            cycle.Reviews.AddRange(ReviewsOf(number, [.. group.Members.Select(m => m.Id)], group.Members.ToDictionary(m => m.Id, m => m.RoundId), GapThemesFrom(group.Learning)));
        }

        return cycle;
    }

    /// <summary>The constraints of the matching, kept on the cycle as the matching page's address keeps them.</summary>
    public static void RecordConstraints(LearningCycle cycle, IEnumerable<CityPair> excluded, IEnumerable<CityPair> forced)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        cycle.ExcludedPairs = JoinPairs(excluded);
        cycle.ForcedPairs = JoinPairs(forced);
    }

    /// <summary>Pairs written as "ID-ID ID-ID" (the matching page's address form), read back.</summary>
    public static IReadOnlyList<CityPair> Pairs(string text) =>
        [.. (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('-'))
            .Where(p => p.Length == 2)
            .Select(p => new CityPair(int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture)))];

    /// <summary>Pairs written as "ID-ID ID-ID", as the cycle stores them and <see cref="Pairs"/> reads them.</summary>
    public static string JoinPairs(IEnumerable<CityPair> pairs) =>
        string.Join(' ', pairs.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.First}-{p.Second}")));

    /// <summary>The groups of the cycle (pairs and trio), each as its cities in review order, by group number.</summary>
    public static IReadOnlyList<(int Number, IReadOnlyList<int> Cities)> Groups(LearningCycle cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return [.. cycle.Reviews.GroupBy(r => r.GroupNumber).OrderBy(g => g.Key).Select(g => (g.Key, Ring(g.ToList())))];
    }

    /// <summary>
    /// Swaps the partners of two cities of different groups before the cycle starts: with pairs A–A′ and B–B′,
    /// swapping A and B gives B–A′ and A–B′ (in a trio the city takes the other's place in the ring). Every city
    /// stays in exactly one group, so everyone still reviews and is reviewed. The two groups' reviews are made
    /// anew, with their gap themes from <paramref name="gapThemes"/>(host, reviewer).
    /// </summary>
    /// <returns>The reviews to remove (the rest of the cycle is unchanged; the new ones are added to it).</returns>
    /// <exception cref="LearningCycleException">The cycle has started, a city is not in the cycle, or both are in one group.</exception>
    public static IReadOnlyList<PeerReview> SwapPartners(LearningCycle cycle, int cityA, int cityB, Func<int, int, IEnumerable<string>> gapThemes)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(gapThemes);
        if (cycle.Status != CycleStatus.Preparing)
        {
            throw new LearningCycleException("The cycle has started, so its pairs are fixed: the reviews are already under way. Start a new cycle to pair the cities differently.");
        }

        var groups = Groups(cycle);
        var ofA = groups.Where(g => g.Cities.Contains(cityA)).Select(g => (int?)g.Number).SingleOrDefault();
        var ofB = groups.Where(g => g.Cities.Contains(cityB)).Select(g => (int?)g.Number).SingleOrDefault();
        if (ofA is null || ofB is null)
        {
            throw new LearningCycleException("Choose two cities of this cycle.");
        }

        if (ofA == ofB)
        {
            throw new LearningCycleException("The two cities are already in the same group; choose cities of two different groups to swap their partners.");
        }

        var rounds = cycle.Reviews.ToDictionary(r => r.HostCityId, r => r.HostRoundId);
        var removed = cycle.Reviews.Where(r => r.GroupNumber == ofA || r.GroupNumber == ofB).ToList();
        foreach (var (number, cities) in groups.Where(g => g.Number == ofA || g.Number == ofB))
        {
            var swapped = cities.Select(c => c == cityA ? cityB : c == cityB ? cityA : c).ToList();
            cycle.Reviews.AddRange(ReviewsOf(number, swapped, rounds, gapThemes));
        }

        foreach (var review in removed)
        {
            cycle.Reviews.Remove(review);
        }

        return removed;
    }

    /// <summary>Starts the cycle: its reviews open and its pairs are fixed.</summary>
    /// <exception cref="LearningCycleException">It has already started.</exception>
    public static void Start(LearningCycle cycle, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (cycle.Status != CycleStatus.Preparing)
        {
            throw new LearningCycleException("The cycle has already started.");
        }

        cycle.Status = CycleStatus.Started;
        cycle.StartedAt = now;
    }

    /// <summary>
    /// Null when the stages' target dates are in order (each on or after the one before; a missing date is
    /// skipped), else the first date that is before an earlier stage's.
    /// </summary>
    public static DateOrderProblem? CheckDates(DateOnly? deskReview, DateOnly? visit, DateOnly? feedback, DateOnly? actionPlan, DateOnly? followUp)
    {
        var dates = new (ReviewStage Stage, DateOnly? Date)[]
        {
            (ReviewStage.DeskReview, deskReview), (ReviewStage.Visit, visit), (ReviewStage.Feedback, feedback), (ReviewStage.ActionPlan, actionPlan), (ReviewStage.FollowUp, followUp),
        };
        (ReviewStage Stage, DateOnly Date)? previous = null;
        foreach (var (stage, date) in dates)
        {
            if (date is not { } d)
            {
                continue;
            }

            if (previous is { } p && d < p.Date)
            {
                return new DateOrderProblem(stage, d, p.Stage, p.Date);
            }

            previous = (stage, d);
        }

        return null;
    }

    /// <summary>
    /// The stage a review is at: the first whose closing act is not recorded — desk review (the reviewer closes
    /// it), visit (the reviewer records it held), feedback report (submitted), action plan (the host adopts it),
    /// follow-up (ends when the host publishes a round of a later year than the one reviewed).
    /// </summary>
    public static ReviewStage StageOf(PeerReview review, bool laterRoundPublished)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review switch
        {
            { DeskReviewDoneAt: null } => ReviewStage.DeskReview,
            { VisitDoneAt: null } => ReviewStage.Visit,
            { FeedbackSubmittedAt: null } => ReviewStage.Feedback,
            { ActionPlanDoneAt: null } => ReviewStage.ActionPlan,
            _ => laterRoundPublished ? ReviewStage.Done : ReviewStage.FollowUp,
        };
    }

    /// <summary>A stage is overdue when it is not done and its target date has passed (the day itself is still in time).</summary>
    public static bool IsOverdue(LearningCycle cycle, ReviewStage stage, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        return stage != ReviewStage.Done && cycle.Due(stage) is { } due && due < today;
    }

    /// <summary>
    /// Who reviews whom in a group, members in the matching's order: a pair reviews both ways; in three or more,
    /// each member reviews the next and the last reviews the first.
    /// </summary>
    public static IEnumerable<(T Reviewer, T Host)> ReviewOrder<T>(IReadOnlyList<T> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        for (var i = 0; i < members.Count; i++)
        {
            yield return (members[i], members[(i + 1) % members.Count]);
        }
    }

    /// <summary>The reviews of one group, in <see cref="ReviewOrder"/>.</summary>
    private static IEnumerable<PeerReview> ReviewsOf(int number, List<int> cities, Dictionary<int, int> rounds, Func<int, int, IEnumerable<string>> gapThemes)
    {
        foreach (var (reviewer, host) in ReviewOrder(cities))
        {
            yield return new PeerReview
            {
                GroupNumber = number,
                ReviewerCityId = reviewer,
                HostCityId = host,
                HostRoundId = rounds[host],
                ReviewerRoundId = rounds[reviewer],
                GapThemes = Practice.JoinThemes(gapThemes(host, reviewer)),
            };
        }
    }

    /// <summary>The cities of one group's reviews in ring order (each reviews the next), from its first reviewer.</summary>
    private static List<int> Ring(List<PeerReview> reviews)
    {
        var next = reviews.GroupBy(r => r.ReviewerCityId).ToDictionary(g => g.Key, g => g.First().HostCityId);
        var start = reviews.Min(r => r.ReviewerCityId);
        var ring = new List<int> { start };
        while (next.TryGetValue(ring[^1], out var host) && host != start && ring.Count < reviews.Count)
        {
            ring.Add(host);
        }

        return ring;
    }

    private static Func<int, int, IEnumerable<string>> GapThemesFrom(IReadOnlyList<LearningLink> learning) =>
        (host, reviewer) => learning
            .Where(l => l.LearnerId == host && l.TeacherId == reviewer)
            .SelectMany(l => l.Terms.Where(t => t.Level == "theme").Select(t => t.Code));
}
