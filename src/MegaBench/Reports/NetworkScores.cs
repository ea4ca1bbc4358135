using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Matching;
using MegaBench.Networks;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Reports;

/// <summary>
/// The cities of a network as its comparisons see them: for each city, its latest published round, scored.
/// </summary>
/// <remarks>
/// <para><b>Which rounds.</b> Per city, the published round of the latest year. Open and closed rounds are
/// still being answered or checked: comparing them would move the network median under the other cities.</para>
/// <para><b>One framework.</b> Cities are compared on one framework: the framework id used by most of the
/// chosen rounds (ties: the one of the newest stored version), read at its newest version among them. Rounds on
/// other versions of it are compared by indicator and theme code, which versions keep; rounds on another
/// framework altogether are listed in <see cref="LeftOut"/>.</para>
/// </remarks>
/// <param name="Framework">The framework the comparison reads themes and indicators from; null when no round was chosen.</param>
/// <param name="Rounds">The compared rounds, by city name. Their organisations' answers carry the code and the value
/// only (what scores are made of), except the focus round's, which is whole.</param>
/// <param name="LeftOut">Latest published rounds on another framework, not compared.</param>
public sealed record NetworkScores(Network Network, Framework? Framework, IReadOnlyList<ScoredRound> Rounds, IReadOnlyList<ScoredRound> LeftOut)
{
    public IReadOnlyList<MatchingCity> MatchingCities => [.. Rounds.Select(r => r.ToMatchingCity())];

    /// <summary>Strengths, gaps and learning values; null when no round was chosen.</summary>
    public NetworkAnalysis? Analyse(MatchingOptions? options = null) =>
        Framework is null ? null : NetworkAnalysis.Analyse(Framework, MatchingCities, options);

    /// <summary>
    /// Which of a city's published rounds stands for it in comparisons: the latest year, and of two rounds of one
    /// year the one created last.
    /// </summary>
    public static int Latest(IEnumerable<(int Id, int Year)> publishedRounds) =>
        publishedRounds.OrderByDescending(r => r.Year).ThenByDescending(r => r.Id).First().Id;

    /// <summary>Each city's latest published round (<see cref="Latest"/>): the rounds the comparisons and the open data read.</summary>
    public static async Task<IReadOnlyList<(int RoundId, int CityId)>> LatestPublishedAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var published = await db.Rounds.AsNoTracking()
            .Where(r => r.City!.NetworkId == networkId && r.Status == RoundStatus.Published)
            .Select(r => new { r.Id, r.CityId, r.Year })
            .ToListAsync(cancellationToken);
        return [.. published
            .GroupBy(r => r.CityId)
            .Select(g => (Latest(g.Select(r => (r.Id, r.Year))), g.Key))];
    }

    /// <summary>
    /// The network's compared rounds; with <paramref name="focus"/>, that round stands for its city instead of the
    /// city's latest published one (a city profile compares the round being viewed, published or not).
    /// Null when there is no such network.
    /// </summary>
    public static async Task<NetworkScores?> LoadAsync(MegaBenchDbContext db, int networkId, CancellationToken cancellationToken, ScoredRound? focus = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var network = await db.Networks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == networkId, cancellationToken);
        if (network is null)
        {
            return null;
        }

        var chosen = (await LatestPublishedAsync(db, networkId, cancellationToken))
            .Where(r => focus is null || r.CityId != focus.City.Id)
            .Select(r => r.RoundId)
            .ToList();

        var rounds = await RoundScores.Rounds(db).Where(r => chosen.Contains(r.Id)).ToListAsync(cancellationToken);
        await RoundScores.AttachFrameworksAsync(db, rounds, cancellationToken);
        // What scoring reads of the answers (code and value), not whole rows with their comments and notes: a
        // profile page compares its city with every other city, thirty rounds and some 16,000 answers on a
        // fifty-city network.
        // The answers are read straight into their organisations as they stream in (a 1,000-city network has some
        // 650,000): no intermediate list, no lookup, one object per answer.
        var organisations = await db.Organisations.AsNoTracking().Where(o => chosen.Contains(o.RoundId)).ToListAsync(cancellationToken);
        var byId = organisations.ToDictionary(o => o.Id);
        await foreach (var answer in db.Answers.AsNoTracking()
                           .Where(a => chosen.Contains(a.Organisation!.RoundId))
                           .Select(a => new Answer { OrganisationId = a.OrganisationId, IndicatorCode = a.IndicatorCode, Value = a.Value })
                           .AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            byId[answer.OrganisationId].Answers.Add(answer);
        }

        var byRound = organisations.ToLookup(o => o.RoundId);
        var scored = rounds.Select(r => RoundScores.Score(r, byRound[r.Id])).ToList();
        if (focus is not null)
        {
            scored.Add(focus);
        }

        if (scored.Count == 0)
        {
            return new NetworkScores(network, null, [], []);
        }

        var frameworkId = scored
            .GroupBy(r => r.Round.Framework!.FrameworkId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenByDescending(g => g.Max(r => r.Round.StoredFrameworkId))
            .First().Key;
        var newest = scored.Where(r => r.Round.Framework!.FrameworkId == frameworkId).MaxBy(r => r.Round.StoredFrameworkId)!;
        var byName = scored.OrderBy(r => r.City.Name, StringComparer.CurrentCulture).ThenBy(r => r.City.Id).ToList();
        return new NetworkScores(
            network,
            newest.Framework,
            [.. byName.Where(r => r.Round.Framework!.FrameworkId == frameworkId)],
            [.. byName.Where(r => r.Round.Framework!.FrameworkId != frameworkId)]);
    }
}
