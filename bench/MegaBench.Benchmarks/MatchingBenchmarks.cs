using BenchmarkDotNet.Attributes;
using MegaBench.Matching;

namespace MegaBench.Benchmarks;

/// <summary>
/// Matching a whole network round from precomputed scores: strengths and gaps, every learning value, the
/// optimal pairing and the explanation of each pair. Targets (issue 6): 50 cities under 100 ms, 1,000 cities
/// under 2 s, on one core.
/// </summary>
[MemoryDiagnoser]
public class MatchingBenchmarks
{
    private List<MatchingCity> _cities = [];
    private NetworkAnalysis? _analysis;

    [Params(50, 1000)]
    public int Cities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cities = SyntheticNetwork.Cities(Cities, seed: 42);
        _analysis = NetworkAnalysis.Analyse(SyntheticNetwork.Framework, _cities);
    }

    /// <summary>Everything, from scores to explained pairs: the figure the targets are about.</summary>
    [Benchmark]
    public Pairing AnalyseAndPair() =>
        PeerPairing.Pair(NetworkAnalysis.Analyse(SyntheticNetwork.Framework, _cities), new PairingConstraints { AcrossCountriesOnly = true });

    /// <summary>Strengths, gaps and the data behind learning values alone.</summary>
    [Benchmark]
    public NetworkAnalysis Analyse() => NetworkAnalysis.Analyse(SyntheticNetwork.Framework, _cities);

    /// <summary>The pairing alone, from an analysis already made.</summary>
    [Benchmark]
    public Pairing Pair() => PeerPairing.Pair(_analysis!, new PairingConstraints { AcrossCountriesOnly = true });
}
