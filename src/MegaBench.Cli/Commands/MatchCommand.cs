using System.CommandLine;
using System.Text.Json;
using MegaBench.Data;
using MegaBench.Matching;
using MegaBench.Practices;
using MegaBench.Reports;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Cli.Commands;

/// <summary><c>megabench match NETWORK_ID [--across-countries] [--exclude A,B]... [--force A,B]...</c>: the peer-review pairs of a network, with their reasons.</summary>
internal static class MatchCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Build(CliEnvironment environment, GlobalOptions options)
    {
        var id = new Argument<int>("NETWORK_ID") { Description = "The network's id (as in the app's address of the network)." };
        var across = new Option<bool>("--across-countries") { Description = "Pair cities of different countries only." };
        var exclude = new Option<string[]>("--exclude")
        {
            Description = "A pair never to form, as two city names or ids separated by a comma (\"Lyon,Turin\"); repeat for more pairs.",
            AllowMultipleArgumentsPerToken = false,
        };
        var force = new Option<string[]>("--force")
        {
            Description = "A pair to form whatever the values, as two city names or ids separated by a comma (\"Lyon,Turin\"); repeat for more pairs.",
            AllowMultipleArgumentsPerToken = false,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (for reading) or json (every figure and reason).",
            DefaultValueFactory = _ => "text",
        }.AcceptOnlyFromAmong("text", "json");
        var lang = CliLanguage.Option();
        var match = new Command("match", "Pair the cities of a network for peer review, on their latest published rounds, so that the network learns the most.")
        {
            id, across, exclude, force, format, lang,
        };
        match.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var networkId = result.GetValue(id);
            var (scores, matching) = await CliProgress.RunAsync(environment, result.GetValue(options.Quiet), $"Network {networkId}", async progress =>
            {
                progress?.Report(new WorkProgress("Loading and scoring the published rounds", 0, null, "rounds"));
                var scores = await NetworkScores.LoadAsync(db, networkId, ct)
                    ?? throw new CliException($"There is no network {networkId}.{await ListNetworksAsync(db, ct)}");
                progress?.Report(new WorkProgress("Pairing the cities", scores.Rounds.Count, null, "rounds"));
                try
                {
                    var cities = scores.MatchingCities;
                    var excluded = (result.GetValue(exclude) ?? []).Select(text => NetworkMatching.ParsePair(cities, text)).ToList();
                    var forced = (result.GetValue(force) ?? []).Select(text => NetworkMatching.ParsePair(cities, text)).ToList();
                    var practices = await PracticeLibrary.ForThemesAsync(db, networkId, [], [], ct);
                    var matching = NetworkMatching.Run(scores, new PairingConstraints { AcrossCountriesOnly = result.GetValue(across), Excluded = excluded, Forced = forced }, practices);
                    progress?.Report(new WorkProgress("Matched", scores.Rounds.Count, scores.Rounds.Count, "rounds"));
                    return (scores, matching);
                }
                catch (MatchingInputException e)
                {
                    throw new CliException(e.Message);
                }
            });

            if (matching is null)
            {
                throw new CliException($"Network {networkId} (\"{scores.Network.Name}\") has no published round to match. Publish the cities' rounds first.");
            }

            await environment.Out.WriteAsync(result.GetValue(format) == "json"
                ? JsonSerializer.Serialize(matching, Json) + "\n"
                : matching.ToText(CliLanguage.Text(result, lang), scores.Framework));
            return MegaBenchCli.Success;
        }));
        return match;
    }

    private static async Task<string> ListNetworksAsync(MegaBenchDbContext db, CancellationToken ct)
    {
        var networks = await db.Networks.OrderBy(n => n.Id).Take(30).Select(n => new { n.Id, n.Name }).ToListAsync(ct);
        return networks.Count == 0
            ? " The database holds no network yet (`megabench demo` loads the demo network)."
            : "\nNetworks in this database:\n" + string.Join("\n", networks.Select(n => $"  {n.Id,5}  {n.Name}"));
    }
}
