using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Web.Access;

namespace MegaBench.Web.Reports;

/// <summary>A round's comparison with its network as one caller may see it: the rule of the report pages.</summary>
public static class ReadableRounds
{
    /// <summary>
    /// The round, scored and compared with its network (<see cref="ComparedRound"/>), if the caller may read it; null
    /// otherwise (answer 404 then: a stranger cannot tell a refused round from a missing one).
    /// </summary>
    public static async Task<ComparedRound?> CompareAsync(MegaBenchDbContext db, AccessPolicy access, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var scored = await RoundScores.LoadAsync(db, roundId, cancellationToken);
        if (scored is null || !access.CanRead(AccessScope.For(scored.Round)))
        {
            return null;
        }

        return await ComparedRound.CompareAsync(db, scored, cancellationToken);
    }
}
