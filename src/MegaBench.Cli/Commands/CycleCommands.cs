using System.CommandLine;
using MegaBench.Learning;

namespace MegaBench.Cli.Commands;

/// <summary><c>megabench export cycle</c> and <c>megabench import cycle</c>: a learning cycle's file (docs/learning-cycle.md).</summary>
internal static class CycleCommands
{
    public static Command BuildExport(CliEnvironment environment, GlobalOptions options)
    {
        var id = new Argument<int>("ID") { Description = "The learning cycle's id (as in the app's address of the cycle)." };
        var format = new Option<string>("--format")
        {
            Description = "json: the whole cycle, lossless, re-importable with `megabench import cycle`; csv: one row per action.",
            DefaultValueFactory = _ => "json",
        };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output)." };
        var command = new Command("cycle", "Export a learning cycle: its reviews, threads, evidence, visits, reports and action plans.") { id, format, output };
        command.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var chosen = result.GetValue(format)!.ToLowerInvariant();
            if (chosen is not ("json" or "csv"))
            {
                throw new CliException($"\"{chosen}\" is not a cycle export format. Use --format json or --format csv.");
            }

            await using var db = await options.OpenDatabaseAsync(result, environment, ct);
            var cycleId = result.GetValue(id);
            var path = result.GetValue(output);
            try
            {
                await ExportFiles.WriteAsync(environment, path, async stream =>
                {
                    if (chosen == "json")
                    {
                        await stream.WriteAsync(await CycleFile.ExportJsonAsync(db, cycleId, ct), ct);
                    }
                    else
                    {
                        await CycleFile.ExportCsvAsync(db, cycleId, stream, ct);
                    }
                }, ct);
            }
            catch (CycleFileException e)
            {
                throw new CliException(e.Message);
            }

            if (path is not null)
            {
                await environment.Out.WriteLineAsync($"Cycle {cycleId} written to {Path.GetFullPath(path)}.");
            }

            return MegaBenchCli.Success;
        }));
        return command;
    }

    public static Command BuildImport(CliEnvironment environment, GlobalOptions options)
    {
        var file = new Argument<string>("FILE") { Description = "A cycle file written by `megabench export cycle --format json`." };
        var network = new Option<int>("--network") { Description = "The id of the network whose cities and rounds the cycle names.", Required = true };
        var command = new Command("cycle", "Import a learning cycle file into a network as a new cycle; the whole file is checked first and nothing is written on any problem.") { file, network };
        command.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
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
            try
            {
                var cycle = await CycleFile.ImportAsync(db, result.GetValue(network), bytes, ct);
                await environment.Out.WriteLineAsync($"Imported the cycle \"{cycle.Name}\" with {cycle.Reviews.Count} reviews. Its id is {cycle.Id}.");
            }
            catch (CycleFileException e)
            {
                throw new CliException("The cycle file was not imported; nothing was written:" + Environment.NewLine + string.Join(Environment.NewLine, e.Problems.Select(p => "  " + p)));
            }

            return MegaBenchCli.Success;
        }));
        return command;
    }
}
