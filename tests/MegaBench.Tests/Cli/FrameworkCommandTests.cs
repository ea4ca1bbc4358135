using System.Text.Json.Nodes;
using MegaBench.Frameworks;
using MegaBench.Tests.Frameworks;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Cli;

public sealed class FrameworkCommandTests
{
    private static string MegaFile => Path.Combine(CliRunner.BuiltInFrameworks, "mega-2018.yaml");

    [Fact]
    public async Task Validate_prints_the_id_version_and_indicator_count_of_a_valid_file()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(database, "framework", "validate", MegaFile);

        Assert.Equal(0, result.ExitCode);
        var framework = FrameworkLoader.LoadFile(MegaFile);
        Assert.Equal($"valid: mega-2018 {framework.Version}, 76 indicators\n", result.Out.ReplaceLineEndings("\n"));
        Assert.Equal("", result.Error);
    }

    [Fact]
    public async Task Validate_of_a_broken_file_prints_the_loader_problems_on_stderr_and_exits_1()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        var path = folder.Write("broken.yaml", "id: broken\nversion: '1'\ntitle: [unclosed\n");

        var result = await CliRunner.RunAsync(database, "framework", "validate", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("broken.yaml:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_of_a_missing_file_names_it()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(database, "framework", "validate", "no-such-framework.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("There is no file", result.Error, StringComparison.Ordinal);
        Assert.Contains("no-such-framework.yaml", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_json_lists_the_76_statements_with_code_group_stage_text_and_themes()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(database, "framework", "export", "mega-2018", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FrameworkJson.Serialize(FrameworkLoader.LoadFile(MegaFile)), result.Out);
        var indicators = JsonNode.Parse(result.Out)!["indicators"]!.AsArray();
        Assert.Equal(76, indicators.Count);
        Assert.All(indicators, i =>
        {
            Assert.Matches(@"^(MUN|CCI|BUS|IBO)-[123]\.\d\d$", (string)i!["code"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)i["text"]));
            Assert.NotEmpty(i["themes"]!.AsArray());
        });
        var perGroupAndStage = indicators.GroupBy(i => $"{(string)i!["group"]!} {(int)i!["stage"]!}").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["MUN 1"] = 6, ["MUN 2"] = 14, ["MUN 3"] = 9,
                ["CCI 1"] = 6, ["CCI 2"] = 6, ["CCI 3"] = 6,
                ["BUS 1"] = 5, ["BUS 2"] = 6, ["BUS 3"] = 4,
                ["IBO 1"] = 4, ["IBO 2"] = 6, ["IBO 3"] = 4,
            },
            perGroupAndStage);
    }

    [Fact]
    public async Task Export_yaml_loads_back_to_the_same_framework()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(database, "framework", "export", "mega-2018", "--format", "yaml");

        Assert.Equal(0, result.ExitCode);
        var reloaded = FrameworkLoader.LoadFile(folder.Write("exported.yaml", result.Out));
        Assert.Equal(FrameworkJson.Serialize(FrameworkLoader.LoadFile(MegaFile)), FrameworkJson.Serialize(reloaded));
    }

    [Fact]
    public async Task Export_takes_the_newest_version_in_the_folder_unless_one_is_named()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        var older = new FrameworkBuilder().WithId("local", "2018.9").Build();
        var newer = new FrameworkBuilder().WithId("local", "2018.10").WithIndicatorsPerStage(1).Build();
        folder.Write("local-a.yaml", FrameworkYaml.Serialize(newer));
        folder.Write("local-b.yaml", FrameworkYaml.Serialize(older));

        var newest = await CliRunner.RunWithFrameworksAsync(database, folder.Path, "framework", "export", "local");
        var named = await CliRunner.RunWithFrameworksAsync(database, folder.Path, "framework", "export", "local", "--version", "2018.9");

        Assert.Equal(FrameworkJson.Serialize(newer), newest.Out);
        Assert.Equal(FrameworkJson.Serialize(older), named.Out);
    }

    [Fact]
    public async Task Export_of_a_framework_stored_only_in_the_database_reads_it_from_there()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        var framework = new FrameworkBuilder().WithId("stored-only", "3.0").Build();
        await using (var db = database.NewContext())
        {
            await FrameworkStore.RegisterAsync(db, framework, cancellationToken: TestContext.Current.CancellationToken);
        }

        var result = await CliRunner.RunWithFrameworksAsync(database, folder.Path, "framework", "export", "stored-only", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(FrameworkJson.Serialize(framework), result.Out);
    }

    [Fact]
    public async Task Export_of_an_unknown_framework_says_where_it_looked()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var folder = new TempFolder();
        folder.Write("broken.yaml", "id: [\n");

        var result = await CliRunner.RunWithFrameworksAsync(database, folder.Path, "framework", "export", "nowhere", "--version", "9");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("There is no framework \"nowhere\" version \"9\" in " + folder.Path, result.Error, StringComparison.Ordinal);
        Assert.Contains("broken.yaml", result.Error, StringComparison.Ordinal);
        Assert.Contains("nor in the database", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_in_an_unknown_format_is_refused_with_the_choices()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await CliRunner.RunAsync(database, "framework", "export", "mega-2018", "--format", "xml");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("json", result.Error, StringComparison.Ordinal);
        Assert.Contains("yaml", result.Error, StringComparison.Ordinal);
    }
}
