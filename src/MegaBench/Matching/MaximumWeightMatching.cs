namespace MegaBench.Matching;

/// <summary>An undirected edge between vertices <paramref name="From"/> and <paramref name="To"/> (0-based).</summary>
public readonly record struct WeightedEdge(int From, int To, long Weight);

/// <summary>
/// Exact maximum-weight matching on a general (non-bipartite) graph with integer weights.
/// </summary>
/// <remarks>
/// <para>Method: Edmonds' blossom algorithm with the primal-dual method for weights, in the O(n³) form
/// described by Z. Galil, "Efficient Algorithms for Finding Maximum Matching in Graphs", ACM Computing
/// Surveys 18(1), 1986, following the structure of Joris van Rantwijk's public-domain reference implementation
/// (<c>mwmatching.py</c>): least-slack edges are tracked per vertex and per S-blossom so that each dual
/// update costs O(n), and there are at most n stages of O(n) substages.</para>
/// <para>Weights are whole numbers so that slacks and dual variables are exact: vertex duals are stored doubled,
/// which keeps every value an integer, and ties are decided by exact equality, never by a rounding error.</para>
/// <para>With <c>maximumCardinality</c> false the result has the greatest total weight (a vertex may stay single
/// even though it has edges, when matching it would cost more than it adds). With it true, only matchings with
/// the greatest number of edges are considered, and among them the one with the greatest total weight.</para>
/// <para>Departures from the reference, each kept exact: adjacency is stored in flat arrays; an edge's
/// tightness is recomputed from its slack rather than cached in a flag per edge; a non-tight edge between two
/// S-vertices is recorded on one side only; and a dense graph is first solved on its heaviest edges, then extended
/// until the dual solution proves the matching optimal for every edge (see <c>SolveSparseFirst</c>). Tests compare
/// the results with exhaustive search and check the dual certificate on larger graphs.</para>
/// <para>The result depends only on the vertex numbering and the order of the edges, so the same input always
/// gives the same matching.</para>
/// </remarks>
public static class MaximumWeightMatching
{
    /// <summary>Weights above this bound could overflow the doubled dual variables.</summary>
    public const long MaxWeight = long.MaxValue / 8;

    /// <summary>
    /// Returns <c>mate</c>, where <c>mate[v]</c> is the vertex matched to <c>v</c>, or -1 when <c>v</c> is single.
    /// </summary>
    /// <exception cref="ArgumentException">An edge is a loop, repeats a pair, leaves the vertex range, or has a weight outside 0..<see cref="MaxWeight"/>.</exception>
    public static int[] Solve(int vertexCount, IReadOnlyList<WeightedEdge> edges, bool maximumCardinality = false) =>
        Solve(vertexCount, edges, maximumCardinality, verify: false);

    /// <summary>
    /// The edges as an array, which every pass below reads by index: through the list's interface each read is a call
    /// the JIT does not inline (about 4 % of a cold 1,000-city match's samples in <c>perf</c>; no measurable change in
    /// its wall time).
    /// </summary>
    private static WeightedEdge[] AsArray(IReadOnlyList<WeightedEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        return edges as WeightedEdge[] ?? [.. edges];
    }

    /// <summary>
    /// Solves, then checks the optimality certificate (the dual solution) of the result and throws
    /// <see cref="InvalidOperationException"/> when it fails: for tests on graphs too large for exhaustive search.
    /// </summary>
    internal static int[] Solve(int vertexCount, IReadOnlyList<WeightedEdge> edges, bool maximumCardinality, bool verify, int sparseDegree = SparseDegree) =>
        SolveWithBound(vertexCount, AsArray(edges), maximumCardinality, verify, sparseDegree).Mate;

    /// <summary>
    /// Solves by maximum weight (not cardinality), and returns with the matching the dual solution that proves it
    /// optimal, as a <see cref="DualBound"/>: what the best matching can weigh once some vertices are removed.
    /// </summary>
    internal static (int[] Mate, DualBound Bound) SolveWithBound(int vertexCount, IReadOnlyList<WeightedEdge> edges) =>
        SolveWithBound(vertexCount, AsArray(edges), maximumCardinality: false, verify: false, SparseDegree);

    private static (int[] Mate, DualBound Bound) SolveWithBound(int vertexCount, WeightedEdge[] edges, bool maximumCardinality, bool verify, int sparseDegree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(vertexCount);
        var seen = new HashSet<long>(edges.Length);
        foreach (var edge in edges)
        {
            if (edge.From < 0 || edge.From >= vertexCount || edge.To < 0 || edge.To >= vertexCount)
            {
                throw new ArgumentException($"Edge {edge.From}–{edge.To} names a vertex outside 0..{vertexCount - 1}.", nameof(edges));
            }

            if (edge.From == edge.To)
            {
                throw new ArgumentException($"Edge {edge.From}–{edge.To} joins a vertex to itself; a matching has no such edge.", nameof(edges));
            }

            if (edge.Weight is < 0 or > MaxWeight)
            {
                throw new ArgumentException($"Edge {edge.From}–{edge.To} has weight {edge.Weight}; weights must be between 0 and {MaxWeight}.", nameof(edges));
            }

            // Not (i << 32 | j): the hash of a long folds its halves together, which would collide for every i ^ j.
            var key = ((long)Math.Min(edge.From, edge.To) * vertexCount) + Math.Max(edge.From, edge.To);
            if (!seen.Add(key))
            {
                throw new ArgumentException($"Edge {edge.From}–{edge.To} appears twice; give each pair of vertices at most one edge.", nameof(edges));
            }
        }

        if (edges.Length == 0)
        {
            return (Enumerable.Repeat(-1, vertexCount).ToArray(), new DualBound(new long[vertexCount], Enumerable.Repeat(Array.Empty<int>(), vertexCount).ToArray(), [], []));
        }

        if (maximumCardinality || edges.Length <= (long)sparseDegree * vertexCount)
        {
            var solver = new Solver(vertexCount, edges, maximumCardinality);
            var mate = solver.Run();
            if (verify)
            {
                solver.VerifyOptimum();
            }

            return (mate, solver.Bound());
        }

        return SolveSparseFirst(vertexCount, edges, verify, sparseDegree);
    }

