using System.CommandLine;
using System.Globalization;
using MegaBench.OpenData;
using MegaBench.Rounds;

namespace MegaBench.Cli.Commands;

/// <summary>
/// <c>megabench open-data terms|publish|list|download NETWORK_ID</c>: a network's open data (docs/open-data.md), as a
/// network administrator manages it on the network's open-data page, through the same library functions.
/// </summary>
internal static class OpenDataCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions options)
    {
        var command = new Command("open-data", "A network's open data: the licence and citation, numbered releases of its published results, and their files.");
        command.Subcommands.Add(Terms(environment, options));
        command.Subcommands.Add(Publish(environment, options));
        command.Subcommands.Add(List(environment, options));
        command.Subcommands.Add(Download(environment, options));
        return command;
    }

    private static Argument<int> NetworkId() =>
        new("NETWORK_ID") { Description = "The network's id (as in the app's address of the network)." };

    private static Command Terms(CliEnvironment environment, GlobalOptions options)
    {
        var id = NetworkId();
        var licence = new Option<string>("--licence")
        {
            Description = $"The licence's SPDX id, one of: {string.Join(", ", OpenLicence.All.Select(l => l.Id))}.",
            Required = true,
        };
        var citation = new Option<string?>("--citation") { Description = "How to cite the data (empty: no citation)." };
        var command = new Command("terms", "Set the licence and citation that the network's next release will carry.") { id, licence, citation };
        command.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var (chosen, cited) = (result.GetValue(licence)!, result.GetValue(citation));
            var problems = OpenDataReleases.CheckTerms(chosen, cited).Select(problem => problem switch
            {
                OpenDataReleases.TermsProblem.UnknownLicence =>
                    $"\"{chosen}\" is not a licence offered. Use one of: {string.Join(", ", OpenLicence.All.Select(l => l.Id))}.",
                _ => $"The citation is too long: use at most {TextLimits.OpenDataCitation.ToString("N0", CultureInfo.InvariantCulture)} characters.",
            }).ToList();
            if (problems.Count > 0)
            {
                throw new CliException(string.Join("\n", problems) + " Nothing was changed.");
            }

            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            await OpenDataReleases.SetTermsAsync(db, result.GetValue(id), chosen, cited, ct);
            await environment.Out.WriteLineAsync($"Network {result.GetValue(id)}: the next release will carry the licence {chosen}" +
                                                 (string.IsNullOrWhiteSpace(cited) ? " and no citation." : " and the citation given."));
            return MegaBenchCli.Success;
        }));
        return command;
    }

    private static Command Publish(CliEnvironment environment, GlobalOptions options)
    {
        var id = NetworkId();
        var command = new Command("publish", "Publish the network's published results as its next open-data release (numbered, never changed afterwards).") { id };
        command.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var networkId = result.GetValue(id);
            var release = await OpenDataReleases.PublishAsync(db, networkId, ct)
                ?? throw new CliException($"Network {networkId} has no published round yet: there is nothing to publish. Publish the cities' rounds first.");
            await environment.Out.WriteLineAsync(
                $"Network {networkId}: release {release.Number} published under {release.Licence}, {release.Rounds} round(s), " +
                $"{release.Files.Count} files ({string.Join(", ", release.Files.Select(f => f.Name))}).");
            return MegaBenchCli.Success;
        }));
        return command;
    }

    private static Command List(CliEnvironment environment, GlobalOptions options)
    {
        var id = NetworkId();
        var command = new Command("list", "List the network's open-data releases, newest first.") { id };
        command.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var networkId = result.GetValue(id);
            await ExistingNetworkAsync(db, networkId, ct);
            var releases = await OpenDataReleases.ListAsync(db, networkId, ct);
            if (releases.Count == 0)
            {
                await environment.Out.WriteLineAsync($"Network {networkId} has no open-data release yet: `megabench open-data publish {networkId}` makes the first.");
            }

            foreach (var release in releases)
            {
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"release {release.Number}\t{release.PublishedAt:yyyy-MM-dd HH:mm:ss}Z\t{release.Licence.Id}\t{release.Rounds} round(s)\t{release.Files.Count} files"));
            }

            return MegaBenchCli.Success;
        }));
        return command;
    }

    private static Command Download(CliEnvironment environment, GlobalOptions options)
    {
        var id = NetworkId();
        var number = new Option<int?>("--release") { Description = "The release's number (default: the latest)." };
        var output = new Option<string>("--output", "-o") { Description = "The folder to write the release's files into (created if missing).", Required = true };
        var command = new Command("download", "Write a release's files (datapackage.json and its CSV resources) into a folder.") { id, number, output };
        command.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var networkId = result.GetValue(id);
            await ExistingNetworkAsync(db, networkId, ct);
            var releases = await OpenDataReleases.ListAsync(db, networkId, ct);
            var wanted = result.GetValue(number);
            var release = (wanted is null ? (releases.Count > 0 ? releases[0] : null) : releases.FirstOrDefault(r => r.Number == wanted))
                ?? throw new CliException(wanted is null
                    ? $"Network {networkId} has no open-data release yet: `megabench open-data publish {networkId}` makes the first."
                    : $"Network {networkId} has no release {wanted}. Its releases: {(releases.Count == 0 ? "none" : string.Join(", ", releases.Select(r => r.Number)))}.");

            var folder = Path.GetFullPath(result.GetValue(output)!);
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot create the folder {folder}: {e.Message}");
            }

            foreach (var name in release.Files)
            {
                var file = (await OpenDataReleases.FileAsync(db, networkId, release.Number, name, ct))!;
                await ExportFiles.WriteAsync(environment, Path.Combine(folder, file.Name), stream => stream.WriteAsync(file.Content, ct).AsTask(), ct);
            }

            await environment.Out.WriteLineAsync($"Network {networkId}: release {release.Number}, {release.Files.Count} files written to {folder}.");
            return MegaBenchCli.Success;
        }));
        return command;
    }

    private static async Task ExistingNetworkAsync(Data.MegaBenchDbContext db, int networkId, CancellationToken ct)
    {
        if (await db.Networks.FindAsync([networkId], ct) is null)
        {
            throw new Reports.NetworkNotFoundException(networkId);
        }
    }
}
