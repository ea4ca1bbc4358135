using MegaBench.Matching;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Matching;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class PeerPairingTests
{
    private static string Describe(Pairing pairing) =>
        string.Join(" ", pairing.Groups.Select(g => string.Join('-', g.Members)));

    /// <summary>
    /// Alpha (1) and Beta (2) are mirror images; Gamma (3) copies Alpha and Delta (4) copies Beta. Alpha and Delta
    /// are in the first country, Beta and Gamma in the second. Without constraints, 1-2 3-4 and 1-4 2-3 tie.
    /// </summary>
    private static MatchingNetwork TwoMirrorCouples(string firstCountry = "France", string secondCountry = "Germany") =>
        new MatchingNetwork()
            .Answered(1, "Alpha", firstCountry, ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(2, "Beta", secondCountry, ("data", 0), ("finance", 100), ("networking", 50))
            .Answered(3, "Gamma", secondCountry, ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(4, "Delta", firstCountry, ("data", 0), ("finance", 100), ("networking", 50));

    [Fact]
    public void A_city_with_no_gap_gets_a_partner_in_the_seed_1022_network()
    {
        var analysis = Seed1022Network.Analyse();

        var pairing = PeerPairing.Pair(analysis);

        Assert.Empty(analysis.For(3).ThemeGaps);
        Assert.Empty(analysis.For(3).IndicatorGaps);
        Assert.Empty(pairing.Unpaired);
        Assert.Contains(pairing.Groups, g => g.Members.Contains(3));
        Assert.Equal(Enumerable.Range(1, 9), pairing.Groups.SelectMany(g => g.Members).Order());
        Assert.Single(pairing.Groups, g => g.IsTrio);
        Assert.True(pairing.Exact);
    }

    [Fact]
    public void Mirror_image_cities_pair_with_each_other_and_average_cities_pair_too()
    {
        var analysis = new MatchingNetwork()
            .Answered(1, "Alpha", "X", ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(2, "Average", "X", ("data", 50), ("finance", 50), ("networking", 50))
            .Answered(3, "Beta", "Y", ("data", 0), ("finance", 100), ("networking", 50))
            .Answered(4, "Also average", "Z", ("data", 50), ("finance", 50), ("networking", 50))
            .Analyse();

        var pairing = PeerPairing.Pair(analysis);

        Assert.Equal("1-3 2-4", Describe(pairing));
        Assert.Equal(0, pairing.Groups[1].Value); // nothing to learn from each other, but each reviews the other
        Assert.Empty(pairing.Unpaired);
    }

    [Fact]
    public void A_pair_explains_what_each_side_shares_and_looks_at()
    {
        var analysis = new MatchingNetwork()
            .Answered(1, "Alpha", "X", ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(2, "Beta", "Y", ("data", 0), ("finance", 100), ("networking", 50))
            .Analyse();

        var pair = Assert.Single(PeerPairing.Pair(analysis).Groups);

        Assert.False(pair.Forced);
        Assert.Null(pair.Joined);
        Assert.Equal(2.8, pair.Value, 9);
        var looksAt = Assert.Single(pair.LooksAt(1));
        Assert.Equal(2, looksAt.TeacherId);
        Assert.Equal(("finance", 0.0, 100.0), (looksAt.Items[0].Code, looksAt.Items[0].Learner, looksAt.Items[0].Teacher));
        var shares = Assert.Single(pair.Shares(1));
        Assert.Equal(2, shares.LearnerId);
        Assert.Equal("data", shares.Items[0].Code);
        Assert.All(shares.Items.Skip(1), i => Assert.Equal(EvidenceLevel.Indicator, i.Level));
    }

    [Fact]
    public void A_city_that_meets_nothing_still_gets_a_group()
    {
        var analysis = new MatchingNetwork()
            .Answered(1, "Nowhere", "X", ("data", 0), ("finance", 0), ("networking", 0))
            .Answered(2, "Alpha", "Y", ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(3, "Beta", "Z", ("data", 0), ("finance", 100), ("networking", 50))
            .Answered(4, "Average", "Y", ("data", 50), ("finance", 50), ("networking", 50))
            .Answered(5, "Also average", "Z", ("data", 50), ("finance", 50), ("networking", 50))
            .Analyse();

        var pairing = PeerPairing.Pair(analysis);

        Assert.True(analysis.LearningValueOf(1, 2) > 0 && analysis.LearningValueOf(1, 3) > 0);
        Assert.Empty(pairing.Unpaired);
        Assert.Contains(pairing.Groups, g => g.Members.Contains(1));
        Assert.Single(pairing.Groups, g => g.IsTrio);
    }

    [Theory]
    [InlineData("France", "Germany", "1-2 3-4")]
    [InlineData("France", " france ", "")] // countries compare ignoring case and spaces
    public void Across_countries_only_pairs_cities_of_different_countries(string first, string second, string expected)
    {
        var analysis = TwoMirrorCouples(first, second).Analyse();

        var unconstrained = PeerPairing.Pair(analysis);
        var pairing = PeerPairing.Pair(analysis, new PairingConstraints { AcrossCountriesOnly = true });

        Assert.Equal(2, unconstrained.Groups.Count);
        Assert.Equal(expected, Describe(pairing));
        if (expected.Length == 0)
        {
            Assert.Equal([1, 2, 3, 4], pairing.Unpaired.Select(u => u.CityId));
            Assert.All(pairing.Unpaired, u => Assert.Contains("ruled out by the constraints", u.Reason, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(1, 2, 3, 4, "1-4 2-3")]
    [InlineData(1, 4, 2, 3, "1-2 3-4")]
    public void Excluded_pairs_are_never_formed(int a, int b, int c, int d, string expected)
    {
        var analysis = TwoMirrorCouples().Analyse();

        var pairing = PeerPairing.Pair(analysis, new PairingConstraints { Excluded = [new(b, a), new(c, d)] });

        Assert.Equal(expected, Describe(pairing));
    }

    [Fact]
    public void Forced_pairs_are_fixed_first_even_without_mutual_gain()
    {
        var analysis = TwoMirrorCouples().Analyse();

        var pairing = PeerPairing.Pair(analysis, new PairingConstraints { Forced = [new(3, 1)] });

        Assert.Equal("1-3 2-4", Describe(pairing));
        var forced = pairing.Groups[0];
        Assert.True(forced.Forced);
        Assert.Equal(0, forced.Value);
        Assert.False(pairing.Groups[1].Forced);
    }

    [Fact]
    public void A_city_whose_only_possible_partners_are_forced_is_unpaired_with_the_reason()
    {
        var analysis = TwoMirrorCouples().Analyse();

        // Across countries, Gamma may pair with Alpha (forced with Beta) or Delta (excluded), and Delta with Beta or Gamma.
        var pairing = PeerPairing.Pair(analysis, new PairingConstraints { AcrossCountriesOnly = true, Forced = [new(1, 2)], Excluded = [new(3, 4)] });

        Assert.Equal("1-2", Describe(pairing));
        Assert.Equal([3, 4], pairing.Unpaired.Select(u => u.CityId));
        Assert.All(pairing.Unpaired, u => Assert.Contains("forced pair", u.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1-2 1-3", "", "Alpha is forced into two pairs")]
    [InlineData("1-2", "2-1", "both forced and excluded")]
    [InlineData("1-9", "", "city id 9")]
    [InlineData("", "9-1", "city id 9")]
    [InlineData("2-2", "", "the same city twice")]
    public void Inconsistent_constraints_are_rejected_with_what_to_change(string forced, string excluded, string message)
    {
        static CityPair[] Pairs(string text) =>
            [.. text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => new CityPair(p[0] - '0', p[2] - '0'))];
        var analysis = TwoMirrorCouples().Analyse();

        var error = Assert.Throws<MatchingInputException>(() =>
            PeerPairing.Pair(analysis, new PairingConstraints { Forced = Pairs(forced), Excluded = Pairs(excluded) }));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_forced_pair_of_one_country_is_rejected_when_pairs_must_cross_countries()
    {
        var analysis = TwoMirrorCouples().Analyse();

        var error = Assert.Throws<MatchingInputException>(() =>
            PeerPairing.Pair(analysis, new PairingConstraints { AcrossCountriesOnly = true, Forced = [new(1, 4)] }));
        var within = PeerPairing.Pair(analysis, new PairingConstraints { Forced = [new(1, 4)] });

        Assert.Contains("Alpha–Delta is two cities of France", error.Message, StringComparison.Ordinal);
        Assert.Contains("different countries only", error.Message, StringComparison.Ordinal);
        Assert.Contains(within.Groups, g => g.Forced && g.Members.SequenceEqual([1, 4]));
    }

    [Fact]
    public void Three_cities_that_each_teach_the_next_form_one_trio()
    {
        var analysis = new MatchingNetwork()
            .Themes(1, "X", "A", ("data", 100), ("finance", 0), ("networking", 50))
            .Themes(2, "Y", "B", ("data", 50), ("finance", 100), ("networking", 0))
            .Themes(3, "Z", "C", ("data", 0), ("finance", 50), ("networking", 100))
            .Analyse();

        var pairing = PeerPairing.Pair(analysis);

        var trio = Assert.Single(pairing.Groups);
        Assert.Equal([1, 2, 3], trio.Members);
        Assert.True(trio.IsTrio);
        Assert.Null(trio.Joined); // chosen as a trio, not a pair that a third city joined
        Assert.Equal(6, trio.Learning.Count);
        Assert.Equal(4.5, trio.Value, 9); // each city learns 1.0 from one and 0.5 from the other
        Assert.Empty(pairing.Unpaired);
    }

    [Fact]
    public void An_even_network_has_no_trio()
    {
        var analysis = TwoMirrorCouples().Analyse();

        Assert.All(PeerPairing.Pair(analysis).Groups, g => Assert.Equal(2, g.Members.Count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_same_network_in_any_order_gives_the_same_pairs(int seed)
    {
        var network = new MatchingNetwork();
        var random = new Random(seed);
        for (var id = 1; id <= 11; id++)
        {
            network.Random(id * 7, random, $"Country {id % 3}");
        }

        // Copies of the same city create ties that the stated rule must settle the same way every time.
        network.Themes(100, "Copy A", "Country 0", ("data", 0), ("finance", 100), ("networking", 0));
        network.Themes(101, "Copy B", "Country 1", ("data", 0), ("finance", 100), ("networking", 0));
        var expected = Describe(PeerPairing.Pair(network.Analyse()));

        for (var shuffle = 0; shuffle < 5; shuffle++)
        {
            var shuffled = network.Cities.OrderBy(_ => random.Next()).ToList();
            var pairing = PeerPairing.Pair(NetworkAnalysis.Analyse(MatchingNetwork.Framework, shuffled));
            Assert.Equal(expected, Describe(pairing));
        }
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 30)];

    /// <summary>
    /// On random networks of every size from 2 to 13 cities, with random countries, exclusions and forced pairs,
    /// every group is allowed, and the grouping is as good as the best of every possible grouping (pairs, one trio
    /// in an odd network, forced pairs kept, possibly a third city joining one): first by the number of cities in a
    /// group, then by total value. Some seeds copy cities, so that many groupings tie.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Grouping_equals_the_exhaustive_optimum(int seed)
    {
        var random = new Random(seed);
        for (var n = 2; n <= 13; n++)
        {
            var network = new MatchingNetwork();
            for (var c = 0; c < n; c++)
            {
                if (seed % 3 == 0 && c > 0 && random.Next(3) == 0)
                {
                    network.Copy(network.Cities[random.Next(c)], c + 1, $"Country {random.Next(3)}");
                }
                else
                {
                    network.Random(c + 1, random, $"Country {random.Next(3)}");
                }
            }

            var analysis = network.Analyse();
            var excluded = Enumerable.Range(0, random.Next(4)).Select(_ => RandomPair(random, n)).Distinct().ToList();
            var across = random.Next(3) == 0;
            var forced = random.Next(3) == 0 && n >= 4 ? [RandomPair(random, n)] : new List<CityPair>();
            excluded.RemoveAll(forced.Contains);
            forced.RemoveAll(p => across && analysis.City(p.First).Country == analysis.City(p.Second).Country);
            var constraints = new PairingConstraints { AcrossCountriesOnly = across, Excluded = excluded, Forced = forced };

            var pairing = PeerPairing.Pair(analysis, constraints);

            long Mutual(int a, int b) => analysis.Scaled(a - 1, b - 1) + analysis.Scaled(b - 1, a - 1);
            bool Allowed(int a, int b) =>
                !excluded.Contains(new CityPair(a, b))
                && !(across && analysis.City(a).Country == analysis.City(b).Country);
            var context = $"seed {seed}, n {n}";
            long total = 0;
            foreach (var group in pairing.Groups)
            {
                var members = group.Members;
                var isForced = forced.Any(p => members.Contains(p.First) && members.Contains(p.Second));
                Assert.True(group.Forced == isForced, $"{context}: group {string.Join('-', members)} forced {group.Forced}");
                for (var x = 0; x < members.Count; x++)
                {
                    for (var y = x + 1; y < members.Count; y++)
                    {
                        var pair = new CityPair(members[x], members[y]);
                        Assert.True(forced.Contains(pair) || Allowed(pair.First, pair.Second), $"{context}: {pair} is not allowed");
                        total += Mutual(pair.First, pair.Second);
                    }
                }
            }

            var grouped = pairing.Groups.Sum(g => g.Members.Count);
            Assert.Equal(n, grouped + pairing.Unpaired.Count);
            Assert.True(pairing.Groups.Count(g => g.IsTrio) <= n % 2, $"{context}: a trio only in an odd network, and only one");
            Assert.True(pairing.Exact);
            var best = ExhaustiveGrouping.Best(n, [.. forced.Select(p => (p.First - 1, p.Second - 1))], (a, b) => Allowed(a + 1, b + 1), (a, b) => Mutual(a + 1, b + 1));
            Assert.True(best == (grouped, total), $"{context}: {grouped} cities grouped, total {total}; best is {best}");
        }
    }

    /// <summary>Networks too large for exhaustive search: the exact trio search equals solving every possible trio.</summary>
    [Theory]
    [InlineData(1, 15)]
    [InlineData(2, 21)]
    [InlineData(3, 27)]
    [InlineData(4, 33)]
    public void Trio_search_equals_matching_the_rest_of_every_possible_trio(int seed, int n)
    {
        var random = new Random(seed);
        var network = new MatchingNetwork();
        for (var c = 0; c < n; c++)
        {
            network.Random(c + 1, random, $"Country {random.Next(4)}");
        }

        var analysis = network.Analyse();
        var pairing = PeerPairing.Pair(analysis, new PairingConstraints { AcrossCountriesOnly = seed % 2 == 0 });

        long Mutual(int a, int b) => analysis.Scaled(a, b) + analysis.Scaled(b, a);
        bool Allowed(int a, int b) => seed % 2 == 1 || analysis.Cities[a].Country != analysis.Cities[b].Country;
        var best = (Cities: 0, Total: 0L);
        for (var a = 0; a < n; a++)
        {
            for (var b = a + 1; b < n; b++)
            {
                for (var c = b + 1; c < n; c++)
                {
                    if (!Allowed(a, b) || !Allowed(a, c) || !Allowed(b, c))
                    {
                        continue;
                    }

                    var rest = Enumerable.Range(0, n).Where(x => x != a && x != b && x != c).ToArray();
                    var edges = new List<WeightedEdge>();
                    for (var x = 0; x < rest.Length; x++)
                    {
                        for (var y = x + 1; y < rest.Length; y++)
                        {
                            if (Allowed(rest[x], rest[y]))
                            {
                                edges.Add(new WeightedEdge(x, y, Mutual(rest[x], rest[y])));
                            }
                        }
                    }

                    var mate = MaximumWeightMatching.Solve(rest.Length, edges, maximumCardinality: true);
                    var cities = 3 + mate.Count(m => m >= 0);
                    var total = Mutual(a, b) + Mutual(a, c) + Mutual(b, c) + edges.Where(e => mate[e.From] == e.To).Sum(e => e.Weight);
                    best = (cities, total).CompareTo(best) > 0 ? (cities, total) : best;
                }
            }
        }

        var found = (pairing.Groups.Sum(g => g.Members.Count), pairing.Groups.Sum(g => g.Learning.Sum(l => analysis.Scaled(analysis.IndexOf(l.LearnerId), analysis.IndexOf(l.TeacherId)))));
        Assert.Equal(best, found);
    }

    [Fact]
    public void Above_the_exact_limit_every_city_still_gets_a_group()
    {
        var random = new Random(5);
        var network = new MatchingNetwork();
        var n = PeerPairing.ExactTrioLimit + 1 + (PeerPairing.ExactTrioLimit % 2); // odd, above the limit
        for (var c = 0; c < n; c++)
        {
            network.Random(c + 1, random, $"Country {random.Next(5)}");
        }

        var pairing = PeerPairing.Pair(network.Analyse());

        Assert.False(pairing.Exact);
        Assert.Empty(pairing.Unpaired);
        Assert.Single(pairing.Groups, g => g.IsTrio);
        Assert.Equal(n, pairing.Groups.Sum(g => g.Members.Count));
    }

    private static CityPair RandomPair(Random random, int n)
    {
        var a = random.Next(1, n + 1);
        var b = random.Next(1, n);
        return new CityPair(a, b >= a ? b + 1 : b);
    }
}

/// <summary>Tries every grouping of a small network, by dynamic programming over the sets of cities still to place.</summary>
internal static class ExhaustiveGrouping
{
    /// <summary>
    /// The best (cities in a group, total mutual value) over every grouping of cities 0..n-1: forced pairs kept as
    /// they are, the other cities single, in allowed pairs, or (once, and only when n is odd) in an allowed trio of
    /// three of them or joining a forced pair with both of whose members it is allowed.
    /// </summary>
    public static (int Cities, long Total) Best(int n, IReadOnlyList<(int A, int B)> forced, Func<int, int, bool> allowed, Func<int, int, long> mutual)
    {
        var inForced = forced.SelectMany(p => new[] { p.A, p.B }).ToHashSet();
        var forcedValue = (Cities: 2 * forced.Count, Total: forced.Sum(p => mutual(p.A, p.B)));
        var memo = new Dictionary<(int, bool), (int, long)>();
        (int Cities, long Total) Search(int placed, bool trioLeft)
        {
            var v = 0;
            while (v < n && ((placed >> v) & 1) == 1)
            {
                v++;
            }

            if (v == n)
            {
                return (0, 0);
            }

            if (memo.TryGetValue((placed, trioLeft), out var known))
            {
                return known;
            }

            var withV = placed | (1 << v);
            var best = Search(withV, trioLeft); // v stays single
            void Consider((int Cities, long Total) rest, int cities, long value)
            {
                var candidate = (rest.Cities + cities, rest.Total + value);
                best = candidate.CompareTo(best) > 0 ? candidate : best;
            }

            for (var w = v + 1; w < n; w++)
            {
                if (((withV >> w) & 1) == 1 || !allowed(v, w))
                {
                    continue;
                }

                Consider(Search(withV | (1 << w), trioLeft), 2, mutual(v, w));
                for (var x = w + 1; trioLeft && x < n; x++)
                {
                    if (((withV >> x) & 1) == 0 && allowed(v, x) && allowed(w, x))
                    {
                        Consider(Search(withV | (1 << w) | (1 << x), false), 3, mutual(v, w) + mutual(v, x) + mutual(w, x));
                    }
                }
            }

            foreach (var (a, b) in forced)
            {
                if (trioLeft && allowed(v, a) && allowed(v, b))
                {
                    Consider(Search(withV, false), 1, mutual(v, a) + mutual(v, b));
                }
            }

            memo[(placed, trioLeft)] = best;
            return best;
        }

        var start = inForced.Aggregate(0, (mask, c) => mask | (1 << c));
        var free = Search(start, n % 2 == 1);
        return (free.Cities + forcedValue.Cities, free.Total + forcedValue.Total);
    }
}
