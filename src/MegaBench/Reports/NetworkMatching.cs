using System.Globalization;
using System.Text;
using MegaBench.Matching;

namespace MegaBench.Reports;

/// <summary>One term of a learning value, named for readers: on a gap of the learner, the teacher's higher figure.</summary>
public sealed record LearningTerm(string Level, string Code, string Name, double Learner, double Teacher, double Gain, bool LearnerLowCoverage, bool TeacherLowCoverage, bool TeacherStrength);

/// <summary>L(learner ← teacher) with its terms, largest gain first.</summary>
public sealed record LearningLink(int LearnerId, string Learner, int TeacherId, string Teacher, double Value, IReadOnlyList<LearningTerm> Terms);

/// <summary>A city of the matching, with the round it is compared on.</summary>
public sealed record MatchedCity(int Id, string Name, string Country, int RoundId, int Year);

/// <summary>A peer-review pair or trio, with every ordered learning link between its members.</summary>
public sealed record MatchedGroup(IReadOnlyList<MatchedCity> Members, double Value, bool Forced, int? JoinedCityId, IReadOnlyList<LearningLink> Learning);

/// <summary>A city without a partner, and why.</summary>
public sealed record UnmatchedCity(MatchedCity City, string Reason);

/// <summary>
/// The matching of a network, as the pages, the API and the command line show it: the cities compared (their
/// latest published rounds, see <see cref="NetworkScores"/>), the pairs with their reasons, the unpaired cities,
/// and the learning value of every ordered pair (<see cref="LearningValues"/>[learner][teacher], cities in
/// <see cref="Cities"/> order).
/// </summary>
public sealed record NetworkMatching(
    int NetworkId,
    string Network,
    bool AcrossCountries,
    IReadOnlyList<string> Excluded,
    IReadOnlyList<MatchedCity> Cities,
    double TotalValue,
    IReadOnlyList<MatchedGroup> Pairs,
    IReadOnlyList<UnmatchedCity> Unpaired,
    IReadOnlyList<IReadOnlyList<double>> LearningValues)
{
    /// <summary>Pairs the cities of <paramref name="scores"/>; null when the network has no published round to compare.</summary>
    /// <exception cref="MatchingInputException">A constraint names an unknown city.</exception>
    public static NetworkMatching? Run(NetworkScores scores, PairingConstraints constraints)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(constraints);
        if (scores.Analyse() is not { } analysis)
        {
            return null;
        }

        var framework = analysis.Framework;
        var pairing = PeerPairing.Pair(analysis, constraints);
        var rounds = scores.Rounds.ToDictionary(r => r.City.Id);
        var cities = analysis.Cities.Select(c => new MatchedCity(c.Id, c.Name, c.Country, rounds[c.Id].Round.Id, rounds[c.Id].Round.Year)).ToList();
        var byId = cities.ToDictionary(c => c.Id);

        LearningLink Link(LearningValue value) => new(
            value.LearnerId,
            byId[value.LearnerId].Name,
            value.TeacherId,
            byId[value.TeacherId].Name,
            value.Value,
            [.. value.Items.Select(i => new LearningTerm(
                i.Level == EvidenceLevel.Theme ? "theme" : "indicator",
                i.Code,
                i.Level == EvidenceLevel.Theme ? framework.FindTheme(i.Code)?.Name.Source ?? i.Code : framework.FindIndicator(i.Code)?.Text.Source ?? i.Code,
                i.Learner,
                i.Teacher,
                i.Gain,
                i.LearnerLowCoverage,
                i.TeacherLowCoverage,
                i.TeacherStrength))]);

        var matrix = analysis.LearningMatrix();
        return new NetworkMatching(
            scores.Network.Id,
            scores.Network.Name,
            constraints.AcrossCountriesOnly,
            [.. constraints.Excluded.Select(p => $"{byId.GetValueOrDefault(p.First)?.Name ?? p.First.ToString(CultureInfo.InvariantCulture)} – {byId.GetValueOrDefault(p.Second)?.Name ?? p.Second.ToString(CultureInfo.InvariantCulture)}")],
            cities,
            pairing.TotalValue,
            [.. pairing.Groups.Select(g => new MatchedGroup([.. g.Members.Select(m => byId[m])], g.Value, g.Forced, g.Joined, [.. g.Learning.Select(Link)]))],
            [.. pairing.Unpaired.Select(u => new UnmatchedCity(byId[u.CityId], u.Reason))],
            [.. Enumerable.Range(0, cities.Count).Select(a => (IReadOnlyList<double>)[.. Enumerable.Range(0, cities.Count).Select(b => Math.Round(matrix[a, b], 6))])]);
    }

    /// <summary>
    /// A pair of cities named by the user: "A,B", each side a city id or a city name (ignoring case and
    /// surrounding spaces).
    /// </summary>
    /// <exception cref="MatchingInputException">The text is not two cities of the network.</exception>
    public static CityPair ParsePair(IReadOnlyList<MatchingCity> cities, string text)
    {
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        if (parts.Length != 2)
        {
            throw new MatchingInputException($"\"{text}\" is not a pair of cities: write two city names or ids separated by a comma, e.g. \"Lyon,Turin\".");
        }

        int Find(string part)
        {
            var name = part.Trim();
            var found = cities.Where(c => string.Equals(c.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)
                                          || (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && c.Id == id)).ToList();
            return found.Count == 1
                ? found[0].Id
                : throw new MatchingInputException(found.Count == 0
                    ? $"No city \"{name}\" in the compared rounds of this network. Cities: {string.Join(", ", cities.Select(c => $"{c.Name} ({c.Id})"))}."
                    : $"Several cities are called \"{name}\"; name them by id: {string.Join(", ", found.Select(c => $"{c.Name} ({c.Id}, {c.Country})"))}.");
        }

        var (a, b) = (Find(parts[0]), Find(parts[1]));
        return a == b
            ? throw new MatchingInputException($"\"{text}\" names the same city twice; name two different cities.")
            : new CityPair(a, b);
    }

    /// <summary>The matching as plain text: one block per pair, what each side looks at and shares.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Peer-review pairs of {Network}: {Cities.Count} cities, total learning value {TotalValue:0.00}");
        text.Append(AcrossCountries ? ", across countries only" : "");
        text.Append(Excluded.Count > 0 ? $", excluding {string.Join("; ", Excluded)}" : "").Append(".\n");
        foreach (var group in Pairs)
        {
            text.Append('\n').Append(string.Join(" + ", group.Members.Select(m => $"{m.Name} ({m.Country})")))
                .Append(CultureInfo.InvariantCulture, $": value {group.Value:0.00}")
                .Append(group.Forced ? ", forced" : "").Append(group.JoinedCityId is not null ? ", trio" : "").Append('\n');
            foreach (var link in group.Learning.Where(l => l.Value > 0))
            {
                var themes = link.Terms.Where(t => t.Level == "theme").ToList();
                var indicators = link.Terms.Count(t => t.Level == "indicator");
                text.Append(CultureInfo.InvariantCulture, $"  {link.Learner} learns {link.Value:0.00} from {link.Teacher}: ");
                text.Append(themes.Count == 0 ? "statements only" : string.Join(", ", themes.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name} {t.Learner:0} → {t.Teacher:0}"))));
                text.Append(indicators > 0 ? $" (+ {indicators} statements)" : "").Append('\n');
            }
        }

        foreach (var city in Unpaired)
        {
            text.Append('\n').Append(city.City.Name).Append(" is unpaired: ").Append(city.Reason).Append('\n');
        }

        return text.ToString();
    }
}
