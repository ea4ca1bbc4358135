using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Rounds;

/// <summary>
/// Changing a round's status, for the round page, the publish page and the API alike. Publishing changes what every
/// reader and the network's comparisons see, so it never happens by a plain status change: it needs the token of the
/// <see cref="PublicationSummary"/> the person read (<see cref="PublishAsync"/>).
/// </summary>
public static class RoundStatusChange
{
    public enum Outcome
    {
        Changed,

        /// <summary>Publishing asked as a plain status change: read the summary and confirm it instead.</summary>
        NeedsSummary,
    }

    public enum PublishOutcome
    {
        Published,

        /// <summary>Already published: nothing to do.</summary>
        AlreadyPublished,

        /// <summary>The token is not the current summary's: the round changed since (or the token is wrong); nothing is published.</summary>
        SummaryChanged,
    }

    /// <summary>Sets a tracked round's status, unless the change is a publication (<see cref="Outcome.NeedsSummary"/>).</summary>
    public static async Task<Outcome> SetAsync(MegaBenchDbContext db, Round round, RoundStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        if (status == RoundStatus.Published && round.Status != RoundStatus.Published)
        {
            return Outcome.NeedsSummary;
        }

        round.Status = status;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Changed;
    }

    /// <summary>Publishes the round if <paramref name="token"/> confirms <paramref name="summary"/>, its current summary.</summary>
    public static async Task<PublishOutcome> PublishAsync(MegaBenchDbContext db, PublicationSummary summary, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Round.Status == RoundStatus.Published)
        {
            return PublishOutcome.AlreadyPublished;
        }

        if (!summary.Confirms(token))
        {
            return PublishOutcome.SummaryChanged;
        }

        var round = await db.Rounds.SingleAsync(r => r.Id == summary.Round.Id, cancellationToken);
        round.Status = RoundStatus.Published;
        await db.SaveChangesAsync(cancellationToken);
        return PublishOutcome.Published;
    }
}
