namespace MegaBench.Matching;

/// <summary>Two city ids, either order; normalised so that <see cref="First"/> &lt; <see cref="Second"/>.</summary>
public readonly record struct CityPair
{
    public CityPair(int a, int b)
    {
        First = Math.Min(a, b);
        Second = Math.Max(a, b);
    }

    public int First { get; }

    public int Second { get; }

    public override string ToString() => $"{First}–{Second}";
}

/// <summary>What the network administrator can impose on the pairing.</summary>
public sealed record PairingConstraints
{
    public static PairingConstraints None { get; } = new();

    /// <summary>Only cities of different countries (compared ignoring case and surrounding spaces) may pair.</summary>
    public bool AcrossCountriesOnly { get; init; }

    public IReadOnlyCollection<CityPair> Excluded { get; init; } = [];

    /// <summary>
    /// Pairs fixed before the rest is matched, whether or not both sides gain. A forced pair may be neither
    /// excluded nor, with <see cref="AcrossCountriesOnly"/>, of one country: the administrator's two wishes
    /// contradict each other, and the pairing reports it instead of silently choosing one.
    /// </summary>
    public IReadOnlyCollection<CityPair> Forced { get; init; } = [];
}

/// <summary>One peer-review group: a pair, or the one trio of an odd network.</summary>
/// <param name="Members">City ids, ascending.</param>
/// <param name="Value">Sum of L(x←y) over the ordered pairs of members.</param>
/// <param name="Forced">True when the administrator imposed the pair.</param>
/// <param name="Joined">In a trio made of a forced pair and a third city, that city; null otherwise.</param>
/// <param name="Learning">Every ordered pair of members, learner then teacher, with the evidence.</param>
public sealed record PeerGroup(IReadOnlyList<int> Members, double Value, bool Forced, int? Joined, IReadOnlyList<LearningValue> Learning)
{
    public bool IsTrio => Members.Count == 3;

    /// <summary>What <paramref name="cityId"/> looks at: the terms of what it learns from the others of the group.</summary>
    public IEnumerable<LearningValue> LooksAt(int cityId) => Learning.Where(l => l.LearnerId == cityId);

    /// <summary>What <paramref name="cityId"/> shares: the terms of what the others learn from it.</summary>
    public IEnumerable<LearningValue> Shares(int cityId) => Learning.Where(l => l.TeacherId == cityId);
}

/// <summary>A city left without a group, and why.</summary>
public sealed record UnpairedCity(int CityId, string Reason);

/// <summary>The pairing of a network round.</summary>
/// <param name="Exact">
/// True when the grouping is proven the best possible; false when the trio of a network of more than
/// <see cref="PeerPairing.ExactTrioLimit"/> free cities was chosen by the large-network rule (see <see cref="PeerPairing"/>).
/// </param>
public sealed record Pairing(IReadOnlyList<PeerGroup> Groups, IReadOnlyList<UnpairedCity> Unpaired, double TotalValue, bool Exact);

