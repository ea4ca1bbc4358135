using MegaBench.Matching;

namespace MegaBench.Tests.Matching;

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
    }

    [Fact]
    public void Mirror_image_cities_pair_with_each_other_and_average_cities_stay_unpaired()
    {
        var analysis = new MatchingNetwork()
            .Answered(1, "Alpha", "X", ("data", 100), ("finance", 0), ("networking", 50))
            .Answered(2, "Average", "X", ("data", 50), ("finance", 50), ("networking", 50))
            .Answered(3, "Beta", "Y", ("data", 0), ("finance", 100), ("networking", 50))
            .Answered(4, "Also average", "Z", ("data", 50), ("finance", 50), ("networking", 50))
            .Analyse();

        var pairing = PeerPairing.Pair(analysis);

        Assert.Equal("1-3", Describe(pairing));
        Assert.Equal([2, 4], pairing.Unpaired.Select(u => u.CityId));
        Assert.All(pairing.Unpaired, u => Assert.StartsWith("No city both gains", u.Reason, StringComparison.Ordinal));
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
    public void A_city_that_meets_nothing_brings_nothing_and_is_not_paired()
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
        Assert.Equal("2-3", Describe(pairing)); // no trio: Nowhere would gain but bring nothing
        var nowhere = pairing.Unpaired.Single(u => u.CityId == 1);
        Assert.StartsWith("No city both gains", nowhere.Reason, StringComparison.Ordinal);
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

        var forced = Assert.Single(pairing.Groups);
        Assert.Equal([1, 3], forced.Members);
        Assert.True(forced.Forced);
        Assert.Equal(0, forced.Value);
        Assert.Equal([2, 4], pairing.Unpaired.Select(u => u.CityId));
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
        Assert.NotNull(trio.Joined);
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
    /// On random networks of 2 to 12 cities, with random countries, exclusions and forced pairs, every pair is
    /// allowed, and the matched pairs' total mutual value equals the best total over every possible matching of
    /// the free cities. In odd networks, the trio follows its rule.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Pairing_total_equals_the_exhaustive_optimum(int seed)
    {
        var random = new Random(seed);
        for (var n = 2; n <= 12; n++)
        {
            var network = new MatchingNetwork();
            for (var c = 0; c < n; c++)
            {
                network.Random(c + 1, random, $"Country {random.Next(3)}");
            }

            var analysis = network.Analyse();
            var ids = Enumerable.Range(1, n).ToArray();
            var excluded = Enumerable.Range(0, random.Next(3)).Select(_ => RandomPair(random, n)).Distinct().ToList();
            var forced = random.Next(3) == 0 && n >= 4 ? [RandomPair(random, n)] : new List<CityPair>();
            excluded.RemoveAll(forced.Contains);
            var across = random.Next(2) == 0;
            forced.RemoveAll(p => across && analysis.City(p.First).Country == analysis.City(p.Second).Country);
            var constraints = new PairingConstraints
            {
                AcrossCountriesOnly = across,
                Excluded = excluded,
                Forced = forced,
            };

            var pairing = PeerPairing.Pair(analysis, constraints);

            long Scaled(int a, int b) => analysis.Scaled(a - 1, b - 1);
            bool Allowed(int a, int b) =>
                !excluded.Contains(new CityPair(a, b))
                && !(constraints.AcrossCountriesOnly && analysis.City(a).Country == analysis.City(b).Country);
            long? Mutual(int a, int b) =>
                Scaled(a, b) > 0 && Scaled(b, a) > 0 && Allowed(a, b) ? Scaled(a, b) + Scaled(b, a) : null;

            var forcedIds = forced.SelectMany(p => new[] { p.First, p.Second }).ToHashSet();
            var free = ids.Where(id => !forcedIds.Contains(id)).ToArray();
            var best = BruteForce.Best(free.Length, (x, y) => Mutual(free[x], free[y]));

            long total = 0;
            foreach (var group in pairing.Groups.Where(g => !g.Forced))
            {
                var pair = group.Members.Where(m => m != group.Joined).ToArray();
                var mutual = Mutual(pair[0], pair[1]);
                Assert.True(mutual is not null, $"seed {seed}, n {n}: pair {pair[0]}-{pair[1]} is not eligible");
                total += mutual!.Value;
            }

            Assert.True(best.Total == total, $"seed {seed}, n {n}: pairing total {total}, exhaustive optimum {best.Total}");
            Assert.Equal(n, pairing.Groups.Sum(g => g.Members.Count) + pairing.Unpaired.Count);
            CheckTrio(analysis, pairing, n, Allowed, Scaled);
        }
    }

    private static void CheckTrio(NetworkAnalysis analysis, Pairing pairing, int n, Func<int, int, bool> allowed, Func<int, int, long> scaled)
    {
        var trios = pairing.Groups.Where(g => g.Members.Count == 3).ToList();
        Assert.True(trios.Count <= (n % 2), "a trio only in an odd network, and only one");
        var singles = pairing.Unpaired.Select(u => u.CityId).Concat(trios.Select(t => t.Joined!.Value)).Order().ToList();
        if (n % 2 == 0 || singles.Count == 0)
        {
            return;
        }

        // Best (added value, -city, -lowest member) over every single city and every pair, by the stated rule.
        (long Added, int City, int Lowest)? best = null;
        foreach (var c in singles)
        {
            foreach (var group in pairing.Groups)
            {
                var pair = group.Members.Where(m => m != group.Joined).ToArray();
                if (pair.Contains(c) || !allowed(c, pair[0]) || !allowed(c, pair[1]))
                {
                    continue;
                }

                var gains = scaled(c, pair[0]) + scaled(c, pair[1]);
                var brings = scaled(pair[0], c) + scaled(pair[1], c);
                if (gains > 0 && brings > 0
                    && (best is null || gains + brings > best.Value.Added
                        || (gains + brings == best.Value.Added && (c < best.Value.City || (c == best.Value.City && pair.Min() < best.Value.Lowest)))))
                {
                    best = (gains + brings, c, pair.Min());
                }
            }
        }

        if (best is null)
        {
            Assert.Empty(trios);
        }
        else
        {
            var trio = Assert.Single(trios);
            Assert.Equal(best.Value.City, trio.Joined);
            Assert.Equal(best.Value.Lowest, trio.Members.Where(m => m != trio.Joined).Min());
        }

        _ = analysis;
    }

    private static CityPair RandomPair(Random random, int n)
    {
        var a = random.Next(1, n + 1);
        var b = random.Next(1, n);
        return new CityPair(a, b >= a ? b + 1 : b);
    }
}