    /// <summary>Heaviest edges kept per vertex, roughly, in the first pass on a dense graph, and violated edges added per vertex in each later pass.</summary>
    internal const int SparseDegree = 4;

    /// <summary>Greedy matchings added to the first pass on a dense graph (see <see cref="SolveSparseFirst"/>).</summary>
    private const int GreedyLayers = 3;

    /// <summary>
    /// Dense graphs: solve on the heaviest edges first, then prove the result optimal for all edges.
    /// </summary>
    /// <remarks>
    /// The run on a subgraph ends with a dual solution that satisfies complementary slackness for the subgraph.
    /// If that dual solution is also feasible for every other edge (its slack, counting the blossoms that contain
    /// both ends, is not negative), it is a certificate of optimality for the whole graph, by LP duality of
    /// Edmonds' matching polytope. Edges that violate it are added and the subgraph is solved again; this ends at
    /// the latest with the whole graph, so the result is always exact. In practice a few passes on about
    /// <see cref="SparseDegree"/> edges per vertex plus <see cref="GreedyLayers"/> greedy matchings replace a pass on
    /// all n²/2 edges (on 1,000 cities, five passes on 5,500 to 10,500 edges instead of 500,000). Only for maximum weight:
    /// a maximum-cardinality certificate on a subgraph says nothing about the cardinality possible on the whole.
    /// </remarks>
    private static (int[] Mate, DualBound Bound) SolveSparseFirst(int vertexCount, WeightedEdge[] edges, bool verify, int sparseDegree)
    {
        // Heaviest first; ties by position, so that the subgraph, and therefore the result, depends only on the input.
        var order = HeaviestFirst(edges);
        var inGraph = new bool[edges.Length];
        var greedy = new bool[edges.Length];
        var degree = new int[vertexCount];
        foreach (var k in order)
        {
            var (from, to, _) = edges[k];
            if (degree[from] < sparseDegree || degree[to] < sparseDegree)
            {
                inGraph[k] = true;
                degree[from]++;
                degree[to]++;
            }
        }

        // The heaviest edges of each vertex tend to meet at a few vertices (on a city network, the strongest
        // teachers), so alone they may hold no large matching: the first pass would leave many vertices single and
        // every later pass repair that. A few greedy matchings, each on the edges the previous ones left, give the
        // subgraph large matchings of heavy edges spread over all vertices (on 1,000 cities: 5 passes instead of 7,
        // on a quarter of the edges; see bench/README.md).
        var matched = new bool[vertexCount];
        for (var layer = 0; layer < GreedyLayers; layer++)
        {
            Array.Clear(matched);
            foreach (var k in order)
            {
                var (from, to, _) = edges[k];
                if (!matched[from] && !matched[to] && !greedy[k])
                {
                    matched[from] = matched[to] = true;
                    greedy[k] = true;
                    inGraph[k] = true;
                }
            }
        }

        while (true)
        {
            var subgraph = new List<WeightedEdge>();
            for (var k = 0; k < edges.Length; k++)
            {
                if (inGraph[k])
                {
                    subgraph.Add(edges[k]);
                }
            }

            var solver = new Solver(vertexCount, [.. subgraph], maximumCardinality: false);
            var mate = solver.Run();
            var violated = new List<(long Slack, int Edge)>();
            for (var k = 0; k < edges.Length; k++)
            {
                if (!inGraph[k] && solver.Slack(edges[k]) is < 0 and var slack)
                {
                    violated.Add((slack, k));
                }
            }

            // Add the most violated edges first, again about sparseDegree per vertex, so that the next
            // subgraph stays small; the rest are checked again after the next pass.
            violated.Sort();
            Array.Clear(degree);
            var added = 0;
            foreach (var (_, k) in violated)
            {
                var (from, to, _) = edges[k];
                if (degree[from] < sparseDegree || degree[to] < sparseDegree)
                {
                    inGraph[k] = true;
                    degree[from]++;
                    degree[to]++;
                    added++;
                }
            }

            if (added == 0)
            {
                if (verify)
                {
                    solver.VerifyOptimum();
                }

                return (mate, solver.Bound());
            }
        }
    }

    /// <summary>Edge positions by descending weight, ties by ascending position.</summary>
    private static int[] HeaviestFirst(WeightedEdge[] edges)
    {
        var count = edges.Length;
        long lightest = long.MaxValue, heaviest = 0;
        foreach (var edge in edges)
        {
            lightest = Math.Min(lightest, edge.Weight);
            heaviest = Math.Max(heaviest, edge.Weight);
        }

        var order = new int[count];
        if (heaviest - lightest < long.MaxValue / count)
        {
            // One number per edge that orders exactly as (weight descending, position ascending): a sort of plain
            // numbers, several times faster than a comparison delegate on the 500,000 edges of 1,000 cities.
            var keys = new long[count];
            for (var k = 0; k < count; k++)
            {
                keys[k] = ((heaviest - edges[k].Weight) * count) + k;
            }

            Array.Sort(keys);
            for (var k = 0; k < count; k++)
            {
                order[k] = (int)(keys[k] % count);
            }

            return order;
        }

        var weights = new long[count];
        for (var k = 0; k < count; k++)
        {
            order[k] = k;
            weights[k] = edges[k].Weight;
        }

        Array.Sort(order, (a, b) => weights[a] != weights[b] ? weights[b].CompareTo(weights[a]) : a.CompareTo(b));
        return order;
    }

