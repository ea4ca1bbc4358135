using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Frameworks;

/// <summary>The format documentation must describe the loader as it is: its example loads, its errors are real.</summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class FrameworkReadmeTests
{
    [Fact]
    public void Example_in_the_format_documentation_loads()
    {
        var framework = FrameworkLoader.LoadYaml(Example(), "README.md");

        Assert.Equal(["MUN-1.01", "MUN-1.02", "MUN-2.01"], framework.Indicators.Select(i => i.Code));
        Assert.Equal(ScoringParameters.Default, framework.Scoring);
        Assert.Equal(
            "The municipality’s business support unit provides help in building solid business plans to immigrants who wish to start a business.",
            framework.FindIndicator("MUN-1.02")?.Text.Source);
    }

    [Fact]
    public void Error_messages_shown_in_the_documentation_are_the_loader_s()
    {
        var readme = File.ReadAllText(ReadmePath());
        var yaml = Example()
            .Replace("title:", "titel:", StringComparison.Ordinal)
            .Replace("themes: [finance, data]", "themes: [finanse, data]", StringComparison.Ordinal)
            .Replace("code: MUN-2.01", "code: MUN-1.01", StringComparison.Ordinal);

        var failure = Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadYaml(yaml, "example.yaml"));

        Assert.All(failure.Problems, problem => Assert.Contains(problem.ToString(), readme, StringComparison.Ordinal));
    }

    /// <summary>The first yaml block of frameworks/README.md.</summary>
    private static string Example()
    {
        var readme = File.ReadAllText(ReadmePath());
        var start = readme.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static string ReadmePath() => Path.Combine(TestEnvironment.RepositoryRoot(), "frameworks", "README.md");
}
