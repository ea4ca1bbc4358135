using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Scoring;
using MegaBench.Web.Access;

namespace MegaBench.Web.Reports;

/// <summary>
/// A round as its report pages see it: scored, and set among the other cities of its network (their latest
/// published rounds, with this round standing for its own city).
/// </summary>
public sealed record RoundReport(ScoredRound Scored, NetworkScores Network, NetworkAnalysis? Analysis)
{
    public Round Round => Scored.Round;

    public Framework Framework => Scored.Framework;

    public CityScore Score => Scored.Score;

    /// <summary>The city's strengths and gaps; null when the network has nothing to compare.</summary>
    public StrengthsAndGaps? StrengthsAndGaps => Analysis?.For(Scored.City.Id);

    public IReadOnlyList<ThemeChartRow> ChartRows(string language = "en") => ThemeChart.Rows(Framework, Score, Analysis, language);

    /// <summary>
    /// Loads the round if the caller may read it; null otherwise (answer 404 then: a stranger cannot tell a
    /// refused round from a missing one).
    /// </summary>
    public static async Task<RoundReport?> LoadAsync(MegaBenchDbContext db, AccessPolicy access, int roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var scored = await RoundScores.LoadAsync(db, roundId, cancellationToken);
        if (scored is null || !access.CanRead(AccessScope.For(scored.Round)))
        {
            return null;
        }

        var network = (await NetworkScores.LoadAsync(db, scored.City.NetworkId, cancellationToken, focus: scored))!;

        // A round on another framework than the rest of the network is not compared with it.
        var compared = network.Rounds.Contains(scored);
        return new RoundReport(scored, network, compared ? network.Analyse() : null);
    }
}
