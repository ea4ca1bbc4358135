using MegaBench.Frameworks;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// Builds small frameworks in code for tests: by default two groups (<c>AAA</c>, <c>BBB</c>), three
/// stages, <see cref="PerStage"/> indicators per group and stage coded <c>AAA-1.01</c>, and three themes.
/// </summary>
public sealed class FrameworkBuilder
{
    private string _id = "test-fw";
    private string _version = "1.0";
    private string[] _groups = ["AAA", "BBB"];
    private ScoringParameters _scoring = ScoringParameters.Default;

    public int PerStage { get; private set; } = 2;

    public FrameworkBuilder WithId(string id, string version = "1.0")
    {
        _id = id;
        _version = version;
        return this;
    }

    public FrameworkBuilder WithGroups(params string[] groups)
    {
        _groups = groups;
        return this;
    }

    public FrameworkBuilder WithIndicatorsPerStage(int count)
    {
        PerStage = count;
        return this;
    }

    public FrameworkBuilder WithScoring(ScoringParameters scoring)
    {
        _scoring = scoring;
        return this;
    }

    public Framework Build()
    {
        static LocalizedText T(string en, string? fr = null) =>
            fr is null ? LocalizedText.Of("en", en) : new LocalizedText("en", [new("en", en), new("fr", fr)]);

        string[] themes = ["data", "finance", "networking"];
        return new Framework(
            _id,
            _version,
            T("Test framework", "Cadre de test"),
            "en",
            ["en", "fr"],
            _scoring,
            [
                new Stage(1, "basic", T("Laying the foundations", "Poser les fondations"), T("basic level", "niveau de base")),
                new Stage(2, "intermediate", T("Expanding the work"), T("intermediate level")),
                new Stage(3, "advanced", T("Making the work normal practice"), T("advanced level")),
            ],
            [.. themes.Select(code => new Theme(code, T($"Theme {code}"), null))],
            [.. _groups.Select(group => new StakeholderGroup(
                group,
                T($"Group {group}"),
                T($"The final objective of {group}."),
                [.. Enumerable.Range(1, 3).Select(stage => new GroupStage(
                    stage,
                    T($"{group} at stage {stage} does more."),
                    [.. Enumerable.Range(1, PerStage).Select(n => new Indicator(
                        $"{group}-{stage}.{n:00}",
                        group,
                        stage,
                        T($"{group} statement {stage}.{n:00}.", $"{group} énoncé {stage}.{n:00}."),
                        [themes[(stage + n) % themes.Length]]))]))]))]);
    }
}
