using MegaBench.Data;
using MegaBench.Reports;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Learning;

/// <summary>Actions counted by status.</summary>
public sealed record ActionCounts(int Planned, int InProgress, int Done, int Dropped)
{
    public static ActionCounts None { get; } = new(0, 0, 0, 0);

    public int Total => Planned + InProgress + Done + Dropped;

    public int this[ActionStatus status] => status switch
    {
        ActionStatus.Planned => Planned,
        ActionStatus.InProgress => InProgress,
        ActionStatus.Done => Done,
        ActionStatus.Dropped => Dropped,
        _ => 0,
    };

    public static ActionCounts Of(IEnumerable<ActionStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var list = statuses.ToList();
        return new(
            list.Count(s => s == ActionStatus.Planned),
            list.Count(s => s == ActionStatus.InProgress),
            list.Count(s => s == ActionStatus.Done),
            list.Count(s => s == ActionStatus.Dropped));
    }
}

/// <summary>One review of the cycle on the dashboard.</summary>
/// <param name="Due">The target date of the stage it is at; null when done or when the cycle set none.</param>
/// <param name="LaterRoundYear">The year of the host's next published round, when there is one.</param>
public sealed record DashboardReview(
    int ReviewId, int HostCityId, string Host, string Reviewer, ReviewStage Stage, DateOnly? Due, bool Overdue, ActionCounts Actions, int? LaterRoundYear);

/// <summary>A host city's share of linked statements that improved; <see cref="Share"/> null while it has no later round.</summary>
public sealed record DashboardCity(int CityId, string City, int? LaterRoundYear, StatementShare? Share);

/// <summary>
/// A learning cycle at a glance: each review's stage and whether it is overdue, the actions by status, and the share
/// of linked statements that improved, per host city and for the network.
/// </summary>
/// <param name="Network">The network's share: the cities' counts added up, over the cities with a later round; null while none has one.</param>
public sealed record CycleDashboard(
    int CycleId,
    string Name,
    DateOnly Today,
    IReadOnlyList<DashboardReview> Reviews,
    ActionCounts Actions,
    IReadOnlyList<DashboardCity> Cities,
    StatementShare? Network)
{
    /// <summary>
    /// Loads the cycle's reviews and actions, finds each host's next published round (<see cref="FollowUp.LaterRoundIdAsync"/>)
    /// and builds the dashboard. The caller has loaded the cycle and checked that its reader may see it.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no such cycle.</exception>
    public static async Task<CycleDashboard> LoadAsync(MegaBenchDbContext db, int cycleId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cycle = await db.LearningCycles.AsNoTracking()
            .Include(c => c.Reviews).ThenInclude(r => r.HostCity)
            .Include(c => c.Reviews).ThenInclude(r => r.ReviewerCity)
            .Include(c => c.Reviews).ThenInclude(r => r.HostRound)
            .Include(c => c.Reviews).ThenInclude(r => r.Actions)
            .AsSplitQuery()
            .SingleOrDefaultAsync(c => c.Id == cycleId, ct);
        if (cycle is null)
        {
            throw new InvalidOperationException($"There is no learning cycle {cycleId}: load the cycle and check access before its dashboard.");
        }

        var comparisons = new Dictionary<int, RoundComparison?>();
        foreach (var review in cycle.Reviews)
        {
            comparisons[review.Id] = await FollowUp.ComparisonAsync(db, review.HostRound!, ct);
        }

        return Build(cycle, comparisons, today);
    }

    /// <summary>
    /// The dashboard of <paramref name="cycle"/> (its reviews with their cities and actions loaded), given per review the
    /// comparison of the reviewed round with the host's next published round (null or absent: none yet).
    /// </summary>
    /// <remarks>
    /// A review is at the stage <see cref="CycleRules.StageOf"/> gives, done with its follow-up once the host has a later
    /// published round; it is overdue by <see cref="CycleRules.IsOverdue"/>. Every action counts in the status counts,
    /// dropped ones included. A city's share counts each statement linked by any of its actions once, dropped actions
    /// included (a dropped action's statements may still move), by the rule of <see cref="FollowUp"/>; a city hosting
    /// in several reviews of the cycle adds their counts up.
    /// </remarks>
    public static CycleDashboard Build(LearningCycle cycle, IReadOnlyDictionary<int, RoundComparison?> comparisons, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(comparisons);
        var reviews = new List<DashboardReview>();
        var cities = new List<DashboardCity>();
        foreach (var review in cycle.Reviews.OrderBy(r => r.GroupNumber).ThenBy(r => r.HostCity!.Name, StringComparer.Ordinal).ThenBy(r => r.Id))
        {
            var comparison = comparisons.GetValueOrDefault(review.Id);
            var stage = CycleRules.StageOf(review, comparison is not null);
            reviews.Add(new DashboardReview(
                review.Id,
                review.HostCityId,
                review.HostCity!.Name,
                review.ReviewerCity!.Name,
                stage,
                cycle.Due(stage),
                CycleRules.IsOverdue(cycle, stage, today),
                ActionCounts.Of(review.Actions.Select(a => a.Status)),
                comparison?.Later.Round.Year));

            var share = comparison is null ? null : FollowUp.ShareOf(review.Actions.Select(a => a.StatementList), comparison);
            var index = cities.FindIndex(c => c.CityId == review.HostCityId);
            if (index < 0)
            {
                cities.Add(new DashboardCity(review.HostCityId, review.HostCity.Name, comparison?.Later.Round.Year, share));
            }
            else if (share is not null)
            {
                var city = cities[index];
                cities[index] = city with { LaterRoundYear = city.LaterRoundYear ?? comparison!.Later.Round.Year, Share = city.Share is null ? share : city.Share + share };
            }
        }

        var withShare = cities.Where(c => c.Share is not null).Select(c => c.Share!).ToList();
        return new CycleDashboard(
            cycle.Id,
            cycle.Name,
            today,
            reviews,
            ActionCounts.Of(cycle.Reviews.SelectMany(r => r.Actions).Select(a => a.Status)),
            [.. cities.OrderBy(c => c.City, StringComparer.Ordinal)],
            withShare.Count == 0 ? null : withShare.Aggregate(StatementShare.Add));
    }
}
