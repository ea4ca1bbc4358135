using MegaBench.Frameworks;

namespace MegaBench.Tests.Frameworks;

/// <summary>
/// A small valid framework file that loader tests mutate one change at a time. The trailing comments
/// (<c># BBB stages</c>) are invisible to YAML; they only make lines that repeat findable by a unique marker.
/// </summary>
public static class FrameworkYamlTemplate
{
    public const string FileName = "test-fw.yaml";

    public const string Valid = """
        id: test-fw
        version: "1.0"
        title: {en: Test framework, fr: Cadre de test}
        source_language: en
        languages: [en, fr]
        scoring:
          stage_threshold: 3/4
          low_coverage: 0.4
        stages:
          - number: 1
            key: basic
            name: {en: Laying the foundations, fr: Poser les fondations}
            level: {en: basic level}
          - number: 2
            key: intermediate
            name: {en: Expanding the work}
            level: {en: intermediate level}
        themes:
          - code: data
            name: {en: Data gathering}
            description: {en: "Data gathering, impact assessment and evaluation."}
          - code: finance
            name: {en: Access to finance}
        groups:
          - code: AAA
            name: {en: Group A}
            final_objective: {en: The final objective of A.}
            stages:  # AAA stages
              - stage: 1
                narrative: {en: A lays the foundations.}
                indicators:
                  - code: AAA-1.01
                    text: {en: A collects data., fr: A collecte des données.}
                    themes: [data]
                  - code: AAA-1.02
                    text: {en: A helps with finance.}
                    themes: [finance, data]
              - stage: 2
                narrative: {en: A expands the work.}
                indicators:
                  - code: AAA-2.01
                    text:
                      en: >-
                        The municipality’s business support unit provides help in building
                        solid business plans.
                    themes: [finance]
          - code: BBB
            name: {en: Group B}
            final_objective: {en: The final objective of B.}
            stages:  # BBB stages
              - stage: 1  # BBB stage 1
                narrative: {en: B lays the foundations.}
                indicators:
                  - code: BBB-1.01
                    text: {en: B collects data.}
                    themes: [data]
              - stage: 2  # BBB stage 2
                narrative: {en: B expands the work.}
                indicators:  # BBB-2 indicators
                  - code: BBB-2.01
                    text: {en: B helps with finance.}
                    themes: [finance]  # BBB-2.01 themes

        """;

    /// <summary>The valid file with each (old, new) replacement applied; each old text must occur exactly once.</summary>
    public static string With(params (string Old, string New)[] changes)
    {
        var yaml = Valid;
        foreach (var (old, replacement) in changes)
        {
            Assert.True(Occurrences(yaml, old) == 1, $"The template must contain '{old}' exactly once.");
            yaml = yaml.Replace(old, replacement, StringComparison.Ordinal);
        }

        return yaml;
    }

    /// <summary>
    /// The 1-based number of the only line that contains <paramref name="marker"/>, or, when the marker
    /// ends with a line break, of the only line that ends with it.
    /// </summary>
    public static int LineOf(string yaml, string marker)
    {
        var lines = yaml.Split('\n');
        Func<string, bool> matchesMarker = marker.EndsWith('\n')
            ? line => line.EndsWith(marker.TrimEnd('\n'), StringComparison.Ordinal)
            : line => line.Contains(marker, StringComparison.Ordinal);
        var matches = Enumerable.Range(0, lines.Length).Where(i => matchesMarker(lines[i])).ToList();
        Assert.True(matches.Count == 1, $"Exactly one line must contain '{marker}'; found {matches.Count}.");
        return matches[0] + 1;
    }

    /// <summary>Loads <paramref name="yaml"/>, expecting failure, and returns the exception.</summary>
    public static FrameworkLoadException LoadFailure(string yaml, string fileName = FileName) =>
        Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadYaml(yaml, fileName));

    /// <summary>Fails unless a problem names <paramref name="file"/> and <paramref name="line"/> and says <paramref name="fragment"/>.</summary>
    public static FrameworkProblem AssertProblem(FrameworkLoadException exception, string file, int line, string fragment)
    {
        var match = exception.Problems.FirstOrDefault(p =>
            p.File == file && p.Line == line && p.Message.Contains(fragment, StringComparison.Ordinal));
        if (match is null)
        {
            Assert.Fail($"Expected a problem at {file}:{line} saying \"{fragment}\"; the problems were:\n{exception.Message}");
        }

        return match;
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
