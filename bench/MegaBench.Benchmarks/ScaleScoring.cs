using System.Diagnostics;
using System.Globalization;
using MegaBench.Scoring;

namespace MegaBench.Benchmarks;

/// <summary>
/// <c>-- --scale-scoring [--cities 1000] [--organisations-per-group 40]</c>: builds the network's answers in memory,
/// scores every city five times with a stopwatch, and prints the times and the process's peak memory (answers
/// included, since they have to be in memory to be scored). Targets: under 1 s, peak under 1.5 GB. The CPU time
/// beside each wall time tells how much of it the process really ran, on a machine shared with other work.
/// </summary>
internal static class ScaleScoring
{
    public static void Run(string[] args)
    {
        string Option(string name, string fallback) => BenchArgs.Option(args, name, fallback);

        var cities = int.Parse(Option("--cities", "1000"), CultureInfo.InvariantCulture);
        var perGroup = int.Parse(Option("--organisations-per-group", "40"), CultureInfo.InvariantCulture);
        var framework = InMemoryNetwork.MegaFramework;
        var built = Stopwatch.StartNew();
        var network = InMemoryNetwork.Answers(framework, cities, perGroup, seed: 2018);
        var answers = network.Sum(c => c.Sum(o => o.Answers.Count));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{cities} cities × {perGroup} organisations per group: {network.Sum(c => c.Count):N0} organisations, {answers:N0} answers, built in {built.Elapsed.TotalSeconds:F1} s; managed heap {GC.GetTotalMemory(true) / 1e6:F0} MB"));

        for (var run = 1; run <= 5; run++)
        {
            using var self = Process.GetCurrentProcess();
            var cpu = self.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var scores = new List<CityScore>(network.Count);
            foreach (var city in network)
            {
                scores.Add(Scorer.Score(framework, city));
            }

            watch.Stop();
            self.Refresh();
            var cpuUsed = self.TotalProcessorTime - cpu;
            var checksum = scores.Sum(s => s.Groups.Sum(g => g.EcosystemLevel + (g.MedianLevel ?? 0)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: scored {scores.Count} cities in {watch.Elapsed.TotalMilliseconds:F0} ms (CPU {cpuUsed.TotalMilliseconds:F0} ms), allocated {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1e6:F0} MB (checksum {checksum})"));
        }

        using var process = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak working set {process.PeakWorkingSet64 / 1e6:F0} MB"));
    }
}
