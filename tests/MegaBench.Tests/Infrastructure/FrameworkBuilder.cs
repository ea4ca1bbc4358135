using MegaBench.Frameworks;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// Builds small frameworks in code for tests: by default two groups (<c>AAA</c>, <c>BBB</c>), three
/// stages, <see cref="PerStage"/> indicators per group and stage coded <c>AAA-1.01</c>, and three themes.
/// Some texts have no French, to show the fallback, unless <see cref="TranslatedIntoFrench"/> is asked for.
/// </summary>
public sealed class FrameworkBuilder
{
    private string _id = "test-fw";
    private string _version = "1.0";
    private string[] _groups = ["AAA", "BBB"];
    private ScoringParameters _scoring = ScoringParameters.Default;
    private bool _french;
    private string[] _frenchAlsoAs = [];

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

    /// <summary>Every text in French too, as a framework translated throughout is.</summary>
    public FrameworkBuilder TranslatedIntoFrench()
    {
        _french = true;
        return this;
    }

    /// <summary>
    /// Every text also in <paramref name="languages"/>, worded as in French: data in a language the interface
    /// offers, for a test of the interface alone (the pseudo-language of PseudoLanguageTests).
    /// </summary>
    public FrameworkBuilder TranslatedIntoFrenchAlsoAs(params string[] languages)
    {
        _french = true;
        _frenchAlsoAs = languages;
        return this;
    }

    public Framework Build()
    {
        LocalizedText T(string en, string? fr = null, string? frenchWhenAsked = null)
        {
            fr ??= _french ? frenchWhenAsked : null;
            return fr is null ? LocalizedText.Of("en", en) : new LocalizedText("en", [new("en", en), new("fr", fr), .. _frenchAlsoAs.Select(l => new KeyValuePair<string, string>(l, fr))]);
        }

        string[] themes = ["data", "finance", "networking"];
        Dictionary<string, string> themesInFrench = new(StringComparer.Ordinal) { ["data"] = "Données", ["finance"] = "Financement", ["networking"] = "Mise en réseau" };
        return new Framework(
            _id,
            _version,
            T("Test framework", "Cadre de test"),
            "en",
            ["en", "fr", .. _frenchAlsoAs],
            _scoring,
            [
                new Stage(1, "basic", T("Laying the foundations", "Poser les fondations"), T("basic level", "niveau de base")),
                new Stage(2, "intermediate", T("Expanding the work", null, "Développer le travail"), T("intermediate level", null, "niveau intermédiaire")),
                new Stage(3, "advanced", T("Making the work normal practice", null, "Faire du travail une pratique courante"), T("advanced level", null, "niveau avancé")),
            ],
            [.. themes.Select(code => new Theme(code, T($"Theme {code}", null, $"Thème {themesInFrench[code]}"), null))],
            [.. _groups.Select(group => new StakeholderGroup(
                group,
                T($"Group {group}", null, $"Groupe {group}"),
                T($"The final objective of {group}.", null, $"L’objectif final de {group}."),
                [.. Enumerable.Range(1, 3).Select(stage => new GroupStage(
                    stage,
                    T($"{group} at stage {stage} does more.", null, $"{group} à l’étape {stage} fait davantage."),
                    [.. Enumerable.Range(1, PerStage).Select(n => new Indicator(
                        $"{group}-{stage}.{n:00}",
                        group,
                        stage,
                        T($"{group} statement {stage}.{n:00}.", $"{group} énoncé {stage}.{n:00}."),
                        [themes[(stage + n) % themes.Length]]))]))]))])
        {
            // MEGA's kinds, also in the extra languages (their French) when asked, like every other text of the builder.
            OrganisationKinds = _frenchAlsoAs.Length == 0
                ? OrganisationKind.Defaults
                : [.. OrganisationKind.Defaults.Select(k => new OrganisationKind(k.Code, new LocalizedText("en", [.. k.Name.Texts, .. _frenchAlsoAs.Select(l => new KeyValuePair<string, string>(l, k.Name["fr"]))])))],
        };
    }
}
