using MegaBench.Cli;
using MegaBench.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace MegaBench.Tests.Cli;

/// <summary>What a command printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs <c>megabench</c> in-process, with its database configured the way the process would read it from
/// <c>Database__Provider</c> and <c>Database__ConnectionString</c>, and captured output streams.
/// </summary>
internal static class CliRunner
{
    /// <summary>The frameworks folder copied beside the test assembly, as beside the real executable.</summary>
    public static string BuiltInFrameworks => Path.Combine(AppContext.BaseDirectory, "frameworks");

    public static Task<CliResult> RunAsync(TestDatabase database, params string[] args) =>
        RunAsync(Configuration(database.Options.Provider.ToString(), database.Options.ConnectionString), BuiltInFrameworks, args);

    public static Task<CliResult> RunWithFrameworksAsync(TestDatabase database, string frameworks, params string[] args) =>
        RunAsync(Configuration(database.Options.Provider.ToString(), database.Options.ConnectionString), frameworks, args);

    public static async Task<CliResult> RunAsync(IConfiguration configuration, string frameworks, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, configuration, frameworks);
        var code = await MegaBenchCli.RunAsync(args, environment, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public static IConfiguration Configuration(string? provider, string? connectionString) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["Database:ConnectionString"] = connectionString,
            })
            .Build();
}
