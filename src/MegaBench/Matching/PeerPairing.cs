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
/// <remarks>
/// <see cref="MaximumCardinality"/> false (the default): the pairing maximises the total mutual value, which is
/// what the network asked for. True: it first gives a partner to as many cities as it can, then maximises the
/// value among those pairings; use it when having a partner matters more than the value of the partnership.
/// </remarks>
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

    public bool MaximumCardinality { get; init; }
}

/// <summary>One peer-review group: a pair, or the one trio of an odd network.</summary>
/// <param name="Members">City ids, ascending.</param>
/// <param name="Value">Sum of L(x←y) over the ordered pairs of members.</param>
/// <param name="Forced">True when the administrator imposed the pair.</param>
/// <param name="Joined">In a trio, the city that joined the matched pair; null for a pair.</param>
/// <param name="Learning">Every ordered pair of members, learner then teacher, with the evidence.</param>
public sealed record PeerGroup(IReadOnlyList<int> Members, double Value, bool Forced, int? Joined, IReadOnlyList<LearningValue> Learning)
{
    /// <summary>What <paramref name="cityId"/> looks at: the terms of what it learns from the others of the group.</summary>
    public IEnumerable<LearningValue> LooksAt(int cityId) => Learning.Where(l => l.LearnerId == cityId);

    /// <summary>What <paramref name="cityId"/> shares: the terms of what the others learn from it.</summary>
    public IEnumerable<LearningValue> Shares(int cityId) => Learning.Where(l => l.TeacherId == cityId);
}

/// <summary>A city left without a group, and why.</summary>
public sealed record UnpairedCity(int CityId, string Reason);

/// <summary>The pairing of a network round.</summary>
public sealed record Pairing(IReadOnlyList<PeerGroup> Groups, IReadOnlyList<UnpairedCity> Unpaired, double TotalValue);

/// <summary>
/// Peer-review pairs that maximise the total mutual learning value over the whole network at once.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><b>Eligible pair</b>: A and B may pair when both gain, L(A←B) &gt; 0 and L(B←A) &gt; 0 (compared in
/// whole millionths, see <see cref="NetworkAnalysis.Scale"/>), they are not excluded, neither is in a forced pair,
/// and, with <see cref="PairingConstraints.AcrossCountriesOnly"/>, their countries differ.</item>
/// <item><b>Forced pairs</b> are fixed first, then the other cities are matched. A city forced into two pairs, a
/// pair both forced and excluded, and (across countries only) a forced pair of one country are errors.</item>
/// <item><b>Optimal</b>: an exact maximum-weight matching (<see cref="MaximumWeightMatching"/>) on the graph of
/// eligible pairs, weighted by their mutual value M = L(A←B) + L(B←A) in millionths. Each weight is
/// M × (⌊n/2⌋ + 1) + 1, so that the value always decides and, among pairings of equal total value, the one
/// with more pairs wins (at most ⌊n/2⌋ pairs, so the +1s can never outweigh one millionth of value).</item>
/// <item><b>Ties</b> that remain are settled by the order of the input to the algorithm: cities by ascending id,
/// edges by ascending (lower id, higher id). The same data therefore always gives the same pairs, whatever the
/// order in which cities are given.</item>
/// <item><b>Trio</b>: when the number of cities is odd and a city is left single, it joins the group where it adds
/// the most, among existing pairs (forced or not) where every member pair is allowed by the constraints, the city
/// gains (L(C←A) + L(C←B) &gt; 0) and brings something (L(A←C) + L(B←C) &gt; 0). What it adds is
/// L(C←A) + L(A←C) + L(C←B) + L(B←C). Ties go to the pair with the lowest ids. When several cities are single,
/// the one that adds the most (then lowest id) forms the trio; there is only one trio.</item>
/// <item><b>Unpaired</b>: a city left single is reported with the reason.</item>
/// </list>
/// </remarks>
public static class PeerPairing
{
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

