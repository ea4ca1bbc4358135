using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Learning;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Web.Pages.Reviews;

/// <summary>What a review's reader may do there, decided once by <see cref="AccessPolicy"/>.</summary>
/// <param name="ReadsAll">May read the whole review (a party to it, or the network's administrator).</param>
/// <param name="IsHost">May write the host's part.</param>
/// <param name="IsReviewer">May write the reviewer's part.</param>
public sealed record ReviewRights(bool ReadsAll, bool IsHost, bool IsReviewer);

/// <summary>
/// A peer review as every review page loads it: the review with its cycle, cities and the host's round (with its
/// framework), the scope built from it, and the reader's rights. Pages ask for what they need with
/// <see cref="LoadAsync"/>: a reader who may not see it gets 404, one who may see but not write the part gets 403.
/// </summary>
public sealed record ReviewContext(PeerReview Review, ReviewScope Scope, ReviewRights Rights, Framework Framework)
{
    /// <summary>What a page of the review needs of its reader.</summary>
    public enum Need
    {
        /// <summary>The published outcome (feedback report and action plan): anyone once published.</summary>
        ReadOutcome,

        /// <summary>The whole review.</summary>
        ReadAll,

        /// <summary>The host's part, to change it.</summary>
        WriteAsHost,

        /// <summary>The reviewer's part, to change it.</summary>
        WriteAsReviewer,
    }

    /// <summary>The review's cities, names of the host, reviewer and network: for headings and breadcrumbs.</summary>
    public string Host => Review.HostCity!.Name;

    public string Reviewer => Review.ReviewerCity!.Name;

    /// <summary>
    /// Loads the review (tracked, so that a handler can change it and save) and checks <paramref name="need"/>.
    /// </summary>
    /// <returns>The context, or the refusal to return (404 not readable, 403 readable but not writable).</returns>
    public static async Task<(ReviewContext? Context, IActionResult? Refused)> LoadAsync(
        MegaBenchDbContext db, AccessPolicy access, int reviewId, Need need, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(access);
        var review = await db.PeerReviews
            .Include(r => r.Cycle).ThenInclude(c => c!.Network)
            .Include(r => r.HostCity)
            .Include(r => r.ReviewerCity)
            .Include(r => r.HostRound).ThenInclude(r => r!.Framework)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken);
        if (review is null)
        {
            return (null, new NotFoundResult());
        }

        var scope = ReviewScope.For(review);
        var rights = new ReviewRights(access.CanRead(scope), access.CanWriteAsHost(scope), access.CanWriteAsReviewer(scope));
        var readable = need == Need.ReadOutcome ? access.CanReadOutcome(scope) : rights.ReadsAll;
        if (!readable)
        {
            return (null, new NotFoundResult());
        }

        var writable = need switch
        {
            Need.WriteAsHost => rights.IsHost,
            Need.WriteAsReviewer => rights.IsReviewer,
            _ => true,
        };
        if (!writable)
        {
            return (null, new StatusCodeResult(StatusCodes.Status403Forbidden));
        }

        var framework = FrameworkStore.Read(review.HostRound!.Framework!);
        return (new ReviewContext(review, scope, rights, framework), null);
    }

    /// <summary>
    /// Null when the review may be written now; else why not (the cycle has not started yet). Every write handler
    /// checks it, so that nothing is written against pairs the administrator may still swap.
    /// </summary>
    public string? WhyNotWritable() =>
        Review.Cycle!.Status == CycleStatus.Preparing
            ? "The cycle has not started yet: the network administrator may still change the pairs. Writing opens when the cycle starts."
            : null;
}
