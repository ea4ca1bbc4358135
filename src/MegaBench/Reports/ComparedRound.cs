using System.ComponentModel;
using System.Globalization;
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
/// <remarks>Shared as it is when cached (<see cref="LoadAsync"/>): callers read it and never change it.</remarks>
[ImmutableObject(true)]
public sealed record ComparedRound(ScoredRound Scored, NetworkScores Network, NetworkAnalysis? Analysis)
{
    public Round Round => Scored.Round;

    public Framework Framework => Scored.Framework;

    public CityScore Score => Scored.Score;

    /// <summary>The city's strengths and gaps; null when the network has nothing to compare.</summary>
    public StrengthsAndGaps? StrengthsAndGaps => Analysis?.For(Scored.City.Id);

    public IReadOnlyList<ThemeChartRow> ChartRows(string language = "en") => ThemeChart.Rows(Framework, Score, Analysis, language);

    /// <summary>
    /// The round <paramref name="roundId"/> scored and compared, kept in <see cref="MegaBenchDbContext.ResultCache"/> under
    /// the round's and its network's stamps (<see cref="ChangeStamps.OfRoundAndNetworkAsync"/>), which the caller reads
    /// first to decide access: a round still collecting answers is compared once per change, not once per request
    /// (the network's own scores are cached by <see cref="NetworkScores"/>, but a round that is not its city's latest
    /// published one needs the network's analysis done again with it). Null when the round or its network is not found.
    /// </summary>
    public static async Task<ComparedRound?> LoadAsync(MegaBenchDbContext db, int roundId, RoundStamps stamps, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(stamps);
        return await StampedResults.GetOrComputeAsync(
            db,
            string.Create(CultureInfo.InvariantCulture, $"compared-round/{roundId}/{stamps.Round}.{stamps.Network}"),
            (RoundId: roundId, stamps.Round),
            static async (own, state, token) =>
                // The round's own scores are kept under its stamp alone: a change elsewhere in the network reuses them.
                await RoundScores.LoadAsync(own, state.RoundId, state.Round, token) is { } scored
                    ? await CompareAsync(own, scored, token)
                    : null,
            cancellationToken);
    }

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
