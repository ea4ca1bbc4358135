using MegaBench.Tests.Infrastructure;

namespace MegaBench.BrowserTests.Infrastructure;

/// <summary>
/// Where the browser is. The tests drive the system's Chromium (Debian: <c>apt-get install chromium</c>),
/// never a browser that Playwright downloads. On a developer's machine without it the browser tests are
/// skipped with the reason; under CI (<c>CI=true</c>) its absence is a failure, because CI must run them.
/// </summary>
public static class BrowserEnvironment
{
    /// <summary>An explicit path to a Chromium or Chrome executable, when it is not on the PATH as <c>chromium</c>.</summary>
    public const string ChromiumVariable = "MEGABENCH_CHROMIUM";

    private static readonly string[] ExecutableNames = ["chromium", "chromium-browser"];

    /// <summary>The executable: <see cref="ChromiumVariable"/> if set, else the first <c>chromium</c> on the PATH (as <c>which</c> finds it).</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var name in ExecutableNames)
        {
            foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Returns Chromium's path, or skips the test (fails it under CI) when there is none.</summary>
    public static string RequireChromium()
    {
        if (FindChromium() is { } path)
        {
            return path;
        }

        var reason = Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured
            ? $"No browser: {ChromiumVariable} is '{configured}', which does not exist. Point it at a Chromium executable or unset it."
            : $"No browser: 'chromium' is not on the PATH. Install it (Debian: apt-get install chromium) or set {ChromiumVariable}.";
        if (TestEnvironment.IsCi)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
        return "";
    }
}
