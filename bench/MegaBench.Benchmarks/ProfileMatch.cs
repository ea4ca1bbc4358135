using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Practices;
using MegaBench.Reports;

namespace MegaBench.Benchmarks;

/// <summary>
/// <c>-- --profile-match FILE [--network 1] [--runs 3]</c>: times, on a generated SQLite network, the parts of what
/// <c>megabench match</c> does, in the order it does them (load and score the network's latest published rounds,
/// the practice library, the analysis, the pairing, the explained matching, the text and the JSON), to find where
/// the command's time goes. <c>bench/match/run.sh</c> times the command itself.
/// </summary>
internal static class ProfileMatch
{
    public static async Task RunAsync(string[] args)
    {
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Option("--profile-match", "network.db")}" };
        var networkId = int.Parse(Option("--network", "1"), CultureInfo.InvariantCulture);
        var runs = int.Parse(Option("--runs", "3"), CultureInfo.InvariantCulture);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        for (var run = 0; run < runs; run++)
        {
            // Wall time, and the process's CPU time (all threads, the GC's included): on a machine shared with other
            // work, the CPU time is the figure that compares between runs.
            var watch = Stopwatch.StartNew();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var marks = new List<(string Part, TimeSpan At, TimeSpan Cpu)>();
            void Mark(string part)
            {
                process.Refresh();
                marks.Add((part, watch.Elapsed, process.TotalProcessorTime - cpuStart));
            }

            await using var db = DatabaseServiceCollectionExtensions.CreateContext(options);
            var scores = (await NetworkScores.LoadAsync(db, networkId, CancellationToken.None))!;
            Mark($"load and score {scores.Rounds.Count} rounds");
            var practices = await PracticeLibrary.ForThemesAsync(db, networkId, [], [], CancellationToken.None);
            Mark("practices");
            var analysis = scores.Analyse()!;
            Mark("analyse");
            var pairing = PeerPairing.Pair(analysis);
            Mark($"pair ({pairing.Groups.Count} groups)");
            var matching = NetworkMatching.Run(scores, PairingConstraints.None, practices)!;
            Mark("run (analyse, pair, explain)");
            var text = matching.ToText();
            Mark($"text ({text.Length / 1024} KB)");
            var document = JsonSerializer.Serialize(matching, json);
            Mark($"json ({document.Length / 1024} KB)");

            var (previous, previousCpu) = (TimeSpan.Zero, TimeSpan.Zero);
            Console.WriteLine(string.Join(", ", marks.Select(m =>
            {
                var part = string.Create(CultureInfo.InvariantCulture, $"{m.Part} {(m.At - previous).TotalMilliseconds:F0} ms (CPU {(m.Cpu - previousCpu).TotalMilliseconds:F0})");
                (previous, previousCpu) = (m.At, m.Cpu);
                return part;
            })));
        }
    }
}
