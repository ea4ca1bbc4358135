using System.Globalization;
using System.Text;
using MegaBench.Localization;
using MegaBench.Practices;
using MegaBench.Reports;

namespace MegaBench.Matching;

/// <summary>One term of a learning value, named for readers: on a gap of the learner, the teacher's higher figure.</summary>
public sealed record LearningTerm(string Level, string Code, string Name, double Learner, double Teacher, double Gain, bool LearnerLowCoverage, bool TeacherLowCoverage, bool TeacherStrength);

/// <summary>A practice of the practice library cited by a learning link: the teacher's, on a theme the learner looks at.</summary>
public sealed record CitedPractice(int Id, string Title, string City, string? Organisation, IReadOnlyList<string> Themes, string? Link, string Language)
{
    public static CitedPractice From(Practice practice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        return new(practice.Id, practice.Title, practice.City?.Name ?? "", practice.Organisation, practice.ThemeList, practice.Link, practice.Language);
    }
}

/// <summary>L(learner ← teacher) with its terms, largest gain first, and the teacher's practices on those themes.</summary>
public sealed record LearningLink(int LearnerId, string Learner, int TeacherId, string Teacher, double Value, IReadOnlyList<LearningTerm> Terms, IReadOnlyList<CitedPractice> Practices);

/// <summary>A city of the matching, with the round it is compared on.</summary>
public sealed record MatchedCity(int Id, string Name, string Country, int RoundId, int Year);

