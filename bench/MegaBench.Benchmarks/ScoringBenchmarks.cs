using BenchmarkDotNet.Attributes;
using MegaBench.Frameworks;
using MegaBench.Scoring;

namespace MegaBench.Benchmarks;

/// <summary>
/// Scoring every city of a network with <see cref="Scorer"/>, MEGA 2018, answers from <see cref="AnswerMix"/>:
/// 50 cities × 8 organisations per group (a network of the size the product is for) and 1,000 × 40
/// (about 2.9 million answers, the scale target; see also <c>--scale-scoring</c>).
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private Framework _framework = null!;
    private List<List<OrganisationAnswers>> _network = null!;

    [Params("50x8", "1000x40")]
    public string Network { get; set; } = "50x8";

    [GlobalSetup]
    public void Setup()
    {
        _framework = InMemoryNetwork.MegaFramework;
        var parts = Network.Split('x');
        _network = InMemoryNetwork.Answers(_framework, int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), seed: 2018);
    }

    [Benchmark]
    public int ScoreNetwork()
    {
        var reached = 0;
        foreach (var city in _network)
        {
            reached += Scorer.Score(_framework, city).Groups[0].EcosystemLevel;
        }

        return reached;
    }
}
