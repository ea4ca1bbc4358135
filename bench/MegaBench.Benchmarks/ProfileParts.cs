using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Practices;
using MegaBench.Reports;

namespace MegaBench.Benchmarks;

/// <summary>Times, on a generated SQLite network, the parts of what a page or a command does, to find where its time goes.</summary>
internal static class ProfileParts
{
    /// <summary>
    /// <c>-- --profile-parts FILE [--round 30]</c>: the parts of what the city profile page does (load and score the
    /// round; load and score the network's latest published rounds; analyse the network), ten times each.
    /// </summary>
    public static async Task RunAsync(string[] args)
    {
        var options = BenchArgs.Sqlite(BenchArgs.Option(args, "--profile-parts", "network.db"));
        var roundId = Number(args, "--round", "30");
        for (var run = 0; run < 10; run++)
        {
            await using var db = DatabaseServiceCollectionExtensions.CreateContext(options);
            var watch = Stopwatch.StartNew();
            var scored = (await RoundScores.LoadAsync(db, roundId, CancellationToken.None))!;
            var round = watch.Elapsed;
            var network = (await NetworkScores.LoadAsync(db, scored.City.NetworkId, CancellationToken.None, focus: scored))!;
            var loaded = watch.Elapsed;
            var analysis = network.Analyse();
            var analysed = watch.Elapsed;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round.TotalMilliseconds:F1} ms, network of {network.Rounds.Count} rounds {(loaded - round).TotalMilliseconds:F1} ms, analysis {(analysed - loaded).TotalMilliseconds:F1} ms{(analysis is null ? " (none)" : "")}"));
        }
    }

    /// <summary>
    /// <c>-- --profile-match FILE [--network 1] [--runs 3]</c>: times the parts of what <c>megabench match</c> does,
    /// in the order it does them (load and score the network's latest published rounds, the practice library, the
    /// analysis, the pairing, the explained matching, the text and the JSON), to find where the command's time goes.
    /// <c>bench/match/run.sh</c> times the command itself.
    /// </summary>
    public static async Task MatchAsync(string[] args)
    {
        var options = BenchArgs.Sqlite(BenchArgs.Option(args, "--profile-match", "network.db"));
        var (networkId, runs) = (Number(args, "--network", "1"), Number(args, "--runs", "3"));
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

    private static int Number(string[] args, string name, string fallback) =>
        int.Parse(BenchArgs.Option(args, name, fallback), CultureInfo.InvariantCulture);
}
