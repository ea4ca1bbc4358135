using MegaBench.Tests.Frameworks;

namespace MegaBench.Tests.Cli;

public sealed class DatabaseCommandTests
{
    [Fact]
    public async Task Db_migrate_creates_the_database_then_finds_it_up_to_date()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "fresh.db");
        var configuration = CliRunner.Configuration("Sqlite", $"Data Source={file};Pooling=False");

        var first = await CliRunner.RunAsync(configuration, CliRunner.BuiltInFrameworks, "db", "migrate");
        var second = await CliRunner.RunAsync(configuration, CliRunner.BuiltInFrameworks, "db", "migrate");

        Assert.Equal(0, first.ExitCode);
        // Every migration of the SQLite set, however many there are by now.
        Assert.Matches(@"Applied [1-9]\d* migration\(s\) to the SQLite database " + System.Text.RegularExpressions.Regex.Escape(file), first.Out);
        Assert.True(File.Exists(file));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("is up to date", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_string_option_overrides_the_configuration()
    {
        using var folder = new TempFolder();
        var configured = Path.Combine(folder.Path, "configured.db");
        var chosen = Path.Combine(folder.Path, "chosen.db");
        var configuration = CliRunner.Configuration("Sqlite", $"Data Source={configured};Pooling=False");

        var result = await CliRunner.RunAsync(configuration, CliRunner.BuiltInFrameworks,
            "db", "migrate", "--connection-string", $"Data Source={chosen};Pooling=False");

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(chosen));
        Assert.False(File.Exists(configured));
    }

    [Fact]
    public async Task Command_on_a_database_not_migrated_says_to_run_db_migrate()
    {
        using var folder = new TempFolder();
        var configuration = CliRunner.Configuration("Sqlite", $"Data Source={Path.Combine(folder.Path, "new.db")};Pooling=False");

        var result = await CliRunner.RunAsync(configuration, CliRunner.BuiltInFrameworks, "export", "round", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Run `megabench db migrate` first", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_postgresql_server_is_a_clear_message_without_a_stack_trace()
    {
        var configuration = CliRunner.Configuration(null, null);

        var result = await CliRunner.RunAsync(configuration, CliRunner.BuiltInFrameworks,
            "--database-provider", "postgresql",
            "--connection-string", "Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Password=secret;Timeout=2",
            "db", "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The database could not be used", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgresql_without_a_connection_string_says_how_to_set_one()
    {
        var result = await CliRunner.RunAsync(CliRunner.Configuration(null, null), CliRunner.BuiltInFrameworks,
            "--database-provider", "postgresql", "db", "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Database__ConnectionString", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_command_or_option_value_fails_with_a_message()
    {
        var unknown = await CliRunner.RunAsync(CliRunner.Configuration(null, null), CliRunner.BuiltInFrameworks, "frobnicate");
        var badProvider = await CliRunner.RunAsync(CliRunner.Configuration(null, null), CliRunner.BuiltInFrameworks, "--database-provider", "oracle", "db", "migrate");

        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("frobnicate", unknown.Error, StringComparison.Ordinal);
        Assert.NotEqual(0, badProvider.ExitCode);
        Assert.Contains("oracle", badProvider.Error, StringComparison.Ordinal);
    }
}
