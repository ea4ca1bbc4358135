using Microsoft.Extensions.Configuration;

namespace MegaBench.Cli;

/// <summary>
/// What a command reads and writes besides its arguments: the output streams, the configuration and the
/// folder of built-in frameworks. Tests pass their own, so the whole command line runs in-process.
/// </summary>
public sealed record CliEnvironment(TextWriter Out, TextWriter Error, IConfiguration Configuration, string FrameworksDirectory)
{
    /// <summary>Standard input (e.g. a password piped to <c>admin create --password-stdin</c>); empty unless set.</summary>
    public TextReader In { get; init; } = TextReader.Null;

    /// <summary>
    /// The real process: console streams, configuration from environment variables (as the app reads them,
    /// e.g. <c>Database__Provider</c>), frameworks from <c>Frameworks__Directory</c> or the folder beside the executable.
    /// </summary>
    public static CliEnvironment FromProcess()
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return new CliEnvironment(Console.Out, Console.Error, configuration, DefaultFrameworksDirectory(configuration)) { In = Console.In };
    }

    public static string DefaultFrameworksDirectory(IConfiguration configuration) =>
        configuration["Frameworks:Directory"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(AppContext.BaseDirectory, "frameworks");
}

/// <summary>A mistake the user can fix (a wrong id, a missing file): printed as is, without a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