    /// <summary>
    /// The state of one run. Vertices are 0..n-1; non-trivial blossoms are n..2n-1. Edge k has endpoints
    /// 2k (its first vertex) and 2k+1 (its second); <c>p ^ 1</c> is the other end of the edge of endpoint p.
    /// </summary>
    private sealed class Solver
    {
        private readonly int _n;
        private readonly bool _maximumCardinality;
        private readonly int[] _edgeFrom;
        private readonly int[] _edgeTo;
        private readonly long[] _edgeWeight;

        // endpoint[p]: the vertex of endpoint p.
        private readonly int[] _endpoint;

        // The edges at v are entries adjacencyStart[v] .. adjacencyStart[v + 1] - 1 of the adjacency arrays:
        // the neighbour, the remote endpoint and the weight, side by side so that a scan reads memory in order.
        private readonly int[] _adjacencyStart;
        private readonly int[] _adjacencyVertex;
        private readonly int[] _adjacencyEnd;
        private readonly long[] _adjacencyWeight;

        // mate[v]: the remote endpoint of v's matched edge, or -1 (during the run; vertices at the end).
        private readonly int[] _mate;

        // label[b] of a top-level blossom: 0 free, 1 S, 2 T (5 = S with a breadcrumb during scanning).
        // label[v] of a vertex inside a T-blossom: 2 when v is reachable from an S-vertex outside it.
        private readonly int[] _label;

        // labelEnd[b]: the remote endpoint of the edge through which b got its label, -1 for a single base.
        private readonly int[] _labelEnd;

        // inBlossom[v]: the top-level blossom containing vertex v.
        private readonly int[] _inBlossom;

        private readonly int[] _blossomParent;

        // children[b]: sub-blossoms of b, starting at the base and going round the blossom;
        // endps[b][i]: local endpoint of children[b][i] on the edge to children[b][i + 1].
        private readonly List<int>?[] _blossomChildren;
        private readonly List<int>?[] _blossomEndpoints;
        private readonly int[] _blossomBase;

        // bestEdge[v] of a free vertex: least-slack edge to an S-vertex; bestEdge[b] of a top-level S-blossom:
        // least-slack edge to another S-blossom; -1 when none.
        private readonly int[] _bestEdge;

        // bestSlack[x] = Slack(bestEdge[x]), kept up to date whenever an edge is chosen or the duals change,
        // so that comparisons in the scan loop do not reach into the edge arrays.
        private readonly long[] _bestSlack;
        private readonly List<int>?[] _blossomBestEdges;
        private readonly Stack<int> _unusedBlossoms;

        // dual[v] = 2·u(v) for vertices; dual[b] = z(b) for non-trivial blossoms.
        private readonly long[] _dual;
        private readonly List<int> _queue;

        // Scratch buffers, reused to keep the inner loops free of allocations.
        private readonly List<int> _leaves = [];
        private readonly List<int> _path = [];
        private readonly int[] _bestEdgeTo;

        // Scan bookkeeping: a non-tight edge between two S-vertices needs recording on one side only (its least
        // slack is all that matters, through delta 3). clock counts scans; scanTime[v] is when v was last scanned
        // and sTime[v] when v last became S. See the scan loop for the rule.
        private long _clock;
        private readonly long[] _scanTime;
        private readonly long[] _sTime;

        // Each vertex's blossoms, outermost first, under the final solution: read by Slack on every edge of the
        // whole graph after each pass of SolveSparseFirst, so built once per run rather than twice per edge.
        private int[][]? _finalChains;

        public Solver(int n, WeightedEdge[] edges, bool maximumCardinality)
        {
            _n = n;
            _maximumCardinality = maximumCardinality;
            var m = edges.Length;
            _edgeFrom = new int[m];
            _edgeTo = new int[m];
            _edgeWeight = new long[m];
            _endpoint = new int[2 * m];
            var degree = new int[n];
            long maxWeight = 0;
            for (var k = 0; k < m; k++)
            {
                var (from, to, weight) = edges[k];
                _edgeFrom[k] = from;
                _edgeTo[k] = to;
                _edgeWeight[k] = weight;
                _endpoint[2 * k] = from;
                _endpoint[(2 * k) + 1] = to;
                degree[from]++;
                degree[to]++;
                maxWeight = Math.Max(maxWeight, weight);
            }

            _adjacencyStart = new int[n + 1];
            for (var v = 0; v < n; v++)
            {
                _adjacencyStart[v + 1] = _adjacencyStart[v] + degree[v];
                degree[v] = _adjacencyStart[v];
            }

            _adjacencyVertex = new int[2 * m];
            _adjacencyEnd = new int[2 * m];
            _adjacencyWeight = new long[2 * m];
            for (var k = 0; k < m; k++)
            {
                var (from, to) = (_edgeFrom[k], _edgeTo[k]);
                var a = degree[from]++;
                (_adjacencyVertex[a], _adjacencyEnd[a], _adjacencyWeight[a]) = (to, (2 * k) + 1, _edgeWeight[k]);
                a = degree[to]++;
                (_adjacencyVertex[a], _adjacencyEnd[a], _adjacencyWeight[a]) = (from, 2 * k, _edgeWeight[k]);
            }

            _mate = new int[n];
            Array.Fill(_mate, -1);
            _label = new int[2 * n];
            _labelEnd = new int[2 * n];
            Array.Fill(_labelEnd, -1);
            _inBlossom = new int[n];
            for (var v = 0; v < n; v++)
            {
                _inBlossom[v] = v;
            }

            _blossomParent = new int[2 * n];
            Array.Fill(_blossomParent, -1);
            _blossomChildren = new List<int>?[2 * n];
            _blossomEndpoints = new List<int>?[2 * n];
            _blossomBase = new int[2 * n];
            for (var b = 0; b < 2 * n; b++)
            {
                _blossomBase[b] = b < n ? b : -1;
            }

            _bestEdge = new int[2 * n];
            Array.Fill(_bestEdge, -1);
            _bestSlack = new long[2 * n];
            _blossomBestEdges = new List<int>?[2 * n];
            _unusedBlossoms = new Stack<int>(Enumerable.Range(n, n));
            _dual = new long[2 * n];
            Array.Fill(_dual, maxWeight, 0, n);
            _queue = new List<int>(n);
            _bestEdgeTo = new int[2 * n];
            _scanTime = new long[n];
            _sTime = new long[n];
            Array.Fill(_bestEdgeTo, -1);
        }

