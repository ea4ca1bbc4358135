using MegaBench.Demo;
using MegaBench.Tests.Frameworks;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Rounds;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Cli;

public sealed class RoundCommandTests
{
    [Fact]
    public async Task Export_to_a_file_then_import_elsewhere_then_export_gives_the_same_file()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        int roundId;
        await using (var db = source.NewContext())
        {
            roundId = (await RoundBuilder.Rich().SaveAsync(db)).Id;
        }

        var first = Path.Combine(folder.Path, "round.json");
        var exported = await CliRunner.RunAsync(source, "export", "round", roundId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json", "--output", first);
        var imported = await CliRunner.RunAsync(target, "import", "round", first);
        int importedId;
        await using (var db = target.NewContext())
        {
            importedId = await db.Rounds.Select(r => r.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        var second = Path.Combine(folder.Path, "again.json");
        var again = await CliRunner.RunAsync(target, "export", "round", importedId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", second);

        Assert.Equal(0, exported.ExitCode);
        Assert.Contains($"Round {roundId} written to {first}", exported.Out, StringComparison.Ordinal);
        Assert.Equal(0, imported.ExitCode);
        Assert.Contains($"Imported Zürich-sur-Mer (Ατλαντίδα) 2018 into network \"Réseau « test » ✓\": 6 organisations", imported.Out, StringComparison.Ordinal);
        Assert.Contains($"Its round id is {importedId}.", imported.Out, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(await File.ReadAllBytesAsync(first, TestContext.Current.CancellationToken), await File.ReadAllBytesAsync(second, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Export_without_output_writes_the_file_to_stdout()
    {
        await using var database = await TestDatabase.CreateAsync();
        int roundId;
        byte[] expected;
        await using (var db = database.NewContext())
        {
            roundId = (await RoundBuilder.Rich().SaveAsync(db)).Id;
            expected = await RoundFiles.ExportAsync(db, roundId);
        }

        var result = await CliRunner.RunAsync(database, "export", "round", roundId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), result.Out);
    }

    [Fact]
    public async Task Export_in_an_unknown_format_lists_the_formats()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(database, "export", "round", "1", "--format", "odt", "--output", "unused");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("\"odt\" is not an export format. Use --format with one of: csv, xlsx, docx, pdf, json.", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists("unused"));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("docx")]
    [InlineData("pdf")]
    public async Task Binary_export_to_the_terminal_asks_for_an_output_file(string format)
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(database, "export", "round", "1", "--format", format);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"name the file with --output, e.g. --output round.{format}", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "network,city,")]
    [InlineData("xlsx", "PK")]
    [InlineData("docx", "PK")]
    public async Task Export_writes_the_file_in_the_format_asked(string format, string start)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var folder = Directory.CreateTempSubdirectory("megabench-cli-export-");
        try
        {
            var file = Path.Combine(folder.FullName, $"round.{format}");

            var result = await CliRunner.RunAsync(database, "export", "round", $"{round.RoundId}", "--format", format, "--output", file);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.StartsWith(start, System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken)), StringComparison.Ordinal);
            Assert.Single(folder.GetFiles());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Export_of_an_unknown_round_lists_the_rounds_there_are()
    {
        await using var database = await TestDatabase.CreateAsync();
        int roundId;
        await using (var db = database.NewContext())
        {
            roundId = (await RoundBuilder.Rich().Minimal().SaveAsync(db)).Id;
        }

        var result = await CliRunner.RunAsync(database, "export", "round", "987654");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("There is no round with id 987654", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{roundId}  Zürich-sur-Mer 2018", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_of_a_malformed_file_writes_nothing_and_exits_1_with_the_line()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        var path = folder.Write("bad.json", "{\n  \"format\": \"megabench-round\",\n  \"formatVersion\": 1,\n  oops\n}\n");

        var result = await CliRunner.RunAsync(database, "import", "round", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Line 4, position 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Rounds.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_of_a_missing_file_names_it()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(database, "import", "round", "no-such-round.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Cannot read no-such-round.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_loads_the_mega_framework_and_the_demo_network_once()
    {
        await using var database = await TestDatabase.CreateAsync();

        var first = await CliRunner.RunAsync(database, "demo");
        var second = await CliRunner.RunAsync(database, "demo");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"Loaded the demo network \"{DemoNetwork.NetworkName}\": 6 fictional cities", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("is already loaded", second.Out, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal("mega-2018", await db.Frameworks.Select(f => f.FrameworkId).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Demo_without_the_framework_file_says_where_it_looked()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();

        var result = await CliRunner.RunWithFrameworksAsync(database, folder.Path, "demo");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(Path.Combine(folder.Path, "mega-2018.yaml"), result.Error, StringComparison.Ordinal);
        Assert.Contains("Frameworks__Directory", result.Error, StringComparison.Ordinal);
    }
}
