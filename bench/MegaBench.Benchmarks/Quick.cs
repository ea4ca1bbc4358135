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

        var w = Stopwatch.StartNew();
        MaximumWeightMatching.Solve(1000, edges);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"blossom alone, complete graph of 1000: {w.Elapsed.TotalMilliseconds:F0} ms"));
    }
}
