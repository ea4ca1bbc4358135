using System.CommandLine;
using System.Text;
using MegaBench.Data;
using MegaBench.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Cli.Commands;

/// <summary><c>megabench export round</c> and <c>megabench import round</c>: the lossless round JSON file.</summary>
internal static class RoundCommands
{
    public static Command BuildExport(CliEnvironment environment, GlobalOptions options)
    {
        var id = new Argument<int>("ID") { Description = "The round's id (as in the app's address of the round)." };
        var format = new Option<string>("--format")
        {
            Description = "json: the whole round, lossless, for import elsewhere.",
            DefaultValueFactory = _ => "json",
        };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output)." };
        var round = new Command("round", "Export one round of a city.") { id, format, output };
        round.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var chosen = result.GetValue(format)!;
            if (!string.Equals(chosen, "json", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"A round cannot be exported as \"{chosen}\" yet: only --format json is available in this version. " +
                                       "CSV, XLSX, DOCX and PDF exports of a round come in a later release.");
            }

            var database = options.Database(result, environment);
            await using var db = CliDatabase.Open(database);
            await CliDatabase.EnsureMigratedAsync(db, database, ct);
            var roundId = result.GetValue(id);
            using var buffer = new MemoryStream();
            try
            {
                await RoundExporter.ExportAsync(db, roundId, buffer, ct);
            }
            catch (RoundNotFoundException e)
            {
                throw new CliException(e.Message + await ListRoundsAsync(db, ct));
            }

            // Written only once complete, so that a failed export never leaves half a file.
            var path = result.GetValue(output);
            if (path is null)
            {
                await environment.Out.WriteAsync(Encoding.UTF8.GetString(buffer.ToArray()));
                return MegaBenchCli.Success;
            }

            try
            {
                await File.WriteAllBytesAsync(path, buffer.ToArray(), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"Cannot write {path}: {e.Message}");
            }

            await environment.Out.WriteLineAsync($"Round {roundId} written to {Path.GetFullPath(path)}.");
            return MegaBenchCli.Success;
        }));

        var export = new Command("export", "Export data.");
        export.Subcommands.Add(round);
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

            var database = options.Database(result, environment);
            await using var db = CliDatabase.Open(database);
            await CliDatabase.EnsureMigratedAsync(db, database, ct);
            using var input = new MemoryStream(bytes);
            var imported = await RoundImporter.ImportAsync(db, input, ct);
            await environment.Out.WriteLineAsync(
                $"Imported {imported.City!.Name} ({imported.City.Country}) {imported.Year} into network \"{imported.City.Network!.Name}\": " +
                $"{imported.Organisations.Count} organisations, {imported.Organisations.Sum(o => o.Answers.Count)} answers. " +
                $"Its round id is {imported.Id}.");
            return MegaBenchCli.Success;
        }));

        var import = new Command("import", "Import data.");
        import.Subcommands.Add(round);
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
