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
    public static async Task<ComparedRound?> CompareAsync(MegaBenchDbContext db, AccessPolicy access, int roundId, CancellationToken cancellationToken) =>
        (await ReadAsync(db, access, roundId, cancellationToken))?.Report;

    /// <summary>As <see cref="CompareAsync"/>, with the stamps the comparison was read under (what a page of it is cached under).</summary>
    public static async Task<ReadableRound?> ReadAsync(MegaBenchDbContext db, AccessPolicy access, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        // Access first, from the round's row and stamps; the comparison itself is the same for every reader, so it is
        // kept under those stamps.
        if (await ChangeStamps.OfRoundAndNetworkAsync(db, roundId, cancellationToken) is not { } stamps
            || !access.CanRead(AccessScope.ForRound(stamps.NetworkId, stamps.CityId, roundId, stamps.Status)))
        {
            return null;
        }

        return await ComparedRound.LoadAsync(db, roundId, stamps, cancellationToken) is { } report ? new ReadableRound(report, stamps) : null;
    }
}

/// <summary>A round's comparison with its network, and the stamps it was read under.</summary>
public sealed record ReadableRound(ComparedRound Report, RoundStamps Stamps);
