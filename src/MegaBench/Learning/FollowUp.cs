using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Learning;

/// <summary>How one organisation's answer to one statement moved between the reviewed round and the next.</summary>
public enum StatementMove
{
    /// <summary>Met now (yes), not before.</summary>
    NewlyMet,

    /// <summary>Met before, not now.</summary>
    Lost,

    /// <summary>Met both times.</summary>
    MetBoth,

    /// <summary>Met neither time (no, not determined or unanswered, both times).</summary>
    UnmetBoth,
}

/// <summary>One linked statement of an action, for one organisation present in both rounds.</summary>
public sealed record StatementChange(string Code, StatementMove Move);

/// <summary>An organisation present in both rounds, with the moves on the action's statements of its group.</summary>
public sealed record OrganisationFollowUp(string Group, string Name, IReadOnlyList<StatementChange> Statements);

/// <summary>What moved on an action's linked statements between the host's reviewed round and its next published round.</summary>
/// <param name="Organisations">Organisations in both rounds whose group has a linked statement, in the later round's order.</param>
/// <param name="Compared">Linked statements in both rounds' frameworks, in the action's order.</param>
/// <param name="Improved">The compared statements that improved (see <see cref="FollowUp"/>'s rule).</param>
/// <param name="NotInLaterFramework">Linked statements the later round's framework does not have: nothing can be said of them.</param>
/// <param name="Joined">Organisations (group, name) of a linked statement's group only in the later round: not compared.</param>
/// <param name="Left">Organisations (group, name) of a linked statement's group only in the reviewed round: not compared.</param>
public sealed record ActionFollowUp(
    IReadOnlyList<OrganisationFollowUp> Organisations,
    IReadOnlyList<string> Compared,
    IReadOnlyList<string> Improved,
    IReadOnlyList<string> NotInLaterFramework,
    IReadOnlyList<(string Group, string Name)> Joined,
    IReadOnlyList<(string Group, string Name)> Left);

/// <summary>
/// The follow-up of a peer review's action plan: once the host publishes its next round, what moved on each
/// action's linked statements, per organisation, read from <see cref="RoundComparison"/>.
/// </summary>
/// <remarks>
/// <para>The later round is the host city's published round with the smallest year greater than the reviewed round's
/// (<see cref="PeerReview.HostRound"/>); until there is one, there is no follow-up.</para>
/// <para>Organisations are matched between the rounds by <see cref="RoundComparison.Compare"/> (same group, same name
/// ignoring case and surrounding spaces), never here; an organisation in one round only is listed as joined or left
/// and not compared. A statement concerns the organisations of its own stakeholder group.</para>
/// <para>A linked statement <b>improved</b> when at least one organisation newly meets it and none loses it. A
/// statement the later framework lacks is listed apart and never counts, neither as improved nor in the number of
/// statements compared; a compared statement with no organisation in both rounds did not improve (nothing moved that
/// can be seen). The share of improved statements is improved / compared, as exact counts.</para>
/// </remarks>
public static class FollowUp
{
    /// <summary>The follow-up of an action linked to <paramref name="statements"/> (codes of the reviewed round's framework).</summary>
    public static ActionFollowUp Of(IEnumerable<string> statements, RoundComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(comparison);
        var linked = statements.Distinct(StringComparer.Ordinal).ToList();
        var laterCodes = comparison.Later.Framework.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var earlierCodes = comparison.Earlier.Framework.Indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var compared = linked.Where(c => laterCodes.Contains(c) && earlierCodes.Contains(c)).ToList();
        var notInLater = linked.Where(c => !laterCodes.Contains(c)).ToList();

        // The group of each statement, from the framework that has it.
        var groupOf = comparison.Later.Framework.Indicators.Concat(comparison.Earlier.Framework.Indicators)
            .GroupBy(i => i.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Group, StringComparer.Ordinal);
        var groups = linked.Where(groupOf.ContainsKey).Select(c => groupOf[c]).ToHashSet(StringComparer.Ordinal);

        var organisations = new List<OrganisationFollowUp>();
        foreach (var change in comparison.Organisations.Where(o => groups.Contains(o.Group)))
        {
            // The change names the later round's organisation; its answers tell met-both from unmet-both.
            var now = comparison.Later.Organisations.First(o => o.GroupCode == change.Group && o.Name == change.Name);
            var yesNow = now.Answers.Where(a => a.Value == AnswerValue.Yes).Select(a => a.IndicatorCode).ToHashSet(StringComparer.Ordinal);
            var moves = compared
                .Where(c => groupOf[c] == change.Group)
                .Select(c => new StatementChange(c,
                    change.NewlyMet.Contains(c) ? StatementMove.NewlyMet
                    : change.Lost.Contains(c) ? StatementMove.Lost
                    : yesNow.Contains(c) ? StatementMove.MetBoth
                    : StatementMove.UnmetBoth))
                .ToList();
            organisations.Add(new OrganisationFollowUp(change.Group, change.Name, moves));
        }

        var improved = compared.Where(c =>
        {
            var moves = organisations.SelectMany(o => o.Statements).Where(s => s.Code == c).Select(s => s.Move).ToList();
            return moves.Contains(StatementMove.NewlyMet) && !moves.Contains(StatementMove.Lost);
        }).ToList();

        return new ActionFollowUp(
            organisations,
            compared,
            improved,
            notInLater,
            [.. comparison.Joined.Where(o => groups.Contains(o.Group))],
            [.. comparison.Left.Where(o => groups.Contains(o.Group))]);
    }