        // The whole run is one call with long loops: compile it optimised at once rather than tier by tier.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public int[] Run()
        {
            var n = _n;
            for (var stage = 0; stage < n; stage++)
            {
                // A stage finds one augmenting path: start from fresh labels.
                Array.Clear(_label);
                Array.Fill(_bestEdge, -1);
                Array.Clear(_blossomBestEdges, n, n);
                _queue.Clear();

                for (var v = 0; v < n; v++)
                {
                    if (_mate[v] == -1 && _label[_inBlossom[v]] == 0)
                    {
                        AssignLabel(v, 1, -1);
                    }
                }

                var augmented = false;
                while (true)
                {
                    // Substage: label everything reachable through tight alternating paths.
                    while (_queue.Count > 0 && !augmented)
                    {
                        var v = _queue[^1];
                        _queue.RemoveAt(_queue.Count - 1);
                        _scanTime[v] = ++_clock;
                        var sTimeV = _sTime[v];
                        // An edge between two top-level blossoms is usable (tight) exactly when its slack is zero;
                        // the reference implementation caches this in a flag per edge, recomputing it is cheaper
                        // than reading the flag from a large array.
                        var dualV = _dual[v];
                        var end = _adjacencyStart[v + 1];
                        for (var a = _adjacencyStart[v]; a < end; a++)
                        {
                            var w = _adjacencyVertex[a];
                            var bv = _inBlossom[v];
                            var bw = _inBlossom[w];
                            if (bv == bw)
                            {
                                continue;
                            }

                            var kslack = dualV + _dual[w] - (2 * _adjacencyWeight[a]);
                            var p = _adjacencyEnd[a];
                            if (kslack <= 0)
                            {
                                if (_label[bw] == 0)
                                {
                                    // w is free: label it T and its mate S.
                                    AssignLabel(w, 2, p ^ 1);
                                }
                                else if (_label[bw] == 1)
                                {
                                    // Two S-vertices: either a new blossom or an augmenting path.
                                    var b = ScanBlossom(v, w);
                                    if (b >= 0)
                                    {
                                        AddBlossom(b, p >> 1);
                                    }
                                    else
                                    {
                                        AugmentMatching(p >> 1);
                                        augmented = true;
                                        break;
                                    }
                                }
                                else if (_label[w] == 0)
                                {
                                    // w is inside a T-blossom and now reachable from outside it.
                                    _label[w] = 2;
                                    _labelEnd[w] = p ^ 1;
                                }
                            }
                            else if (_label[bw] == 1)
                            {
                                // Already recorded on w's side when w is a single vertex scanned after v became S:
                                // that scan saw v as S, the edge as not tight, and w's record stands (w has not
                                // joined a blossom; when it does, its edges are all scanned again).
                                if (bw == w && _scanTime[w] > sTimeV)
                                {
                                    continue;
                                }

                                if (_bestEdge[bv] == -1 || kslack < _bestSlack[bv])
                                {
                                    _bestEdge[bv] = p >> 1;
                                    _bestSlack[bv] = kslack;
                                }
                            }
                            else if (_label[w] == 0)
                            {
                                if (_bestEdge[w] == -1 || kslack < _bestSlack[w])
                                {
                                    _bestEdge[w] = p >> 1;
                                    _bestSlack[w] = kslack;
                                }
                            }
                        }
                    }

                    if (augmented)
                    {
                        break;
                    }

                    // No augmenting path on tight edges: change the duals by the largest safe delta
                    // (all quantities are doubled, so they stay integers).
                    var deltaType = -1;
                    long delta = 0;
                    var deltaEdge = -1;
                    var deltaBlossom = -1;

                    if (!_maximumCardinality)
                    {
                        deltaType = 1;
                        delta = MinVertexDual();
                    }

                    for (var v = 0; v < n; v++)
                    {
                        if (_label[_inBlossom[v]] == 0 && _bestEdge[v] != -1)
                        {
                            var d = _bestSlack[v];
                            if (deltaType == -1 || d < delta)
                            {
                                delta = d;
                                deltaType = 2;
                                deltaEdge = _bestEdge[v];
                            }
                        }
                    }

                    for (var b = 0; b < 2 * n; b++)
                    {
                        if (_blossomParent[b] == -1 && _label[b] == 1 && _bestEdge[b] != -1)
                        {
                            var d = _bestSlack[b] / 2;
                            if (deltaType == -1 || d < delta)
                            {
                                delta = d;
                                deltaType = 3;
                                deltaEdge = _bestEdge[b];
                            }
                        }
                    }

                    for (var b = n; b < 2 * n; b++)
                    {
                        if (_blossomBase[b] >= 0 && _blossomParent[b] == -1 && _label[b] == 2
                            && (deltaType == -1 || _dual[b] < delta))
                        {
                            delta = _dual[b];
                            deltaType = 4;
                            deltaBlossom = b;
                        }
                    }

                    if (deltaType == -1)
                    {
                        // Maximum-cardinality optimum reached; a last update keeps the duals valid.
                        deltaType = 1;
                        delta = Math.Max(0, MinVertexDual());
                    }

                    for (var v = 0; v < n; v++)
                    {
                        var l = _label[_inBlossom[v]];
                        if (l == 1)
                        {
                            _dual[v] -= delta;
                        }
                        else if (l == 2)
                        {
                            _dual[v] += delta;
                        }
                    }

                    for (var b = n; b < 2 * n; b++)
                    {
                        if (_blossomBase[b] >= 0 && _blossomParent[b] == -1)
                        {
                            if (_label[b] == 1)
                            {
                                _dual[b] += delta;
                            }
                            else if (_label[b] == 2)
                            {
                                _dual[b] -= delta;
                            }
                        }
                    }

                    for (var x = 0; x < 2 * n; x++)
                    {
                        if (_bestEdge[x] != -1)
                        {
                            _bestSlack[x] = Slack(_bestEdge[x]);
                        }
                    }

                    if (deltaType == 1)
                    {
                        // Optimum reached.
                        break;
                    }

                    // The chosen edge is now tight: scanning its S end again will use it.
                    if (deltaType == 2)
                    {
                        var i = _edgeFrom[deltaEdge];
                        if (_label[_inBlossom[i]] == 0)
                        {
                            i = _edgeTo[deltaEdge];
                        }

                        _queue.Add(i);
                    }
                    else if (deltaType == 3)
                    {
                        _queue.Add(_edgeFrom[deltaEdge]);
                    }
                    else
                    {
                        ExpandBlossom(deltaBlossom, endStage: false);
                    }
                }

                if (!augmented)
                {
                    break;
                }

                // End of stage: expand the S-blossoms whose dual reached zero.
                for (var b = n; b < 2 * n; b++)
                {
                    if (_blossomParent[b] == -1 && _blossomBase[b] >= 0 && _label[b] == 1 && _dual[b] == 0)
                    {
                        ExpandBlossom(b, endStage: true);
                    }
                }
            }

            var result = new int[n];
            for (var v = 0; v < n; v++)
            {
                result[v] = _mate[v] >= 0 ? _endpoint[_mate[v]] : -1;
            }

            return result;
        }

