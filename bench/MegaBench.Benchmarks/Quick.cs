using System.Diagnostics;
using System.Globalization;
using MegaBench.Matching;

namespace MegaBench.Benchmarks;

/// <summary>A one-shot stopwatch run of the matching, for a fast look while profiling.</summary>
internal static class Quick
{
    public static void Run()
    {
        foreach (var count in new[] { 50, 1000 })
        {
            var cities = SyntheticNetwork.Cities(count, seed: 42);
            for (var run = 0; run < 2; run++)
            {
                var watch = Stopwatch.StartNew();
                var analysis = NetworkAnalysis.Analyse(SyntheticNetwork.Framework, cities);
                var analysed = watch.Elapsed;
                var pairing = PeerPairing.Pair(analysis, new PairingConstraints { AcrossCountriesOnly = true });
                var total = watch.Elapsed;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{count} cities: analyse {analysed.TotalMilliseconds:F0} ms, total {total.TotalMilliseconds:F0} ms; {pairing.Groups.Count} groups, {pairing.Unpaired.Count} unpaired, value {pairing.TotalValue:F2}"));
            }
        }

        var random = new Random(1);
        var edges = new List<WeightedEdge>();
        for (var i = 0; i < 1000; i++)
        {
            for (var j = i + 1; j < 1000; j++)
            {
                edges.Add(new WeightedEdge(i, j, random.Next(1, 100_000_000)));
            }
        }

        var analysisBig = NetworkAnalysis.Analyse(SyntheticNetwork.Framework, SyntheticNetwork.Cities(1000, seed: 42));
        var lm = Stopwatch.StartNew();
        var matrix = analysisBig.LearningMatrix();
        Console.WriteLine($"matrix {lm.ElapsedMilliseconds} ms");
        var cityEdges = new List<WeightedEdge>();
        for (var i = 0; i < 1000; i++)
        {
            for (var j = i + 1; j < 1000; j++)
            {
                if (matrix[i, j] > 0 && matrix[j, i] > 0)
                {
                    cityEdges.Add(new WeightedEdge(i, j, (long)((matrix[i, j] + matrix[j, i]) * 1e6)));
                }
            }
        }

        var cw = Stopwatch.StartNew();
        MaximumWeightMatching.Solve(1000, cityEdges);
        Console.WriteLine($"city blossom {cw.ElapsedMilliseconds} ms, {cityEdges.Count} edges");
        var w = Stopwatch.StartNew();
        MaximumWeightMatching.Solve(1000, edges);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"blossom alone, complete graph of 1000: {w.Elapsed.TotalMilliseconds:F0} ms"));
    }
}