/// <summary>A peer-review pair or trio, with every ordered learning link between its members.</summary>
/// <param name="JoinedCityId">In a trio made of a forced pair and a third city, that city; null otherwise.</param>
public sealed record MatchedGroup(IReadOnlyList<MatchedCity> Members, double Value, bool Forced, int? JoinedCityId, IReadOnlyList<LearningLink> Learning)
{
    public bool IsTrio => Members.Count == 3;
}

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
    IReadOnlyList<string> Forced,
    IReadOnlyList<MatchedCity> Cities,
    double TotalValue,
    IReadOnlyList<MatchedGroup> Pairs,
    IReadOnlyList<UnmatchedCity> Unpaired,
    IReadOnlyList<IReadOnlyList<double>> LearningValues)
{
    /// <summary>False when the trio of a large network was chosen by the large-network rule (see <see cref="Pairing.Exact"/>).</summary>
    public bool Exact { get; init; } = true;

    /// <summary>How many practices a learning link cites at most: the newest first.</summary>
    public const int PracticesPerLink = 5;

    /// <summary>Pairs the cities of <paramref name="scores"/>; null when the network has no published round to compare.</summary>
    /// <param name="practices">
    /// The practice library the reader may see (see <see cref="PracticeLibrary"/>). Each learning link cites the
    /// teacher city's practices on the themes where the learner looks at it, newest first, at most
    /// <see cref="PracticesPerLink"/>.
    /// </param>
    /// <exception cref="MatchingInputException">A constraint names an unknown city, or the constraints contradict each other.</exception>
    public static NetworkMatching? Run(NetworkScores scores, PairingConstraints constraints, IReadOnlyList<Practice>? practices = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(constraints);
        var practicesByCity = (practices ?? []).OrderByDescending(p => p.Id).ToLookup(p => p.CityId);
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
                i.TeacherStrength))],
            Cite(practicesByCity[value.TeacherId], value.Items.Where(i => i.Level == EvidenceLevel.Theme).Select(i => i.Code)));

        string Names(CityPair p) =>
            $"{byId.GetValueOrDefault(p.First)?.Name ?? p.First.ToString(CultureInfo.InvariantCulture)} – {byId.GetValueOrDefault(p.Second)?.Name ?? p.Second.ToString(CultureInfo.InvariantCulture)}";

        var matrix = analysis.LearningMatrix();
        return new NetworkMatching(
            scores.Network.Id,
            scores.Network.Name,
            constraints.AcrossCountriesOnly,
            [.. constraints.Excluded.Select(Names)],
            [.. constraints.Forced.Select(Names)],
            cities,
            pairing.TotalValue,
            [.. pairing.Groups.Select(g => new MatchedGroup([.. g.Members.Select(m => byId[m])], g.Value, g.Forced, g.Joined, [.. g.Learning.Select(Link)]))],
            [.. pairing.Unpaired.Select(u => new UnmatchedCity(byId[u.CityId], u.Reason))],
            [.. Enumerable.Range(0, cities.Count).Select(a => (IReadOnlyList<double>)[.. Enumerable.Range(0, cities.Count).Select(b => Math.Round(matrix[a, b], 6))])])
        {
            Exact = pairing.Exact,
        };
    }

    /// <summary>The practices (of one teacher city, newest first) on any of the themes, at most <see cref="PracticesPerLink"/>.</summary>
    private static List<CitedPractice> Cite(IEnumerable<Practice> teacherPractices, IEnumerable<string> themes)
    {
        var wanted = themes.ToHashSet(StringComparer.Ordinal);
        return wanted.Count == 0
            ? []
            : [.. teacherPractices.Where(p => p.ThemeList.Any(wanted.Contains)).Take(PracticesPerLink).Select(CitedPractice.From)];
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
    /// <param name="text">The language of the words (English when null).</param>
    /// <param name="framework">The framework the themes are named from, in that language; their English names when null.</param>
    public string ToText(InterfaceText? text = null, Frameworks.Framework? framework = null)
    {
        var t = text ?? InterfaceText.English;
        string Theme(LearningTerm term) => framework?.FindTheme(term.Code) is { } theme ? t.Of(theme.Name) : term.Name;
        string Value(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        var output = new StringBuilder();
        output.Append(t["Peer-review pairs of {0}: {1}, total learning value {2}", Network, t.Count(Cities.Count, "{0} city", "{0} cities"), Value(TotalValue)]);
        output.Append(AcrossCountries ? t[", across countries only"] : "");
        output.Append(Excluded.Count > 0 ? t[", excluding {0}", string.Join("; ", Excluded)] : "");
        output.Append(Forced.Count > 0 ? t[", forcing {0}", string.Join("; ", Forced)] : "").Append(".\n");
        output.Append(Exact ? "" : t["The trio was chosen by the rule for networks of more than {0} free cities (see the methodology), not by exact search.", PeerPairing.ExactTrioLimit] + "\n");
        foreach (var group in Pairs)
        {
            output.Append('\n').Append(t["{0}: value {1}", string.Join(" + ", group.Members.Select(m => $"{m.Name} ({m.Country})")), Value(group.Value)])
                .Append(group.Forced ? t[", forced"] : "").Append(group.IsTrio ? t[", trio"] : "").Append('\n');
            if (group.Learning.All(l => l.Value <= 0))
            {
                output.Append("  ").Append(t["No city of this group leads on another's gaps: they review each other's practice all the same."]).Append('\n');
            }

            foreach (var link in group.Learning.Where(l => l.Value > 0))
            {
                var themes = link.Terms.Where(term => term.Level == "theme").ToList();
                var indicators = link.Terms.Count(term => term.Level == "indicator");
                var what = themes.Count == 0
                    ? t["statements only"]
                    : string.Join(", ", themes.Select(term => string.Create(CultureInfo.InvariantCulture, $"{Theme(term)} {term.Learner:0} → {term.Teacher:0}")));
                output.Append("  ").Append(t["{0} learns {1} from {2}: {3}", link.Learner, Value(link.Value), link.Teacher, what])
                    .Append(indicators > 0 ? " " + t.Count(indicators, "(+ {0} statement)", "(+ {0} statements)") : "").Append('\n');
                foreach (var practice in link.Practices)
                {
                    output.Append("    ").Append(t["practice of {0}: {1}", link.Teacher, practice.Title])
                        .Append(practice.Organisation is { Length: > 0 } organisation ? $" ({organisation})" : "")
                        .Append(practice.Link is { Length: > 0 } address ? $" <{address}>" : "").Append('\n');
                }
            }
        }

        foreach (var city in Unpaired)
        {
            output.Append('\n').Append(t["{0} is unpaired: {1}", city.City.Name, t[city.Reason]]).Append('\n');
        }

        return output.ToString();
    }
}