        /// <summary>
        /// Checks the complementary-slackness conditions that prove the matching optimal: duals non-negative,
        /// every edge's slack non-negative and zero on matched edges, single vertices with zero dual, and every
        /// blossom with a positive dual full.
        /// </summary>
        public void VerifyOptimum()
        {
            var n = _n;
            var minVertexDual = MinVertexDual();
            var offset = _maximumCardinality ? Math.Max(0, -minVertexDual) : 0;
            Check(minVertexDual + offset >= 0, "a vertex dual is negative");
            for (var b = n; b < 2 * n; b++)
            {
                Check(_dual[b] >= 0, "a blossom dual is negative");
            }

            var iChain = new List<int>();
            var jChain = new List<int>();
            for (var k = 0; k < _edgeFrom.Length; k++)
            {
                var (i, j) = (_edgeFrom[k], _edgeTo[k]);
                var slack = Slack(k);
                Chain(i, iChain);
                Chain(j, jChain);
                for (var x = 0; x < Math.Min(iChain.Count, jChain.Count) && iChain[x] == jChain[x]; x++)
                {
                    slack += 2 * _dual[iChain[x]];
                }

                Check(slack >= 0, $"edge {i}–{j} has negative slack");
                if (_mate[i] >> 1 == k || _mate[j] >> 1 == k)
                {
                    Check(_mate[i] >> 1 == k && _mate[j] >> 1 == k && slack == 0, $"matched edge {i}–{j} is not tight");
                }
            }

            for (var v = 0; v < n; v++)
            {
                Check(_mate[v] >= 0 || _dual[v] + offset == 0, $"single vertex {v} has a positive dual");
            }

            for (var b = n; b < 2 * n; b++)
            {
                if (_blossomBase[b] >= 0 && _dual[b] > 0)
                {
                    var endps = _blossomEndpoints[b]!;
                    Check(endps.Count % 2 == 1, $"blossom {b} has an even number of sub-blossoms");
                    for (var x = 1; x < endps.Count; x += 2)
                    {
                        var p = endps[x];
                        Check(_mate[_endpoint[p]] == (p ^ 1) && _mate[_endpoint[p ^ 1]] == p, $"blossom {b} is not full");
                    }
                }
            }

            static void Check(bool condition, string what)
            {
                if (!condition)
                {
                    throw new InvalidOperationException($"The matching is not proven optimal: {what}.");
                }
            }
        }

        /// <summary>
        /// The slack, doubled, of an edge that may not be in this run's graph, under the final dual solution:
        /// 2·u(i) + 2·u(j) − 2·w + 2·Σ z(b) over the blossoms containing both ends. Negative means the duals are
        /// not feasible for it.
        /// </summary>
        public long Slack(WeightedEdge edge)
        {
            var (i, j, weight) = edge;
            var slack = _dual[i] + _dual[j] - (2 * weight);
            if (_inBlossom[i] != _inBlossom[j])
            {
                return slack;
            }

            var chains = _finalChains ??= FinalChains();
            var (iChain, jChain) = (chains[i], chains[j]);
            for (var x = 0; x < Math.Min(iChain.Length, jChain.Length) && iChain[x] == jChain[x]; x++)
            {
                slack += 2 * _dual[iChain[x]];
            }

            return slack;
        }

