using System.CommandLine;
using System.Data.Common;
using MegaBench.Data;
using MegaBench.Frameworks;

namespace MegaBench.Cli.Commands;

/// <summary><c>megabench framework validate</c> and <c>megabench framework export</c>.</summary>
internal static class FrameworkCommands
{
    public static Command Build(CliEnvironment environment, GlobalOptions options)
    {
        var framework = new Command("framework", "Check and print benchmark frameworks.");
        framework.Subcommands.Add(BuildValidate(environment));
        framework.Subcommands.Add(BuildExport(environment, options));
        return framework;
    }

    private static Command BuildValidate(CliEnvironment environment)
    {
        var file = new Argument<string>("FILE") { Description = "A framework YAML file." };
        var validate = new Command("validate", "Check a framework file; every problem is reported as file:line:column: message.") { file };
        validate.SetAction((result, _) => MegaBenchCli.Guard(environment, async () =>
        {
            var path = result.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException($"There is no file {Path.GetFullPath(path)}.");
            }

            var loaded = FrameworkLoader.LoadFile(path);
            await environment.Out.WriteLineAsync($"valid: {loaded.Id} {loaded.Version}, {loaded.Indicators.Count()} indicators");
            return MegaBenchCli.Success;
        }));
        return validate;
    }

    private static Command BuildExport(CliEnvironment environment, GlobalOptions options)
    {
        var id = new Argument<string>("ID") { Description = "The framework id, e.g. mega-2018." };
        var version = new Option<string?>("--version") { Description = "The version (default: the newest)." };
        var format = new Option<string>("--format")
        {
            Description = "json (canonical, every indicator with code, group, stage, text and themes) or yaml (the file format).",
            DefaultValueFactory = _ => "json",
        }.AcceptOnlyFromAmong("json", "yaml");
        var export = new Command("export", "Print a framework, from the frameworks folder or, when stored there only, from the database.") { id, version, format };
        export.SetAction((result, ct) => MegaBenchCli.Guard(environment, async () =>
        {
            var wanted = result.GetValue(id)!;
            var wantedVersion = result.GetValue(version);
            var framework = FromFolder(environment.FrameworksDirectory, wanted, wantedVersion, out var folderNote);
            var databaseNote = "";
            if (framework is null)
            {
                (framework, databaseNote) = await FromDatabaseAsync(options.Database(result, environment), wanted, wantedVersion, ct);
            }

            if (framework is null)
            {
                var what = wantedVersion is null ? $"framework \"{wanted}\"" : $"framework \"{wanted}\" version \"{wantedVersion}\"";
                throw new CliException($"There is no {what} in {environment.FrameworksDirectory}{folderNote}, nor in the database{databaseNote}. " +
                                       "Check the id with `megabench framework validate FILE`, which prints a file's id and version.");
            }

            await environment.Out.WriteAsync(result.GetValue(format) == "yaml"
                ? FrameworkYaml.Serialize(framework)
                : FrameworkJson.Serialize(framework));
            return MegaBenchCli.Success;
        }));
        return export;
    }

    private static Framework? FromFolder(string directory, string id, string? version, out string note)
    {
        note = "";
        if (!Directory.Exists(directory))
        {
            note = " (the folder does not exist)";
            return null;
        }

        // Files are read one by one, so that a broken file does not hide a good one; a broken file that
        // may be the one asked for is named in the message.
        var matches = new List<Framework>();
        var broken = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory, "*" + FrameworkLoader.FileExtension).Order(StringComparer.Ordinal))
        {
            try
            {
                var framework = FrameworkLoader.LoadFile(path);
                if (framework.Id == id && (version is null || framework.Version == version))
                {
                    matches.Add(framework);
                }
            }
            catch (FrameworkLoadException)
            {
                broken.Add(Path.GetFileName(path));
            }
        }

        if (matches.Count == 0)
        {
            if (broken.Count > 0)
            {
                note = $" (these files have problems: {string.Join(", ", broken)}; run `megabench framework validate` on them)";
            }

            return null;
        }

        return matches.OrderByDescending(f => f.Version, VersionOrder.Instance).First();
    }

    private static async Task<(Framework? Framework, string Note)> FromDatabaseAsync(DatabaseOptions options, string id, string? version, CancellationToken ct)
    {
        // Reading must not create an empty SQLite file where there was none.
        if (CliDatabase.SqliteFile(options) is { } file && !File.Exists(file))
        {
            return (null, $" (there is no database file {file})");
        }

        try
        {
            await using var db = CliDatabase.Open(options);
            var stored = version is null
                ? await FrameworkStore.FindLatestAsync(db, id, ct)
                : await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                    db.Frameworks, f => f.FrameworkId == id && f.Version == version, ct);
            return (stored is null ? null : FrameworkStore.Read(stored), $" ({CliDatabase.Describe(options)})");
        }
        catch (DbException e)
        {
            return (null, $" (the {CliDatabase.Describe(options)} could not be read: {e.Message})");
        }
    }

    /// <summary>Orders versions such as "2018", "2018.1", "2018.10" by their numeric parts, then as text.</summary>
    private sealed class VersionOrder : IComparer<string>
    {
        public static readonly VersionOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('.', '-');
            var b = (y ?? "").Split('.', '-');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var order = long.TryParse(a[i], out var na) && long.TryParse(b[i], out var nb)
                    ? na.CompareTo(nb)
                    : string.CompareOrdinal(a[i], b[i]);
                if (order != 0)
                {
                    return order;
                }
            }

            return a.Length.CompareTo(b.Length);
        }
    }
}
