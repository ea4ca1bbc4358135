using System.CommandLine;
using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Cli.Commands;

/// <summary><c>megabench export round|network</c> and <c>megabench import round|network</c>.</summary>
internal static class RoundCommands
{
    public static Command BuildExport(CliEnvironment environment, GlobalOptions options)
    {
        var id = new Argument<int>("ID") { Description = "The round's id (as in the app's address of the round)." };
        var format = new Option<string>("--format")
        {
            Description = "json: the whole round, lossless, for import elsewhere; csv: one row per organisation and statement; " +
                          "xlsx: the assessment sheets and scores; docx: the city report, editable; pdf: the city report, printed by Chromium.",
            DefaultValueFactory = _ => "json",
        };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output, for json and csv only)." };
        var chromium = new Option<string?>("--chromium") { Description = $"The Chromium executable for pdf (default: setting {ChromiumPdf.ConfigurationKey}, else chromium on the PATH)." };
        var lang = CliLanguage.Option();
        var round = new Command("round", "Export one round of a city.") { id, format, output, chromium, lang };
        round.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var chosen = result.GetValue(format)!;
            if (!RoundExports.TryParse(chosen, out var exportFormat))
            {
                throw new CliException($"\"{chosen}\" is not an export format. Use --format with one of: {RoundExports.Names}.");
            }

            var path = result.GetValue(output);
            if (path is null && exportFormat is RoundExportFormat.Xlsx or RoundExportFormat.Docx or RoundExportFormat.Pdf)
            {
                throw new CliException($"A {RoundExports.Extension(exportFormat)} file cannot be written to the terminal: name the file with --output, e.g. --output round.{RoundExports.Extension(exportFormat)}.");
            }

            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var roundId = result.GetValue(id);
            var chromiumPath = result.GetValue(chromium) ?? environment.Configuration[ChromiumPdf.ConfigurationKey];
            try
            {
                await ExportFiles.WriteAsync(environment, path, stream => RoundExports.WriteAsync(db, roundId, exportFormat, stream, chromiumPath, CliLanguage.Text(result, lang), ct), ct);
            }
            catch (RoundNotFoundException e)
            {
                throw new CliException(e.Message + await ListRoundsAsync(db, ct));
            }
            catch (Exception e) when (e is ChromiumNotFoundException or PdfRenderException)
            {
                throw new CliException(e.Message);
            }

            if (path is not null)
            {
                await environment.Out.WriteLineAsync($"Round {roundId} written to {Path.GetFullPath(path)}.");
            }

            return MegaBenchCli.Success;
        }));

        var networkId = new Argument<int>("ID") { Description = "The network's id." };
        var networkFormat = new Option<string>("--format")
        {
            Description = "json: every round, lossless, re-importable with `megabench import network`; csv: one row per organisation and statement of every round.",
            DefaultValueFactory = _ => "json",
        };
        var networkOutput = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output)." };
        var network = new Command("network", "Export every round of a network, one round at a time (any size of network).") { networkId, networkFormat, networkOutput };
        network.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var chosen = result.GetValue(networkFormat)!.ToLowerInvariant();
            if (chosen is not ("json" or "csv"))
            {
                throw new CliException($"\"{chosen}\" is not a network export format. Use --format json or --format csv.");
            }

            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var id = result.GetValue(networkId);
            var path = result.GetValue(networkOutput);
            try
            {
                await CliProgress.RunAsync(environment, result.GetValue(options.Quiet), $"Network {id}", async progress =>
                {
                    await ExportFiles.WriteAsync(environment, path, stream => chosen == "csv"
                        ? RoundCsv.WriteNetworkAsync(db, id, stream, ct, progress)
                        : NetworkJson.ExportAsync(db, id, stream, ct, progress), ct);
                    return true;
                });
            }
            catch (NetworkNotFoundException e)
            {
                var networks = await db.Networks.OrderBy(n => n.Id).Take(30).Select(n => new { n.Id, n.Name }).ToListAsync(ct);
                throw new CliException(e.Message + (networks.Count == 0
                    ? "\nThe database holds no network yet (`megabench demo` loads the demo network)."
                    : "\nNetworks in this database:\n" + string.Join("\n", networks.Select(n => $"  {n.Id,5}  {n.Name}"))));
            }

            if (path is not null)
            {
                await environment.Out.WriteLineAsync($"Network {id} written to {Path.GetFullPath(path)}.");
            }

            return MegaBenchCli.Success;
        }));

        var export = new Command("export", "Export data.");
        export.Subcommands.Add(round);
        export.Subcommands.Add(network);
        export.Subcommands.Add(CycleCommands.BuildExport(environment, options));
        return export;
    }

    public static Command BuildImport(CliEnvironment environment, GlobalOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "A round file written by `megabench export round --format json`." };
        var round = new Command("round", "Import a round file as a new round; the whole file is checked first and nothing is written on any problem.") { file };
        round.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var path = result.GetValue(file)!;
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot read {path}: {e.Message}");
            }

            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            using var input = new MemoryStream(bytes);
            var imported = await RoundImporter.ImportAsync(db, input, ct);
            await environment.Out.WriteLineAsync(
                $"Imported {imported.City!.Name} ({imported.City.Country}) {imported.Year} into network \"{imported.City.Network!.Name}\": " +
                $"{imported.Organisations.Count} organisations, {imported.Organisations.Sum(o => o.Answers.Count)} answers. " +
                $"Its round id is {imported.Id}.");
            return MegaBenchCli.Success;
        }));

        var networkFile = new Argument<string>("FILE") { Description = "A network file written by `megabench export network --format json`." };
        var network = new Command("network", "Import every round of a network file; all or nothing: on any problem nothing is written.") { networkFile };
        network.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var path = result.GetValue(networkFile)!;
            FileStream input;
            try
            {
                input = File.OpenRead(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot read {path}: {e.Message}");
            }

            await using (input)
            {
                await using var db = await options.OpenDatabaseAsync(result, environment, ct);
                var (rounds, name) = await CliProgress.RunAsync(environment, result.GetValue(options.Quiet), Path.GetFileName(path),
                    progress => NetworkJson.ImportAsync(db, input, ct, progress));
                await environment.Out.WriteLineAsync($"Imported {rounds} rounds into network \"{name}\".");
            }

            return MegaBenchCli.Success;
        }));

        var import = new Command("import", "Import data.");
        import.Subcommands.Add(round);
        import.Subcommands.Add(network);
        import.Subcommands.Add(CycleCommands.BuildImport(environment, options));
        return import;
    }

    /// <summary>The rounds a user may have meant, so that a wrong id is easy to correct.</summary>
    private static async Task<string> ListRoundsAsync(MegaBenchDbContext db, CancellationToken ct)
    {
        var rounds = await db.Rounds.OrderBy(r => r.Id).Take(30)
            .Select(r => new { r.Id, City = r.City!.Name, r.Year, Network = r.City.Network!.Name })
            .ToListAsync(ct);
        return rounds.Count == 0
            ? "\nThe database holds no round yet (`megabench demo` loads the demo network)."
            : "\nRounds in this database:\n" + string.Join("\n", rounds.Select(r => $"  {r.Id,5}  {r.City} {r.Year} ({r.Network})"));
    }
}
