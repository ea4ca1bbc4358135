using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Questionnaires;

/// <summary>What a coordinator should do next with a round, and for how many organisations.</summary>
public enum NextStep
{
    /// <summary>The round has no organisation yet.</summary>
    AddOrganisations,

    /// <summary>Some organisations have never had a link.</summary>
    IssueLinks,

    /// <summary>Some organisations' links expired before they submitted.</summary>
    RenewExpiredLinks,

    /// <summary>Some organisations are invited or answering but have not submitted.</summary>
    Remind,

    /// <summary>Some submitted questionnaires wait for the coordinator's check.</summary>
    Validate,

    /// <summary>Every questionnaire is validated: close the round and write the report.</summary>
    Close,

    /// <summary>The round is closed: write the report, then publish.</summary>
    Publish,
}

/// <summary>
/// A round's collection progress: how many of its organisations are in each questionnaire state, how many are
/// overdue (<see cref="QuestionnaireStatus.IsOverdue"/>), and the next step. The home page and the network
/// overview show it.
/// </summary>
/// <remarks>The state counts add up to <see cref="Organisations"/>; <see cref="Overdue"/> counts some of the not invited and in progress again.</remarks>
public sealed record RoundProgress(int RoundId, RoundStatus Status, int Organisations, int NotInvited, int Invited, int InProgress, int Submitted, int Validated, int Overdue)
{
    /// <summary>The next step and the number of organisations it concerns (0 when it concerns the round).</summary>
    public (NextStep Step, int Count) Next => Status switch
    {
        RoundStatus.Closed => (NextStep.Publish, 0),
        _ when Organisations == 0 => (NextStep.AddOrganisations, 0),
        _ when Overdue > 0 => (NextStep.RenewExpiredLinks, Overdue),
        _ when NotInvited > 0 => (NextStep.IssueLinks, NotInvited),
        _ when Invited + InProgress > 0 => (NextStep.Remind, Invited + InProgress),
        _ when Submitted > 0 => (NextStep.Validate, Submitted),
        _ => (NextStep.Close, 0),
    };

    public static RoundProgress Of(int roundId, RoundStatus status, IReadOnlyCollection<QuestionnaireStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        int Count(QuestionnaireState state) => statuses.Count(s => s.State == state);
        var overdue = statuses.Count(s => s.IsOverdue);
        return new RoundProgress(roundId, status, statuses.Count,
            Count(QuestionnaireState.NotInvited),
            Count(QuestionnaireState.Invited), Count(QuestionnaireState.InProgress), Count(QuestionnaireState.Submitted), Count(QuestionnaireState.Validated), overdue);
    }

    /// <summary>The progress of each of the rounds (id and status, as the caller read them), in one set of queries.</summary>
    public static async Task<IReadOnlyDictionary<int, RoundProgress>> LoadAsync(MegaBenchDbContext db, IReadOnlyCollection<(int Id, RoundStatus Status)> rounds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rounds);
        if (rounds.Count == 0)
        {
            return new Dictionary<int, RoundProgress>();
        }

        var ids = rounds.Select(r => r.Id).ToList();
        var organisations = (await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.RoundId)).Select(o => new { o.Id, o.RoundId }).ToListAsync(cancellationToken))
            .ToLookup(o => o.RoundId, o => o.Id);
        var statuses = await Questionnaire.StatusesAsync(db, ids, cancellationToken);
        return rounds.ToDictionary(r => r.Id, r => Of(r.Id, r.Status, [.. organisations[r.Id].Select(id => statuses[id])]));
    }
}

/// <summary>A person's work: the cities they coordinate or whose network they administer, with their rounds.</summary>
public static class MyWork
{
    /// <summary>A city of the person's work, its rounds newest first.</summary>
    public sealed record WorkCity(int Id, string Name, string Country, int NetworkId, string NetworkName, IReadOnlyList<WorkRound> Rounds)
    {
        /// <summary>The rounds still being answered or checked, with their progress.</summary>
        public IEnumerable<WorkRound> InProgress => Rounds.Where(r => r.Status != RoundStatus.Published);

        /// <summary>The latest published round; null when none is.</summary>
        public WorkRound? LatestPublished => Rounds.Where(r => r.Status == RoundStatus.Published).MaxBy(r => (r.Year, r.Id));

        /// <summary>The year to offer for the city's next round: this year, or the year after its latest round if that is later.</summary>
        public int NextYear(int thisYear) => Rounds.Count == 0 ? thisYear : Math.Max(thisYear, Rounds.Max(r => r.Year) + 1);
    }

    public sealed record WorkRound(int Id, int Year, RoundStatus Status, RoundProgress? Progress);

    /// <summary>
    /// The cities the grants let the person edit: those they coordinate and every city of the networks they
    /// administer (all networks for an administrator of every network), with each round in progress's progress.
    /// </summary>
    /// <param name="networkId">Only the cities of this network (the network overview); all when null.</param>
    public static async Task<IReadOnlyList<WorkCity>> LoadAsync(MegaBenchDbContext db, Grants grants, int? networkId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(grants);
        if (!grants.IsSignedIn)
        {
            return [];
        }

        var coordinated = grants.CoordinatedCities.ToList();
        var networks = grants.AdministeredNetworks.ToList();
        var all = grants.AdministersAllNetworks;
        var cities = await db.Cities.AsNoTracking()
            .Where(c => all || coordinated.Contains(c.Id) || networks.Contains(c.NetworkId))
            .Where(c => networkId == null || c.NetworkId == networkId)
            .Select(c => new { c.Id, c.Name, c.Country, c.NetworkId, NetworkName = c.Network!.Name, Rounds = c.Rounds.Select(r => new { r.Id, r.Year, r.Status }).ToList() })
            .ToListAsync(cancellationToken);
        var progress = await RoundProgress.LoadAsync(db, [.. cities.SelectMany(c => c.Rounds).Where(r => r.Status != RoundStatus.Published).Select(r => (r.Id, r.Status))], cancellationToken);
        return [.. cities
            .Select(c => new WorkCity(c.Id, c.Name, c.Country, c.NetworkId, c.NetworkName,
                [.. c.Rounds.OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).Select(r => new WorkRound(r.Id, r.Year, r.Status, progress.GetValueOrDefault(r.Id)))]))
            .OrderBy(c => c.NetworkName, StringComparer.CurrentCulture).ThenBy(c => c.Name, StringComparer.CurrentCulture)];
    }
}