        // The free cities, and the eligible pairs among them, in ascending id order.
        var free = Enumerable.Range(0, n).Where(c => forcedPartner[c] == -1).ToArray();
        var scaled = new long[n, n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                scaled[a, b] = analysis.Scaled(a, b);
            }
        }

        var multiplier = (n / 2) + 1;
        var edges = new List<WeightedEdge>();
        for (var x = 0; x < free.Length; x++)
        {
            for (var y = x + 1; y < free.Length; y++)
            {
                var (a, b) = (free[x], free[y]);
                if (scaled[a, b] > 0 && scaled[b, a] > 0 && Allowed(a, b))
                {
                    edges.Add(new WeightedEdge(x, y, ((scaled[a, b] + scaled[b, a]) * multiplier) + 1));
                }
            }
        }

        var mate = MaximumWeightMatching.Solve(free.Length, edges, constraints.MaximumCardinality);

        var groups = new List<List<int>>();
        var isForced = new List<bool>();
        foreach (var (a, b) in forced)
        {
            groups.Add([a, b]);
            isForced.Add(true);
        }

        for (var x = 0; x < free.Length; x++)
        {
            if (mate[x] > x)
            {
                groups.Add([free[x], free[mate[x]]]);
                isForced.Add(false);
            }
        }

        var single = free.Where((_, x) => mate[x] == -1).ToList();
        var joined = n % 2 == 1 && single.Count > 0 ? PlaceInTrio(groups, single, scaled, Allowed) : -1;

        var result = groups
            .Select((g, i) => (Members: g.Order().ToList(), Forced: isForced[i], Joined: g.Count == 3 ? joined : -1))
            .OrderBy(g => g.Members[0])
            .Select(g => Describe(analysis, g.Members, g.Forced, g.Joined))
            .ToList();
        var unpaired = single
            .Select(c => new UnpairedCity(cities[c].Id, WhyUnpaired(analysis, c, scaled, Allowed, forcedPartner)))
            .ToList();
        return new Pairing(result, unpaired, result.Sum(g => g.Value));
    }

    /// <summary>Adds the best single city to a pair, by the trio rule; returns its index, or -1 when none fits.</summary>
    private static int PlaceInTrio(List<List<int>> groups, List<int> single, long[,] scaled, Func<int, int, bool> allowed)
    {
        var best = (City: -1, Group: -1, Added: 0L, Lowest: int.MaxValue);
        foreach (var c in single)
        {
            for (var g = 0; g < groups.Count; g++)
            {
                var (a, b) = (groups[g][0], groups[g][1]);
                if (!allowed(c, a) || !allowed(c, b))
                {
                    continue;
                }

                var gains = scaled[c, a] + scaled[c, b];
                var brings = scaled[a, c] + scaled[b, c];
                if (gains <= 0 || brings <= 0)
                {
                    continue;
                }

                var added = gains + brings;
                var lowest = Math.Min(a, b);
                // Most added value first, then the lowest single city, then the pair with the lowest id.
                if (added > best.Added
                    || (added == best.Added && (c < best.City || (c == best.City && lowest < best.Lowest))))
                {
                    best = (c, g, added, lowest);
                }
            }
        }

        if (best.City >= 0)
        {
            groups[best.Group].Add(best.City);
            single.Remove(best.City);
        }

        return best.City;
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

    private static string WhyUnpaired(NetworkAnalysis analysis, int c, long[,] scaled, Func<int, int, bool> allowed, int[] forcedPartner)
    {
        var n = analysis.Cities.Count;
        var mutual = Enumerable.Range(0, n).Where(o => o != c && scaled[c, o] > 0 && scaled[o, c] > 0).ToList();
        if (mutual.Count == 0)
        {
            return "No city both gains from it and has something it can learn, on the strengths and gaps of this round.";
        }

        if (mutual.All(o => !allowed(c, o)))
        {
            return "Every city it could learn with is ruled out by the constraints (same country or excluded pair).";
        }

        if (mutual.All(o => !allowed(c, o) || forcedPartner[o] != -1))
        {
            return "Every city it could learn with is already in a forced pair.";
        }

        return "Its possible partners add more to the network's total value in other pairs.";
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
