using System.Diagnostics;
using System.Globalization;
using MegaBench.Data;
using MegaBench.Reports;

namespace MegaBench.Benchmarks;

/// <summary>
/// <c>-- --profile-parts FILE [--round 30]</c>: times, on a generated SQLite network, the parts of what the city
/// profile page does (load and score the round; load and score the network's latest published rounds; analyse the
/// network), ten times each, to find where the page's time goes.
/// </summary>
internal static class ProfileParts
{
    public static async Task RunAsync(string[] args)
    {
        string Option(string name, string fallback)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
        }

        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Option("--profile-parts", "network.db")}" };
        var roundId = int.Parse(Option("--round", "30"), CultureInfo.InvariantCulture);
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
}