        /// <summary>The final dual solution, for <see cref="DualBound"/>; feasible for every edge checked against it.</summary>
        public DualBound Bound()
        {
            var n = _n;
            var vertexDual = new long[n];
            var chains = new int[n][];
            var finalChains = _finalChains ??= FinalChains();
            for (var v = 0; v < n; v++)
            {
                vertexDual[v] = _dual[v];
                chains[v] = [.. finalChains[v].Where(b => b >= n && _dual[b] > 0)];
            }

            var blossomDual = new long[2 * n];
            var blossomSize = new int[2 * n];
            for (var b = n; b < 2 * n; b++)
            {
                if (_blossomBase[b] >= 0 && _dual[b] > 0)
                {
                    blossomDual[b] = _dual[b];
                    blossomSize[b] = Leaves(b).Count;
                }
            }

            return new DualBound(vertexDual, chains, blossomDual, blossomSize);
        }

        /// <summary>Every vertex's <see cref="Chain"/> once the run has ended.</summary>
        private int[][] FinalChains()
        {
            var chains = new int[_n][];
            var chain = new List<int>();
            for (var v = 0; v < _n; v++)
            {
                Chain(v, chain);
                chains[v] = [.. chain];
            }

            return chains;
        }

        /// <summary>The blossoms containing <paramref name="v"/>, outermost first, ending with v itself.</summary>
        private void Chain(int v, List<int> chain)
        {
            chain.Clear();
            for (var b = v; b != -1; b = _blossomParent[b])
            {
                chain.Add(b);
            }

            chain.Reverse();
        }

        private long Slack(int k) => _dual[_edgeFrom[k]] + _dual[_edgeTo[k]] - (2 * _edgeWeight[k]);

        private long MinVertexDual()
        {
            var min = _dual[0];
            for (var v = 1; v < _n; v++)
            {
                min = Math.Min(min, _dual[v]);
            }

            return min;
        }

        /// <summary>Appends the vertices inside blossom <paramref name="b"/> to <paramref name="into"/>.</summary>
        private void CollectLeaves(int b, List<int> into)
        {
            if (b < _n)
            {
                into.Add(b);
                return;
            }

            foreach (var child in _blossomChildren[b]!)
            {
                CollectLeaves(child, into);
            }
        }

        private List<int> Leaves(int b)
        {
            _leaves.Clear();
            CollectLeaves(b, _leaves);
            return _leaves;
        }

        /// <summary>Labels the top-level blossom of <paramref name="w"/> with <paramref name="t"/>, reached through endpoint <paramref name="p"/>.</summary>
        private void AssignLabel(int w, int t, int p)
        {
            var b = _inBlossom[w];
            _label[w] = _label[b] = t;
            _labelEnd[w] = _labelEnd[b] = p;
            _bestEdge[w] = _bestEdge[b] = -1;
            if (t == 1)
            {
                var first = _queue.Count;
                CollectLeaves(b, _queue);
                for (var i = first; i < _queue.Count; i++)
                {
                    _sTime[_queue[i]] = _clock;
                }
            }
            else
            {
                // A T-blossom's base is the only vertex with an outside mate; that mate becomes S.
                var baseMate = _mate[_blossomBase[b]];
                AssignLabel(_endpoint[baseMate], 1, baseMate ^ 1);
            }
        }

        /// <summary>
        /// Traces back from S-vertices <paramref name="v"/> and <paramref name="w"/>: returns the base of the
        /// new blossom they close, or -1 when the paths reach two different single vertices (an augmenting path).
        /// </summary>
        private int ScanBlossom(int v, int w)
        {
            _path.Clear();
            var result = -1;
            while (v != -1 || w != -1)
            {
                var b = _inBlossom[v];
                if ((_label[b] & 4) != 0)
                {
                    result = _blossomBase[b];
                    break;
                }

                _path.Add(b);
                _label[b] = 5;
                if (_labelEnd[b] == -1)
                {
                    v = -1;
                }
                else
                {
                    v = _endpoint[_labelEnd[b]];
                    b = _inBlossom[v];
                    v = _endpoint[_labelEnd[b]];
                }

                if (w != -1)
                {
                    (v, w) = (w, v);
                }
            }

            foreach (var b in _path)
            {
                _label[b] = 1;
            }

            return result;
        }