    /// <summary>
    /// The host city's next published round after <paramref name="reviewed"/>: the published round of the same city
    /// with the smallest year greater than the reviewed round's; null when there is none yet.
    /// </summary>
    public static Task<int?> LaterRoundIdAsync(MegaBenchDbContext db, Round reviewed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reviewed);
        return db.Rounds.AsNoTracking()
            .Where(r => r.CityId == reviewed.CityId && r.Status == RoundStatus.Published && r.Year > reviewed.Year)
            .OrderBy(r => r.Year).ThenBy(r => r.Id)
            .Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// The comparison of the reviewed round with the host's next published round (see <see cref="LaterRoundIdAsync"/>),
    /// loaded and scored by <see cref="RoundScores"/>; null when there is no later round yet.
    /// </summary>
    public static async Task<RoundComparison?> ComparisonAsync(MegaBenchDbContext db, Round reviewed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(reviewed);
        if (await LaterRoundIdAsync(db, reviewed, cancellationToken) is not { } laterId)
        {
            return null;
        }

        var earlier = await RoundScores.LoadAsync(db, reviewed.Id, cancellationToken);
        var later = await RoundScores.LoadAsync(db, laterId, cancellationToken);
        return earlier is null || later is null ? null : RoundComparison.Compare(earlier, later);
    }

    /// <summary>
    /// The linked statements of several actions of one review counted once each: (improved, compared), by the rule
    /// of <see cref="FollowUp"/>. A statement linked by two actions is one statement.
    /// </summary>
    public static StatementShare ShareOf(IEnumerable<IEnumerable<string>> actions, RoundComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var all = Of(actions.SelectMany(a => a), comparison);
        return new StatementShare(all.Improved.Count, all.Compared.Count);
    }
}

/// <summary>"k of n" linked statements improved; <see cref="Percent"/> is null when there is none to compare.</summary>
public sealed record StatementShare(int Improved, int Compared)
{
    /// <summary>The share as a percentage, 0–100, unrounded; null for "0 of 0".</summary>
    public double? Percent => Compared == 0 ? null : 100.0 * Improved / Compared;

    public static StatementShare operator +(StatementShare left, StatementShare right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        return new(left.Improved + right.Improved, left.Compared + right.Compared);
    }

    public static StatementShare Add(StatementShare left, StatementShare right) => left + right;
}
