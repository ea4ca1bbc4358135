namespace MegaBench.Matching;

/// <summary>
/// Chooses the peer-review groups of the free cities (those in no forced pair): pairs, and in an odd network
/// one trio, chosen together. The rules are stated on <see cref="PeerPairing"/>.
/// </summary>
/// <remarks>
/// <para><b>Score.</b> A grouping scores <c>perCity</c> for every city in a group, plus the mutual values (whole
/// millionths) of its pairs and the three mutual values of its trio. <c>perCity</c> exceeds any total value, so
/// the grouping that gives a group to the most cities wins, and among those the one of greatest value.</para>
/// <para><b>Pairs only</b> (an even network): a maximum-weight matching where a pair weighs 2 × perCity plus its
/// mutual value; exact.</para>
/// <para><b>With a trio</b> (an odd network), exact up to <see cref="PeerPairing.ExactTrioLimit"/> free cities: every possible
/// trio (three free cities, or a forced pair and a free city) is bounded from above by its own score plus an upper
/// bound of the best matching of the other free cities, read from the dual solution of the matching of all free
/// cities (<see cref="DualBound"/>, LP duality). Trios are then solved exactly, best bound first (the other cities
/// matched by <see cref="MaximumWeightMatching"/>), until the next bound is below the best score found; the
/// grouping without a trio is a candidate too. The result is the best grouping over every trio, not only those
/// solved: a trio not solved could not have done better.</para>
/// <para><b>Above <see cref="PeerPairing.ExactTrioLimit"/> free cities</b>, enumerating the trios costs n³: the free cities are
/// matched exactly with one city left over, and that city joins the group (pair or forced pair) where it adds
/// most. Guarantee: the best grouping, minus one member of its trio, is a matching of the other cities, so it is
/// worth at most the exact matching plus what that member brought to its trio, its mutual values with the two
/// others. The total found is therefore at most D − J below the best possible, where D is the largest sum of one
/// city's two highest mutual values and J what the joining city added; this holds whenever both groupings give a
/// group to the same number of cities (always, without constraints).</para>
/// <para><b>Ties</b>: the matching settles them by the order of its input (cities by ascending id, pairs by
/// ascending lower then higher id); between trios of equal score, the one whose members, in ascending id order,
/// come first; the grouping without a trio before any trio.</para>
/// </remarks>
internal sealed class GroupSearch(int[] free, IReadOnlyList<(int A, int B)> forced, Func<int, int, long> mutual, Func<int, int, bool> allowed, long perCity)
{
    /// <summary>
    /// Pairs of free cities; the trio (three free cities, or the one free city that joins forced pair
    /// <see cref="ForcedJoined"/>), empty when none; whether the grouping is proven best.
    /// </summary>
    public sealed record Result(IReadOnlyList<(int A, int B)> Pairs, int[] Trio, int ForcedJoined, bool Exact);

    public Result PairsOnly()
    {
        var (mate, _, _) = Match(free);
        return new Result(Pairs(free, mate), [], -1, Exact: true);
    }

    public Result WithTrio()
    {
        var (mate, weight, bound) = Match(free);
        return free.Length > PeerPairing.ExactTrioLimit ? Join(mate) : Exact(mate, weight, bound);
    }

