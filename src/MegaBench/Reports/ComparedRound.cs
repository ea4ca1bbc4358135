using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Rounds;
using MegaBench.Scoring;

namespace MegaBench.Reports;

/// <summary>
/// A round set among the other cities of its network: their latest published rounds, with this round standing for
/// its own city. The one comparison with the network, read by the profile and narrative pages, the charts, the
/// methodology's example, the feedback report's draft and the city report's exports (<see cref="RoundReport.CompareAsync"/>).
/// </summary>
public sealed record ComparedRound(ScoredRound Scored, NetworkScores Network, NetworkAnalysis? Analysis)
{
    public Round Round => Scored.Round;

    public Framework Framework => Scored.Framework;

    public CityScore Score => Scored.Score;

    /// <summary>The city's strengths and gaps; null when the network has nothing to compare.</summary>
    public StrengthsAndGaps? StrengthsAndGaps => Analysis?.For(Scored.City.Id);

    public IReadOnlyList<ThemeChartRow> ChartRows(string language = "en") => ThemeChart.Rows(Framework, Score, Analysis, language);

    /// <summary>
    /// Sets <paramref name="focus"/> among its city's network; null when the network is not found. A round on
    /// another framework than the rest of the network is not compared with it: its <see cref="Analysis"/> is null.
    /// </summary>
    public static async Task<ComparedRound?> CompareAsync(MegaBenchDbContext db, ScoredRound focus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(focus);
        if (await NetworkScores.LoadAsync(db, focus.City.NetworkId, cancellationToken, focus) is not { } network)
        {
            return null;
        }

        return new ComparedRound(focus, network, network.Rounds.Contains(focus) ? network.Analyse() : null);
    }
}