        /// <summary>Makes a new S-blossom with base <paramref name="baseVertex"/> closed by edge <paramref name="k"/>.</summary>
        private void AddBlossom(int baseVertex, int k)
        {
            var v = _edgeFrom[k];
            var w = _edgeTo[k];
            var bb = _inBlossom[baseVertex];
            var bv = _inBlossom[v];
            var bw = _inBlossom[w];
            var b = _unusedBlossoms.Pop();
            _blossomBase[b] = baseVertex;
            _blossomParent[b] = -1;
            _blossomParent[bb] = b;
            var children = new List<int>();
            var endps = new List<int>();
            _blossomChildren[b] = children;
            _blossomEndpoints[b] = endps;

            while (bv != bb)
            {
                _blossomParent[bv] = b;
                children.Add(bv);
                endps.Add(_labelEnd[bv]);
                v = _endpoint[_labelEnd[bv]];
                bv = _inBlossom[v];
            }

            children.Add(bb);
            children.Reverse();
            endps.Reverse();
            endps.Add(2 * k);
            while (bw != bb)
            {
                _blossomParent[bw] = b;
                children.Add(bw);
                endps.Add(_labelEnd[bw] ^ 1);
                w = _endpoint[_labelEnd[bw]];
                bw = _inBlossom[w];
            }

            _label[b] = 1;
            _labelEnd[b] = _labelEnd[bb];
            _dual[b] = 0;

            foreach (var leaf in Leaves(b))
            {
                if (_label[_inBlossom[leaf]] == 2)
                {
                    // A T-vertex turns S inside the new S-blossom: scan it too.
                    _queue.Add(leaf);
                    _sTime[leaf] = _clock;
                }

                _inBlossom[leaf] = b;
            }

            // The new blossom's least-slack edges to each neighbouring S-blossom.
            var bestEdgeTo = _bestEdgeTo;
            foreach (var child in children)
            {
                if (_blossomBestEdges[child] is { } list)
                {
                    foreach (var edge in list)
                    {
                        ConsiderBestEdge(b, edge, bestEdgeTo);
                    }
                }
                else
                {
                    foreach (var leaf in Leaves(child))
                    {
                        for (var a = _adjacencyStart[leaf]; a < _adjacencyStart[leaf + 1]; a++)
                        {
                            ConsiderBestEdge(b, _adjacencyEnd[a] >> 1, bestEdgeTo);
                        }
                    }
                }

                _blossomBestEdges[child] = null;
                _bestEdge[child] = -1;
            }

            var best = new List<int>();
            for (var i = 0; i < bestEdgeTo.Length; i++)
            {
                if (bestEdgeTo[i] != -1)
                {
                    best.Add(bestEdgeTo[i]);
                    bestEdgeTo[i] = -1;
                }
            }

            _blossomBestEdges[b] = best;
            _bestEdge[b] = -1;
            foreach (var edge in best)
            {
                var slack = Slack(edge);
                if (_bestEdge[b] == -1 || slack < _bestSlack[b])
                {
                    _bestEdge[b] = edge;
                    _bestSlack[b] = slack;
                }
            }
        }

        private void ConsiderBestEdge(int b, int k, int[] bestEdgeTo)
        {
            var j = _edgeTo[k];
            if (_inBlossom[j] == b)
            {
                j = _edgeFrom[k];
            }

            var bj = _inBlossom[j];
            if (bj != b && _label[bj] == 1 && (bestEdgeTo[bj] == -1 || Slack(k) < Slack(bestEdgeTo[bj])))
            {
                bestEdgeTo[bj] = k;
            }
        }

        /// <summary>Python-style index: negative values count from the end.</summary>
        private static int At(List<int> list, int index) => list[index < 0 ? index + list.Count : index];

        /// <summary>Dissolves top-level blossom <paramref name="b"/> into its sub-blossoms.</summary>
        private void ExpandBlossom(int b, bool endStage)
        {
            var children = _blossomChildren[b]!;
            var endps = _blossomEndpoints[b]!;
            foreach (var s in children)
            {
                _blossomParent[s] = -1;
                if (s < _n)
                {
                    _inBlossom[s] = s;
                }
                else if (endStage && _dual[s] == 0)
                {
                    ExpandBlossom(s, endStage);
                }
                else
                {
                    foreach (var leaf in Leaves(s))
                    {
                        _inBlossom[leaf] = s;
                    }
                }
            }

            if (!endStage && _label[b] == 2)
            {
                // A T-blossom expanded during a stage: relabel its sub-blossoms along the even path from the
                // sub-blossom through which it got its label to its base.
                var entryChild = _inBlossom[_endpoint[_labelEnd[b] ^ 1]];
                var j = children.IndexOf(entryChild);
                int jstep;
                int endpTrick;
                if ((j & 1) != 0)
                {
                    j -= children.Count;
                    jstep = 1;
                    endpTrick = 0;
                }
                else
                {
                    jstep = -1;
                    endpTrick = 1;
                }

                var p = _labelEnd[b];
                while (j != 0)
                {
                    _label[_endpoint[p ^ 1]] = 0;
                    _label[_endpoint[At(endps, j - endpTrick) ^ endpTrick ^ 1]] = 0;
                    AssignLabel(_endpoint[p ^ 1], 2, p);
                    j += jstep;
                    p = At(endps, j - endpTrick) ^ endpTrick;
                    j += jstep;
                }

                // The base sub-blossom becomes T without passing the label on to its mate.
                var bv = At(children, j);
                _label[_endpoint[p ^ 1]] = _label[bv] = 2;
                _labelEnd[_endpoint[p ^ 1]] = _labelEnd[bv] = p;
                _bestEdge[bv] = -1;
                j += jstep;
                while (At(children, j) != entryChild)
                {
                    bv = At(children, j);
                    if (_label[bv] == 1)
                    {
                        // Already labelled S through a neighbour.
                        j += jstep;
                        continue;
                    }

                    var reached = -1;
                    foreach (var leaf in Leaves(bv))
                    {
                        if (_label[leaf] != 0)
                        {
                            reached = leaf;
                            break;
                        }
                    }

                    if (reached != -1)
                    {
                        // Reachable from an S-vertex outside: the sub-blossom becomes T.
                        _label[reached] = 0;
                        _label[_endpoint[_mate[_blossomBase[bv]]]] = 0;
                        AssignLabel(reached, 2, _labelEnd[reached]);
                    }

                    j += jstep;
                }
            }

            _label[b] = _labelEnd[b] = -1;
            _blossomChildren[b] = null;
            _blossomEndpoints[b] = null;
            _blossomBase[b] = -1;
            _blossomBestEdges[b] = null;
            _bestEdge[b] = -1;
            _unusedBlossoms.Push(b);
        }

