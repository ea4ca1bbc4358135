using MegaBench.Matching;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Matching;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class MaximumWeightMatchingTests
{
    /// <summary>
    /// Graphs that drive the algorithm through each of its cases (S- and T-blossoms, nesting, relabelling,
    /// expansion), written as "i-j:w" edges; the expected mates are the unique optimum of each graph.
    /// </summary>
    [Theory]
    [InlineData("", 0, "")]
    [InlineData("0-1:1", 2, "1 0")]
    [InlineData("1-2:10 2-3:11", 4, "-1 -1 3 2")]
    [InlineData("1-2:5 2-3:11 3-4:5", 5, "-1 -1 3 2 -1")]
    [InlineData("1-2:8 1-3:9 2-3:10 3-4:7", 5, "-1 2 1 4 3")]
    [InlineData("1-2:8 1-3:9 2-3:10 3-4:7 1-6:5 4-5:6", 7, "-1 6 3 2 5 4 1")]
    [InlineData("1-2:9 1-3:8 2-3:10 1-4:5 4-5:4 1-6:3", 7, "-1 6 3 2 5 4 1")]
    [InlineData("1-2:9 1-3:8 2-3:10 1-4:5 4-5:3 1-6:4", 7, "-1 6 3 2 5 4 1")]
    [InlineData("1-2:9 1-3:8 2-3:10 1-4:5 4-5:3 3-6:4", 7, "-1 2 1 6 5 4 3")]
    [InlineData("1-2:9 1-3:9 2-3:10 2-4:8 3-5:8 4-5:10 5-6:6", 7, "-1 3 4 1 2 6 5")]
    [InlineData("1-2:10 1-7:10 2-3:12 3-4:20 3-5:20 4-5:25 5-6:10 6-7:10 7-8:8", 9, "-1 2 1 4 3 6 5 8 7")]
    [InlineData("1-2:8 1-3:8 2-3:10 2-4:12 3-5:12 4-5:14 4-6:12 5-7:12 6-7:14 7-8:12", 9, "-1 2 1 5 6 3 4 8 7")]
    [InlineData("1-2:23 1-5:22 1-6:15 2-3:25 3-4:22 4-5:25 4-8:14 5-7:13", 9, "-1 6 3 2 8 7 1 5 4")]
    [InlineData("1-2:19 1-3:20 1-8:8 2-3:25 2-4:18 3-5:18 4-5:13 4-7:7 5-6:7", 9, "-1 8 3 2 7 6 5 4 1")]
    [InlineData("1-2:45 1-5:45 2-3:50 3-4:45 4-5:50 1-6:30 3-9:35 4-8:35 5-7:26 9-10:5", 11, "-1 6 3 2 8 7 1 5 4 10 9")]
    [InlineData("1-2:45 1-5:45 2-3:50 3-4:45 4-5:50 1-6:30 3-9:35 4-8:26 5-7:40 9-10:5", 11, "-1 6 3 2 8 7 1 5 4 10 9")]
    [InlineData("1-2:45 1-5:45 2-3:50 3-4:45 4-5:50 1-6:30 3-9:35 4-8:28 5-7:26 9-10:5", 11, "-1 6 3 2 8 7 1 5 4 10 9")]
    [InlineData("1-2:45 1-7:45 2-3:50 3-4:45 4-5:95 4-6:94 5-6:94 6-7:50 1-8:30 3-11:35 5-9:36 7-10:26 11-12:5", 13, "-1 8 3 2 6 9 4 10 1 5 7 12 11")]
    [InlineData("1-2:40 1-3:40 2-3:60 2-4:55 3-5:55 4-5:50 1-8:15 5-7:30 7-6:10 8-10:10 4-9:30", 11, "-1 2 1 5 9 3 7 6 10 4 8")]
    public void Known_graphs_get_their_optimal_matching(string edges, int vertices, string expected)
    {
        var mate = MaximumWeightMatching.Solve(vertices, Parse(edges));

        Assert.Equal(expected, string.Join(' ', mate));
    }

    [Fact]
    public void Maximum_cardinality_prefers_more_edges_over_more_weight()
    {
        var edges = Parse("1-2:5 2-3:11 3-4:5");

        Assert.Equal("-1 -1 3 2 -1", string.Join(' ', MaximumWeightMatching.Solve(5, edges)));
        Assert.Equal("-1 2 1 4 3", string.Join(' ', MaximumWeightMatching.Solve(5, edges, maximumCardinality: true)));
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 40)];

    /// <summary>
    /// On random graphs of 1 to 12 vertices, with small weights so that many matchings tie, the matching is
    /// valid and its total equals the best total found by trying every matching.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_graphs_match_the_exhaustive_optimum(int seed)
    {
        var random = new Random(seed);
        for (var n = 1; n <= 12; n++)
        {
            var density = random.NextDouble();
            var edges = new List<WeightedEdge>();
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (random.NextDouble() < density)
                    {
                        edges.Add(new WeightedEdge(i, j, random.Next(0, seed % 2 == 0 ? 6 : 1000)));
                    }
                }
            }

            var weights = new long?[n, n];
            foreach (var e in edges)
            {
                weights[e.From, e.To] = weights[e.To, e.From] = e.Weight;
            }

            // The third run forces the sparse-first path (one edge per vertex, then the certificate adds edges).
            foreach (var (cardinality, sparseDegree) in new[] { (false, 24), (true, 24), (false, 1) })
            {
                var mate = MaximumWeightMatching.Solve(n, edges, cardinality, verify: true, sparseDegree);
                var (pairs, total) = Check(mate, weights);
                var best = BruteForce.Best(n, (a, b) => weights[a, b], cardinality);
                Assert.True(
                    best == (cardinality ? pairs : 0, total),
                    $"seed {seed}, n {n}, max-cardinality {cardinality}, sparse {sparseDegree}: found {pairs} pairs weighing {total}, best is {best}");
            }
        }
    }

    /// <summary>
    /// The dual bound equals the optimum on the whole graph, and without any one, two or three vertices it is never
    /// below the best matching of the vertices left (found by trying every matching): what the trio search relies on.
    /// </summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dual_bound_without_some_vertices_is_never_below_their_best_matching(int seed)
    {
        var random = new Random(seed);
        for (var n = 1; n <= 12; n++)
        {
            var density = 0.3 + (0.7 * random.NextDouble());
            var edges = new List<WeightedEdge>();
            var weights = new long?[n, n];
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (random.NextDouble() < density)
                    {
                        var weight = random.Next(0, seed % 2 == 0 ? 6 : 1000) + (seed % 4 < 2 ? 0 : 100_000);
                        edges.Add(new WeightedEdge(i, j, weight));
                        weights[i, j] = weights[j, i] = weight;
                    }
                }
            }

            var (mate, bound) = MaximumWeightMatching.SolveWithBound(n, edges);
            var (_, total) = Check(mate, weights);
            Assert.Equal(2 * total, bound.Total);
            for (var trial = 0; trial < 20; trial++)
            {
                var removed = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(3, n) + 1)).ToArray();
                var best = BruteForce.Best(n, (a, b) => removed.Contains(a) || removed.Contains(b) ? null : weights[a, b]);
                Assert.True(bound.Without(removed) >= 2 * best.Total, $"seed {seed}, n {n}, without {string.Join(',', removed)}: bound {bound.Without(removed)} / 2, best {best.Total}");
            }
        }
    }

    [Theory]
    [InlineData("0-0:1", "itself")]
    [InlineData("0-1:1 1-0:2", "twice")]
    [InlineData("0-5:1", "outside")]
    [InlineData("0-1:-1", "weight")]
    public void Invalid_edges_are_rejected_with_the_reason(string edges, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => MaximumWeightMatching.Solve(3, Parse(edges)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    private static (int Pairs, long Total) Check(int[] mate, long?[,] weights)
    {
        var pairs = 0;
        long total = 0;
        for (var v = 0; v < mate.Length; v++)
        {
            if (mate[v] == -1)
            {
                continue;
            }

            Assert.Equal(v, mate[mate[v]]);
            Assert.NotNull(weights[v, mate[v]]);
            if (v < mate[v])
            {
                pairs++;
                total += weights[v, mate[v]]!.Value;
            }
        }

        return (pairs, total);
    }

    private static List<WeightedEdge> Parse(string edges) =>
        [.. edges.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(e =>
        {
            var parts = e.Split(':');
            var ends = parts[0].Split('-');
            return new WeightedEdge(int.Parse(ends[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(ends[1], System.Globalization.CultureInfo.InvariantCulture), long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        })];
}

/// <summary>Tries every matching of a small graph.</summary>
internal static class BruteForce
{
    /// <summary>
    /// The best (pairs, total weight) over all matchings: by total weight alone (pairs reported as 0), or with
    /// <paramref name="cardinalityFirst"/>, by number of pairs and then weight. <paramref name="weight"/> is null
    /// where there is no edge.
    /// </summary>
    public static (int Pairs, long Total) Best(int n, Func<int, int, long?> weight, bool cardinalityFirst = false)
    {
        var used = new bool[n];
        (int, long) Search(int v)
        {
            while (v < n && used[v])
            {
                v++;
            }

            if (v == n)
            {
                return (0, 0);
            }

            used[v] = true;
            var best = Search(v + 1); // v stays single
            for (var w = v + 1; w < n; w++)
            {
                if (!used[w] && weight(v, w) is { } x)
                {
                    used[w] = true;
                    var (pairs, total) = Search(v + 1);
                    var candidate = (pairs + 1, total + x);
                    if (cardinalityFirst ? candidate.CompareTo(best) > 0 : candidate.Item2 > best.Item2)
                    {
                        best = candidate;
                    }

                    used[w] = false;
                }
            }

            used[v] = false;
            return best;
        }

        var result = Search(0);
        return cardinalityFirst ? result : (0, result.Item2);
    }
}

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class MaximumWeightMatchingCertificateTests
{
    /// <summary>
    /// Graphs too large for exhaustive search: the solver's dual solution must prove the matching optimal
    /// (complementary slackness), on sparse and dense graphs, with few and many distinct weights.
    /// </summary>
    [Theory]
    [InlineData(1, 60, 0.1, 5)]
    [InlineData(2, 60, 0.9, 5)]
    [InlineData(3, 150, 0.05, 1000)]
    [InlineData(4, 150, 0.5, 1000)]
    [InlineData(5, 200, 1.0, 3)]
    [InlineData(6, 200, 0.3, 1_000_000)]
    public void Large_random_graphs_get_a_matching_proven_optimal(int seed, int n, double density, int maxWeight)
    {
        var random = new Random(seed);
        var edges = new List<WeightedEdge>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (random.NextDouble() < density)
                {
                    edges.Add(new WeightedEdge(i, j, random.Next(0, maxWeight)));
                }
            }
        }

        foreach (var cardinality in new[] { false, true })
        {
            var mate = MaximumWeightMatching.Solve(n, edges, cardinality, verify: true);
            Assert.All(Enumerable.Range(0, n), v => Assert.True(mate[v] == -1 || mate[mate[v]] == v));
        }
    }

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(100, 60)];

    /// <summary>Many mid-sized graphs, where blossoms form, are relabelled and expanded often.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mid_sized_random_graphs_get_a_matching_proven_optimal(int seed)
    {
        var random = new Random(seed);
        var n = random.Next(20, 80);
        var density = random.NextDouble();
        var maxWeight = random.Next(2) == 0 ? 4 : 100;
        var edges = new List<WeightedEdge>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (random.NextDouble() < density)
                {
                    edges.Add(new WeightedEdge(i, j, random.Next(0, maxWeight)));
                }
            }
        }

        var full = MaximumWeightMatching.Solve(n, edges, maximumCardinality: false, verify: true, sparseDegree: n);
        var sparse = MaximumWeightMatching.Solve(n, edges, maximumCardinality: false, verify: true, sparseDegree: 3);
        MaximumWeightMatching.Solve(n, edges, maximumCardinality: true, verify: true);
        Assert.Equal(Total(full, edges), Total(sparse, edges));
    }

    private static long Total(int[] mate, List<WeightedEdge> edges) =>
        edges.Where(e => mate[e.From] == e.To).Sum(e => e.Weight);

    [Fact]
    public void A_dense_graph_solved_sparse_first_has_the_optimal_total()
    {
        var random = new Random(7);
        var edges = new List<WeightedEdge>();
        for (var i = 0; i < 120; i++)
        {
            for (var j = i + 1; j < 120; j++)
            {
                edges.Add(new WeightedEdge(i, j, random.Next(0, 1000)));
            }
        }

        var full = MaximumWeightMatching.Solve(120, edges, maximumCardinality: false, verify: true, sparseDegree: 120);
        var sparse = MaximumWeightMatching.Solve(120, edges);

        Assert.Equal(Total(full, edges), Total(sparse, edges));
    }

    /// <summary>
    /// The sparse-first path orders edges by one packed number when the weights' range allows it and by comparison
    /// otherwise; both give the optimum, with many equal weights and with weights from 0 to the largest allowed.
    /// </summary>
    [Theory]
    [InlineData(3L)]
    [InlineData(MaximumWeightMatching.MaxWeight)]
    public void Sparse_first_finds_the_optimum_whatever_the_range_of_the_weights(long largest)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            const int n = 10;
            var weights = new long?[n, n];
            var edges = new List<WeightedEdge>();
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    var weight = random.Next(3) switch { 0 => 0, 1 => largest, _ => largest / 2 + random.Next(3) };
                    edges.Add(new WeightedEdge(i, j, weight));
                    weights[i, j] = weights[j, i] = weight;
                }
            }

            var mate = MaximumWeightMatching.Solve(n, edges, maximumCardinality: false, verify: true, sparseDegree: 1);
            Assert.Equal(BruteForce.Best(n, (a, b) => weights[a, b]).Total, Total(mate, edges));
        }
    }
}