/// <summary>
/// Peer-review groups that give every city a partner and, among those groupings, maximise the total mutual
/// learning value over the whole network at once.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><b>Every city takes part</b>: in a peer-review network every city reviews and is reviewed, so every city
/// is in a pair, or, when the number of cities is odd, in the one trio. A city that has nothing to learn or to
/// share still gets a partner; a pair may be worth zero.</item>
/// <item><b>Possible pair</b>: A and B may pair unless they are excluded, either is in a forced pair, or, with
/// <see cref="PairingConstraints.AcrossCountriesOnly"/>, their countries are the same. A trio is possible when
/// its three member pairs are (a forced pair and a third city: the third city with both).</item>
/// <item><b>Forced pairs</b> are fixed first, then the other cities are grouped. A city forced into two pairs, a
/// pair both forced and excluded, and (across countries only) a forced pair of one country are errors.</item>
/// <item><b>Optimal</b>: first the most cities in a group (all of them unless the constraints prevent it), then
/// the greatest total value: the sum of the mutual values M = L(A←B) + L(B←A), in whole millionths (see
/// <see cref="NetworkAnalysis.Scale"/>), of the pairs and of the trio's three member pairs. The pairs and the trio
/// are chosen together (<see cref="GroupSearch"/>): an exact maximum-weight matching
/// (<see cref="MaximumWeightMatching"/>) for the pairs, and for the trio an exact search up to
/// <see cref="PeerPairing.ExactTrioLimit"/> free cities; above that, the city left by the exact matching joins
/// the group where it adds most, which is at most D − J below the best total (D the largest sum of one city's two
/// highest mutual values, J what the joining city adds).</item>
/// <item><b>Ties</b> that remain are settled by the order of the input: cities by ascending id, pairs by
/// ascending (lower id, higher id), trios by their members in ascending id order. The same data therefore always
/// gives the same groups, whatever the order in which cities are given.</item>
/// <item><b>Unpaired</b>: a city the constraints leave without any possible group is reported with the reason.</item>
/// </list>
/// </remarks>
public static class PeerPairing
{
    /// <summary>Free cities (in no forced pair) up to which the trio is chosen by exact search: about 160,000 trios to bound.</summary>
    public const int ExactTrioLimit = 100;