    private Result Exact(int[] baseMate, long baseWeight, DualBound bound)
    {
        // Each candidate: twice its upper bound, its own score, its free members (positions in free), the forced
        // pair it joins (-1 for three free cities), and its members in ascending order for ties.
        var candidates = new List<(long Upper, long Score, int[] Positions, int Forced, int[] Members)>();
        var f = free.Length;
        for (var x = 0; x < f; x++)
        {
            for (var y = x + 1; y < f; y++)
            {
                if (!allowed(free[x], free[y]))
                {
                    continue;
                }

                for (var z = y + 1; z < f; z++)
                {
                    if (allowed(free[x], free[z]) && allowed(free[y], free[z]))
                    {
                        var score = (3 * perCity) + mutual(free[x], free[y]) + mutual(free[x], free[z]) + mutual(free[y], free[z]);
                        int[] positions = [x, y, z];
                        candidates.Add(((2 * score) + bound.Without(positions), score, positions, -1, [free[x], free[y], free[z]]));
                    }
                }
            }

            for (var g = 0; g < forced.Count; g++)
            {
                var (a, b) = forced[g];
                var c = free[x];
                if (allowed(c, a) && allowed(c, b))
                {
                    // What the joining city adds to the forced pair; the pair itself is fixed whatever the grouping.
                    var score = perCity + mutual(c, a) + mutual(c, b);
                    int[] positions = [x];
                    int[] members = [a, b, c];
                    Array.Sort(members);
                    candidates.Add(((2 * score) + bound.Without(positions), score, positions, g, members));
                }
            }
        }

        candidates.Sort((p, q) => p.Upper != q.Upper ? q.Upper.CompareTo(p.Upper) : Compare(p.Members, q.Members));
        var best = (Total: baseWeight, Result: new Result(Pairs(free, baseMate), [], -1, Exact: true), Members: Array.Empty<int>());
        foreach (var candidate in candidates)
        {
            if (candidate.Upper < 2 * best.Total)
            {
                break;
            }

            var rest = free.Where((_, position) => Array.IndexOf(candidate.Positions, position) < 0).ToArray();
            var (mate, weight, _) = Match(rest);
            var total = candidate.Score + weight;
            if (total > best.Total || (total == best.Total && best.Members.Length > 0 && Compare(candidate.Members, best.Members) < 0))
            {
                var trio = candidate.Forced >= 0 ? [free[candidate.Positions[0]]] : candidate.Members;
                best = (total, new Result(Pairs(rest, mate), trio, candidate.Forced, Exact: true), candidate.Members);
            }
        }

        return best.Result;
    }

    private Result Join(int[] mate)
    {
        var pairs = Pairs(free, mate);
        var groups = pairs.Select((p, i) => (p.A, p.B, Forced: -1, Pair: i)).Concat(forced.Select((p, g) => (p.A, p.B, Forced: g, Pair: -1))).ToList();
        var best = (Gain: -1L, City: -1, Group: -1);
        foreach (var s in free.Where((_, x) => mate[x] == -1))
        {
            for (var g = 0; g < groups.Count; g++)
            {
                var (a, b, _, _) = groups[g];
                if (!allowed(s, a) || !allowed(s, b))
                {
                    continue;
                }

                var gain = mutual(s, a) + mutual(s, b);
                // Most added first, then the lowest single city, then the group with the lowest city.
                if (gain > best.Gain || (gain == best.Gain && (s < best.City || (s == best.City && Math.Min(a, b) < Math.Min(groups[best.Group].A, groups[best.Group].B)))))
                {
                    best = (gain, s, g);
                }
            }
        }

        if (best.City < 0)
        {
            return new Result(pairs, [], -1, Exact: false);
        }

        var joined = groups[best.Group];
        if (joined.Forced >= 0)
        {
            return new Result(pairs, [best.City], joined.Forced, Exact: false);
        }

        int[] trio = [joined.A, joined.B, best.City];
        Array.Sort(trio);
        return new Result([.. pairs.Where((_, i) => i != joined.Pair)], trio, -1, Exact: false);
    }

    /// <summary>The best matching of <paramref name="cities"/> by the score of the remarks: its mates (positions), its weight, its dual bound.</summary>
    private (int[] Mate, long Weight, DualBound Bound) Match(int[] cities)
    {
        var edges = new List<WeightedEdge>();
        for (var x = 0; x < cities.Length; x++)
        {
            for (var y = x + 1; y < cities.Length; y++)
            {
                if (allowed(cities[x], cities[y]))
                {
                    edges.Add(new WeightedEdge(x, y, (2 * perCity) + mutual(cities[x], cities[y])));
                }
            }
        }

        var (mate, bound) = MaximumWeightMatching.SolveWithBound(cities.Length, edges);
        long weight = 0;
        for (var x = 0; x < cities.Length; x++)
        {
            if (mate[x] > x)
            {
                weight += (2 * perCity) + mutual(cities[x], cities[mate[x]]);
            }
        }

        return (mate, weight, bound);
    }

    private static List<(int A, int B)> Pairs(int[] cities, int[] mate) =>
        [.. Enumerable.Range(0, cities.Length).Where(x => mate[x] > x).Select(x => (cities[x], cities[mate[x]]))];

    private static int Compare(int[] p, int[] q)
    {
        for (var k = 0; k < Math.Min(p.Length, q.Length); k++)
        {
            if (p[k] != q[k])
            {
                return p[k].CompareTo(q[k]);
            }
        }

        return p.Length.CompareTo(q.Length);
    }
}
