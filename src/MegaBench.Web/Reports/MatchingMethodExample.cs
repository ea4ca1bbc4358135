using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Web.Access;

namespace MegaBench.Web.Reports;

/// <summary>
/// The worked example of the learning value on the methodology page, from the round's network: this round's city
/// and the city it learns most from (or, when it has no gap, the city that learns most from it), with every term
/// of L(learner ← teacher) and the value back.
/// </summary>
public sealed record MatchingMethodExample(
    MatchingOptions Options,
    int ComparedCities,
    MatchingCity Learner,
    MatchingCity Teacher,
    LearningValue Forward,
    LearningValue Back,
    Frameworks.Framework Framework)
{
    public double Mutual => Forward.Value + Back.Value;

    public IReadOnlyList<LearningItem> ThemeTerms => [.. Forward.Items.Where(i => i.Level == EvidenceLevel.Theme)];

    public IReadOnlyList<LearningItem> IndicatorTerms => [.. Forward.Items.Where(i => i.Level == EvidenceLevel.Indicator)];

    /// <summary>Null when the round is not compared with at least one other city (see <see cref="MegaBench.Reports.ComparedRound"/>).</summary>
    public static async Task<MatchingMethodExample?> LoadAsync(MegaBenchDbContext db, AccessPolicy access, int roundId, CancellationToken cancellationToken)
    {
        var report = await ReadableRounds.CompareAsync(db, access, roundId, cancellationToken);
        if (report?.Analysis is not { } analysis || analysis.Cities.Count < 2)
        {
            return null;
        }

        var self = analysis.City(report.Scored.City.Id);
        // Most learned first, then most taught, then the lowest id: the same round always gives the same example.
        var best = analysis.Cities.Where(c => c.Id != self.Id)
            .Select(c => (City: c, Forward: analysis.Learning(self.Id, c.Id), Back: analysis.Learning(c.Id, self.Id)))
            .OrderByDescending(x => x.Forward.Value).ThenByDescending(x => x.Back.Value).ThenBy(x => x.City.Id)
            .First();
        return best.Forward.Value <= 0 && best.Back.Value > 0
            ? new MatchingMethodExample(analysis.Options, analysis.Cities.Count, best.City, self, best.Back, best.Forward, analysis.Framework)
            : new MatchingMethodExample(analysis.Options, analysis.Cities.Count, self, best.City, best.Forward, best.Back, analysis.Framework);
    }
}