    /// <exception cref="MatchingInputException">A constraint names an unknown city, a city is forced twice, a pair is both forced and excluded, or a forced pair is of one country when pairs must cross countries.</exception>
    public static Pairing Pair(NetworkAnalysis analysis, PairingConstraints? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        constraints ??= PairingConstraints.None;
        var cities = analysis.Cities;
        var n = cities.Count;

        var excluded = new HashSet<(int, int)>();
        foreach (var pair in constraints.Excluded)
        {
            excluded.Add(Indices(analysis, pair, "excluded"));
        }

        var forcedPartner = new int[n];
        Array.Fill(forcedPartner, -1);
        var forced = new List<(int A, int B)>();
        foreach (var pair in constraints.Forced.OrderBy(p => p.First).ThenBy(p => p.Second))
        {
            var (a, b) = Indices(analysis, pair, "forced");
            if (excluded.Contains((a, b)))
            {
                throw new MatchingInputException($"The pair {Name(analysis, a)}–{Name(analysis, b)} is both forced and excluded; remove it from one of the two lists.");
            }

            if (constraints.AcrossCountriesOnly && SameCountry(cities[a], cities[b]))
            {
                throw new MatchingInputException($"The forced pair {Name(analysis, a)}–{Name(analysis, b)} is two cities of {cities[a].Country.Trim()}, but the network pairs cities of different countries only; remove the forced pair or allow pairs within a country.");
            }

            foreach (var x in new[] { a, b })
            {
                if (forcedPartner[x] != -1 && forcedPartner[x] != (x == a ? b : a))
                {
                    throw new MatchingInputException($"{Name(analysis, x)} is forced into two pairs (with {Name(analysis, forcedPartner[x])} and with {Name(analysis, x == a ? b : a)}); force each city into one pair at most.");
                }
            }

            if (forcedPartner[a] == -1)
            {
                forced.Add((a, b));
            }

            forcedPartner[a] = b;
            forcedPartner[b] = a;
        }

        bool Allowed(int a, int b) =>
            !excluded.Contains((Math.Min(a, b), Math.Max(a, b)))
            && (!constraints.AcrossCountriesOnly || !SameCountry(cities[a], cities[b]));

        // The free cities, in ascending id order, and the learning values in whole millionths.
        var free = Enumerable.Range(0, n).Where(c => forcedPartner[c] == -1).ToArray();
        var scaled = new long[n, n];
        long largest = 0;
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                scaled[a, b] = analysis.Scaled(a, b);
            }
        }

        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                largest = Math.Max(largest, scaled[a, b] + scaled[b, a]);
            }
        }

        // One more city in a group outweighs any difference of value: no grouping's value exceeds n × the largest
        // mutual value (a pair has one mutual value for two cities, a trio three for three).
        var perCity = (largest * n) + 1;
        var search = new GroupSearch(free, forced, (a, b) => scaled[a, b] + scaled[b, a], Allowed, perCity);
        var grouping = n % 2 == 1 ? search.WithTrio() : search.PairsOnly();

        var groups = new List<(List<int> Members, bool Forced, int Joined)>();
        for (var f = 0; f < forced.Count; f++)
        {
            var (a, b) = forced[f];
            groups.Add(grouping.ForcedJoined == f ? ([a, b, grouping.Trio[0]], true, grouping.Trio[0]) : ([a, b], true, -1));
        }

        groups.AddRange(grouping.Pairs.Select(p => (new List<int> { p.A, p.B }, false, -1)));
        if (grouping.Trio.Length == 3)
        {
            groups.Add(([.. grouping.Trio], false, -1));
        }

        var grouped = groups.SelectMany(g => g.Members).ToHashSet();
        var result = groups
            .Select(g => (Members: g.Members.Order().ToList(), g.Forced, g.Joined))
            .OrderBy(g => g.Members[0])
            .Select(g => Describe(analysis, g.Members, g.Forced, g.Joined))
            .ToList();
        var unpaired = free
            .Where(c => !grouped.Contains(c))
            .Select(c => new UnpairedCity(cities[c].Id, WhyUnpaired(n, c, Allowed, forcedPartner)))
            .ToList();
        return new Pairing(result, unpaired, result.Sum(g => g.Value), grouping.Exact);
    }

    private static PeerGroup Describe(NetworkAnalysis analysis, List<int> members, bool forced, int joined)
    {
        var learning = new List<LearningValue>();
        foreach (var learner in members)
        {
            foreach (var teacher in members)
            {
                if (learner != teacher)
                {
                    learning.Add(analysis.Learning(analysis.Cities[learner].Id, analysis.Cities[teacher].Id));
                }
            }
        }

        return new PeerGroup(
            [.. members.Select(m => analysis.Cities[m].Id)],
            learning.Sum(l => l.Value),
            forced,
            joined >= 0 ? analysis.Cities[joined].Id : null,
            learning);
    }

    private static string WhyUnpaired(int n, int c, Func<int, int, bool> allowed, int[] forcedPartner)
    {
        var possible = Enumerable.Range(0, n).Where(o => o != c && allowed(c, o)).ToList();
        if (n == 1)
        {
            return "It is the only city compared.";
        }

        if (possible.Count == 0)
        {
            return "Every other city is ruled out by the constraints (same country or excluded pair).";
        }

        if (possible.All(o => forcedPartner[o] != -1))
        {
            return "Every city it may pair with is already in a forced pair, and no forced pair can take it as a third city.";
        }

        return "Every grouping that gives it a partner leaves more cities without one, under the constraints.";
    }

    private static (int, int) Indices(NetworkAnalysis analysis, CityPair pair, string list)
    {
        if (pair.First == pair.Second)
        {
            throw new MatchingInputException($"The {list} pair {pair} names the same city twice; name two different cities.");
        }

        int Index(int id) => analysis.TryIndexOf(id, out var index)
            ? index
            : throw new MatchingInputException($"The {list} pair {pair} names city id {id}, which is not in this network round; use the ids of its cities.");

        var (a, b) = (Index(pair.First), Index(pair.Second));
        return (Math.Min(a, b), Math.Max(a, b));
    }

    private static string Name(NetworkAnalysis analysis, int index) => analysis.Cities[index].Name;

    private static bool SameCountry(MatchingCity a, MatchingCity b) =>
        string.Equals(a.Country.Trim(), b.Country.Trim(), StringComparison.OrdinalIgnoreCase);
}
