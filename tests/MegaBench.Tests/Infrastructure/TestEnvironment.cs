namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// What the test run may use. On a developer's machine a missing PostgreSQL server is a visible skip;
/// under CI (<c>CI=true</c>) it is a failure, because CI must test both providers.
/// </summary>
public static class TestEnvironment
{
    /// <summary>Connection string of a PostgreSQL server whose user may create databases.</summary>
    public const string PostgresVariable = "MEGABENCH_TEST_POSTGRES";

    /// <summary>"sqlite" (default) or "postgres": the provider of the general integration tests.</summary>
    public const string ProviderVariable = "MEGABENCH_TEST_PROVIDER";

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool UsePostgresForIntegration =>
        string.Equals(Environment.GetEnvironmentVariable(ProviderVariable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the server's connection string, or skips (fails under CI) when none is configured.</summary>
    public static string RequirePostgres()
    {
        if (PostgresConnectionString is { } connectionString)
        {
            return connectionString;
        }

        var reason = $"No PostgreSQL server: set {PostgresVariable} to a connection string whose user may create databases (.ci/run does).";
        if (IsCi)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return "";
    }

    /// <summary>
    /// Returns the full path of an external program (libreoffice, chromium, pdftotext) found on the PATH, or
    /// skips (fails under CI, whose image installs them: see .ci/run) when it is not installed.
    /// </summary>
    public static string RequireTool(string name, string install)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        var reason = $"{name} is not installed: {install}.";
        if (IsCi)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return "";
    }

    /// <summary>The path of a program on the PATH, or null.</summary>
    public static string? FindTool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);

    /// <summary>The checkout's root folder (the one with MegaBench.slnx): tests run from bin/&lt;configuration&gt;/&lt;framework&gt;, the files they read stay in the checkout.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MegaBench.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The test runs outside a MegaBench checkout: no MegaBench.slnx above " + AppContext.BaseDirectory);
    }
}

/// <summary>
/// The trait of the pure-logic tests: <c>[Trait(TestCategory.Name, TestCategory.Unit)]</c> on a class whose tests
/// use no database, no web host, no server and no external program, so that they run alone in seconds
/// (<c>--filter-trait "Category=Unit"</c>, docs/testing.md). <see cref="TestDatabase"/> refuses such a test.
/// </summary>
public static class TestCategory
{
    public const string Name = "Category";

    public const string Unit = "Unit";

    /// <summary>True while a test marked <see cref="Unit"/> runs.</summary>
    public static bool CurrentIsUnit =>
        TestContext.Current.Test?.Traits.TryGetValue(Name, out var values) == true && values.Contains(Unit);
}