        /// <summary>Swaps matched and unmatched edges on the even path from vertex <paramref name="v"/> to the base of <paramref name="b"/>.</summary>
        private void AugmentBlossom(int b, int v)
        {
            var t = v;
            while (_blossomParent[t] != b)
            {
                t = _blossomParent[t];
            }

            if (t >= _n)
            {
                AugmentBlossom(t, v);
            }

            var children = _blossomChildren[b]!;
            var endps = _blossomEndpoints[b]!;
            var i = children.IndexOf(t);
            var j = i;
            int jstep;
            int endpTrick;
            if ((i & 1) != 0)
            {
                j -= children.Count;
                jstep = 1;
                endpTrick = 0;
            }
            else
            {
                jstep = -1;
                endpTrick = 1;
            }

            while (j != 0)
            {
                j += jstep;
                t = At(children, j);
                var p = At(endps, j - endpTrick) ^ endpTrick;
                if (t >= _n)
                {
                    AugmentBlossom(t, _endpoint[p]);
                }

                j += jstep;
                t = At(children, j);
                if (t >= _n)
                {
                    AugmentBlossom(t, _endpoint[p ^ 1]);
                }

                _mate[_endpoint[p]] = p ^ 1;
                _mate[_endpoint[p ^ 1]] = p;
            }

            // Rotate so that the new base comes first.
            _blossomChildren[b] = [.. children.Skip(i), .. children.Take(i)];
            _blossomEndpoints[b] = [.. endps.Skip(i), .. endps.Take(i)];
            _blossomBase[b] = _blossomBase[_blossomChildren[b]![0]];
        }

        /// <summary>Augments the matching along the path through edge <paramref name="k"/> between two S-vertices.</summary>
        private void AugmentMatching(int k)
        {
            Augment(_edgeFrom[k], (2 * k) + 1);
            Augment(_edgeTo[k], 2 * k);
        }

        private void Augment(int s, int p)
        {
            while (true)
            {
                var bs = _inBlossom[s];
                if (bs >= _n)
                {
                    AugmentBlossom(bs, s);
                }

                _mate[s] = p;
                if (_labelEnd[bs] == -1)
                {
                    // Reached a single vertex.
                    break;
                }

                var t = _endpoint[_labelEnd[bs]];
                var bt = _inBlossom[t];
                s = _endpoint[_labelEnd[bt]];
                var j = _endpoint[_labelEnd[bt] ^ 1];
                if (bt >= _n)
                {
                    AugmentBlossom(bt, j);
                }

                _mate[j] = _labelEnd[bt];
                p = _labelEnd[bt] ^ 1;
            }
        }
    }
}

/// <summary>
/// The dual solution that proves a maximum-weight matching optimal, used to bound, without solving again, the best
/// matching of the same graph once some vertices are removed.
/// </summary>
/// <remarks>
/// With vertex duals u ≥ 0 and blossom duals z ≥ 0 such that u(i) + u(j) + Σ z(B) over the blossoms B holding both
/// ends is at least w(i, j) for every edge, every matching weighs at most Σ u(v) + Σ z(B)·⌊|B|/2⌋ (LP duality of
/// Edmonds' matching polytope). The same duals restricted to the vertices outside a set X are still feasible for
/// the graph without X, so its best matching weighs at most Σ over v ∉ X of u(v) + Σ z(B)·⌊|B \ X|/2⌋.
/// Values are doubled, as in the solver, so that they stay whole numbers.
/// </remarks>
internal sealed class DualBound
{
    private readonly long[] _vertexDual;
    private readonly int[][] _blossoms;
    private readonly long[] _blossomDual;
    private readonly int[] _blossomSize;

    internal DualBound(long[] vertexDual, int[][] blossoms, long[] blossomDual, int[] blossomSize)
    {
        _vertexDual = vertexDual;
        _blossoms = blossoms;
        _blossomDual = blossomDual;
        _blossomSize = blossomSize;
    }

    /// <summary>Twice the bound on the whole graph (equal to twice the optimum).</summary>
    /// <remarks>
    /// Computed when first asked, in checked arithmetic: the solver accepts weights up to
    /// <see cref="MaximumWeightMatching.MaxWeight"/>, but twice a matching's total can exceed a long when many
    /// edges are that heavy; then asking for the bound throws instead of returning a wrapped-around number.
    /// </remarks>
    public long Total => _total ??= checked(_vertexDual.Sum() + Enumerable.Range(0, _blossomDual.Length).Sum(b => 2 * _blossomDual[b] * (_blossomSize[b] / 2)));

    private long? _total;

    /// <summary>Twice an upper bound on the weight of the best matching of the graph without <paramref name="removed"/> (distinct vertices).</summary>
    public long Without(ReadOnlySpan<int> removed)
    {
        var bound = Total;
        for (var x = 0; x < removed.Length; x++)
        {
            bound -= _vertexDual[removed[x]];
            foreach (var b in _blossoms[removed[x]])
            {
                // Count each blossom once, at the first removed vertex inside it.
                var seenBefore = false;
                for (var y = 0; y < x && !seenBefore; y++)
                {
                    seenBefore = Array.IndexOf(_blossoms[removed[y]], b) >= 0;
                }

                if (seenBefore)
                {
                    continue;
                }

                var inside = 1;
                for (var y = x + 1; y < removed.Length; y++)
                {
                    inside += Array.IndexOf(_blossoms[removed[y]], b) >= 0 ? 1 : 0;
                }

                var size = _blossomSize[b];
                bound -= checked(2 * _blossomDual[b] * ((size / 2) - ((size - inside) / 2)));
            }
        }

        return bound;
    }
}
