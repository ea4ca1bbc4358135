using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;
using static MegaBench.Tests.Frameworks.FrameworkYamlTemplate;

namespace MegaBench.Tests.Frameworks;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class FrameworkLoaderTests
{
    [Fact]
    public void Valid_file_loads_every_part_in_file_order()
    {
        var framework = FrameworkLoader.LoadYaml(Valid, FileName);

        Assert.Equal("test-fw", framework.Id);
        Assert.Equal("1.0", framework.Version);
        Assert.Equal("en", framework.SourceLanguage);
        Assert.Equal(["en", "fr"], framework.Languages);
        Assert.Equal("Cadre de test", framework.Title["fr"]);
        Assert.Equal(new ScoringParameters(new Ratio(3, 4), new Ratio(4000, 10000)), framework.Scoring);
        Assert.Equal([1, 2], framework.Stages.Select(s => s.Number));
        Assert.Equal(["basic", "intermediate"], framework.Stages.Select(s => s.Key));
        Assert.Equal(["data", "finance"], framework.Themes.Select(t => t.Code));
        Assert.Equal("Data gathering, impact assessment and evaluation.", framework.Themes[0].Description?.Source);
        Assert.Null(framework.Themes[1].Description);
        Assert.Equal(["AAA", "BBB"], framework.Groups.Select(g => g.Code));
        Assert.Equal(["AAA-1.01", "AAA-1.02", "AAA-2.01", "BBB-1.01", "BBB-2.01"], framework.Indicators.Select(i => i.Code));
        Assert.Equal("B expands the work.", framework.Groups[1].FindStage(2)?.Narrative.Source);
    }

    [Fact]
    public void Indicator_takes_its_group_and_stage_from_where_it_is_written()
    {
        var framework = FrameworkLoader.LoadYaml(Valid, FileName);

        var indicator = framework.FindIndicator("AAA-2.01");

        Assert.NotNull(indicator);
        Assert.Equal("AAA", indicator.Group);
        Assert.Equal(2, indicator.Stage);
        Assert.Equal(["finance"], indicator.Themes);
        // A folded block joins its lines with one space and keeps the curly apostrophe.
        Assert.Equal("The municipality’s business support unit provides help in building solid business plans.", indicator.Text.Source);
        Assert.Equal((indicator.Text.Source, true), indicator.Text.Get("fr"));
        Assert.Equal(["data", "finance"], framework.FindIndicator("AAA-1.02")?.Themes.Order());
    }

    [Fact]
    public void File_with_windows_line_breaks_loads_the_same_and_counts_lines_the_same()
    {
        var crlf = Valid.Replace("\n", "\r\n", StringComparison.Ordinal);
        var broken = With(("[finance]  # BBB-2.01 themes", "[]  # BBB-2.01 themes"));

        var framework = FrameworkLoader.LoadYaml(crlf, FileName);
        var failure = LoadFailure(broken.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(FrameworkJson.Serialize(FrameworkLoader.LoadYaml(Valid, FileName)), FrameworkJson.Serialize(framework));
        AssertProblem(failure, FileName, LineOf(broken, "BBB-2.01 themes"), "indicator BBB-2.01 has no theme");
    }

    [Fact]
    public void Omitted_scoring_takes_the_default_parameters()
    {
        var yaml = With(("scoring:\n  stage_threshold: 3/4\n  low_coverage: 0.4\n", ""));

        var framework = FrameworkLoader.LoadYaml(yaml, FileName);

        Assert.Equal(ScoringParameters.Default, framework.Scoring);
    }

    [Fact]
    public void Matching_parameters_are_the_framework_s_and_MEGA_s_values_keep_the_canonical_json()
    {
        var own = FrameworkLoader.LoadYaml(With(("low_coverage: 0.4\n", "low_coverage: 0.4\n  matching_margin: 12.5\n  indicator_weight: 0.25\n")), FileName);
        var megaValues = FrameworkLoader.LoadYaml(With(("low_coverage: 0.4\n", "low_coverage: 0.4\n  matching_margin: 15\n  indicator_weight: 0.1\n")), FileName);
        var omitted = FrameworkLoader.LoadYaml(Valid, FileName);

        Assert.Equal((12.5m, 0.25m), (own.Scoring.MatchingMargin, own.Scoring.IndicatorWeight));
        Assert.Equal(own.Scoring, FrameworkJson.Deserialize(FrameworkJson.Serialize(own)).Scoring);
        Assert.Equal(FrameworkJson.Serialize(omitted), FrameworkJson.Serialize(megaValues));
        Assert.DoesNotContain("matchingMargin", FrameworkJson.Serialize(omitted), StringComparison.Ordinal);
        Assert.Equal((12.5, 0.25), (MegaBench.Matching.MatchingOptions.For(own).Margin, MegaBench.Matching.MatchingOptions.For(own).IndicatorWeight));
        Assert.Equal(12.5, MegaBench.Matching.NetworkAnalysis.Analyse(own, []).Options.Margin);
    }

    [Theory]
    [InlineData(6000, 10000, "3/5")]
    [InlineData(4, 6, "2/3")]
    [InlineData(2, 3, "2/3")]
    [InlineData(0, 5, "0/1")]
    public void Ratio_reads_reduced_and_stores_as_written(int numerator, int denominator, string shown)
    {
        var ratio = new Ratio(numerator, denominator);

        Assert.Equal(shown, ratio.ToString());
        Assert.Equal($"{numerator}/{denominator}", ratio.Canonical);
    }

    [Theory]
    // Unknown keys (typos), with a suggestion when one is close.
    [InlineData("title: {en: Test", "titel: {en: Test", "titel:", "unknown key 'titel' in the framework; did you mean 'title'?")]
    [InlineData("  low_coverage: 0.4", "  low_coverge: 0.4", "low_coverge", "unknown key 'low_coverge' in 'scoring'; did you mean 'low_coverage'?")]
    [InlineData("key: intermediate", "kee: intermediate", "kee:", "unknown key 'kee' in stage 2; did you mean 'key'?")]
    [InlineData("description: {en:", "descripton: {en:", "descripton:", "unknown key 'descripton' in theme data; did you mean 'description'?")]
    [InlineData("final_objective: {en: The final objective of B.}", "final_objectve: {en: The final objective of B.}", "final_objectve:", "unknown key 'final_objectve' in group BBB")]
    [InlineData("narrative: {en: B expands the work.}", "narative: {en: B expands the work.}", "narative:", "unknown key 'narative' in stage 2 of group BBB")]
    [InlineData("text: {en: B helps with finance.}", "txt: {en: B helps with finance.}", "txt:", "unknown key 'txt' in indicator BBB-2.01; did you mean 'text'?")]
    [InlineData("title: {en: Test", "title: {en: Test framework}\ncolour: {en: Test", "colour:", "the keys allowed here are id, version, title, source_language, languages, scoring, stages, themes, groups, organisation_kinds")]
    // Missing required keys, reported where the entry that lacks them starts.
    [InlineData("version: \"1.0\"\n", "", "id: test-fw", "the framework has no 'version'; add version: \"2018.1\"")]
    [InlineData("final_objective: {en: The final objective of B.}\n    ", "", "- code: BBB\n", "group BBB has no 'final_objective'")]
    [InlineData("text: {en: B collects data.}\n            ", "", "code: BBB-1.01", "indicator BBB-1.01 has no 'text'")]
    [InlineData("\n    level: {en: intermediate level}", "", "number: 2", "stage 2 has no 'level'")]
    [InlineData("- code: finance\n    name:", "- name:", "Access to finance", "theme #2 has no 'code'; add code: finance")]
    [InlineData("- stage: 1  # BBB stage 1\n        narrative:", "- narrative:", "B lays the foundations", "stage entry #1 of group BBB has no 'stage'; add stage: 1")]
    [InlineData("source_language: en\n", "", "id: test-fw", "the framework has no 'source_language'")]
    // Wrong node types.
    [InlineData("languages: [en, fr]", "languages: en", "languages:", "'languages' of the framework must be a list, not the value 'en'")]
    [InlineData("title: {en: Test framework, fr: Cadre de test}", "title: Test framework", "title:", "'title' of the framework must give the text per language, not the value 'Test framework'; write it as {en: \"...\"}")]
    [InlineData("[finance]  # BBB-2.01 themes", "finance  # BBB-2.01 themes", "BBB-2.01 themes", "'themes' of indicator BBB-2.01 must be a list")]
    [InlineData("- code: finance\n    name: {en: Access to finance}", "- finance", "- finance", "theme #2 must be a mapping with code:, name: and an optional description:, not the value 'finance'")]
    [InlineData("number: 2", "number: two", "number: two", "'number' of stage #2 is 'two', which is not a whole number of 1 or more")]
    [InlineData("number: 2", "number: [2]", "number: [2]", "'number' of stage #2 must be a single value, not a list")]
    [InlineData("{en: B collects data.}", "{en: [B collects data.]}", "[B collects data.]", "the 'en' text of 'text' of indicator BBB-1.01 must be a single text, not a list")]
    [InlineData("scoring:\n  stage_threshold: 3/4\n  low_coverage: 0.4", "scoring: 2/3", "scoring:", "'scoring' of the framework must be a mapping")]
    // Localized texts.
    [InlineData("name: {en: Group B}", "name: {fr: Groupe B}", "Groupe B", "'name' of group BBB has no 'en' text, which the source language requires; add en: \"...\"")]
    [InlineData("{en: B collects data.}", "{en: \"\"}", "{en: \"\"}", "the 'en' text of 'text' of indicator BBB-1.01 is empty; write the text")]
    [InlineData("fr: A collecte des données.", "fr: \"  \"", "fr: \"  \"", "the 'fr' text of 'text' of indicator AAA-1.01 is empty; write the text, or remove the 'fr' line so that readers see the en text instead")]
    [InlineData("{en: B collects data.}", "{en: B collects data., de: B sammelt Daten.}", "sammelt", "'text' of indicator BBB-1.01 has a text in 'de', which is not listed in languages (en, fr); add 'de' to languages or correct the language code")]
    [InlineData("languages: [en, fr]", "languages: [fr, de]", "languages:", "'languages' does not include the source language 'en'; add en to the list")]
    [InlineData("languages: [en, fr]", "languages: [en, fr, fr]", "languages:", "language 'fr' is listed twice in 'languages'")]
    [InlineData("languages: [en, fr]", "languages: [en, French]", "languages:", "'French' in 'languages' is not a language code")]
    [InlineData("source_language: en", "source_language: English", "source_language:", "'source_language' 'English' is not a language code; write a code such as en, fr or pt-BR")]
    // Ids and codes.
    [InlineData("id: test-fw", "id: test fw", "id: test fw", "'id' of the framework 'test fw' is not a valid code; use only letters, digits, '.', '_' and '-'")]
    [InlineData("id: test-fw", "id:", "id:", "'id' of the framework is empty; write mega-2018")]
    [InlineData("version: \"1.0\"", "version: \"1.0 beta\"", "version:", "'version' of the framework '1.0 beta' is not a valid code")]
    [InlineData("key: basic", "key: basic level", "key: basic level", "'key' of stage 1 'basic level' is not a valid code")]
    [InlineData("- code: data\n", "- code: .data\n", ".data", "'code' of theme #1 '.data' is not a valid code")]
    [InlineData("- code: BBB\n", "- code: B/B\n", "B/B", "'code' of group #2 'B/B' is not a valid code")]
    [InlineData("code: BBB-2.01", "code: BBB 2.01", "BBB 2.01", "'code' of indicator #1 of stage 2 of group BBB 'BBB 2.01' is not a valid code")]
    // The themes of an indicator.
    [InlineData("[finance]  # BBB-2.01 themes", "[]  # BBB-2.01 themes", "BBB-2.01 themes", "indicator BBB-2.01 has no theme; tag it with at least one, e.g. themes: [data]")]
    [InlineData("[finance]  # BBB-2.01 themes", "  # BBB-2.01 themes", "BBB-2.01 themes", "indicator BBB-2.01 has no theme")]
    [InlineData("[finance]  # BBB-2.01 themes", "[finanse]  # BBB-2.01 themes", "BBB-2.01 themes", "indicator BBB-2.01 uses theme 'finanse', which is not declared under themes; did you mean 'finance'? use one of data, finance, or declare it")]
    [InlineData("[finance, data]", "[finance, finance]", "[finance, finance]", "theme 'finance' is listed twice for indicator AAA-1.02; remove the repeat")]
    // Stages: declared 1..N in order, and every group has each of them, with indicators.
    [InlineData("number: 2", "number: 3", "number: 3", "stage 3 is listed in position 2; number the stages 1, 2, 3 ... in the order they are listed (this one should be 2)")]
    [InlineData("- stage: 2  # BBB stage 2", "- stage: 3  # BBB stage 2", "# BBB stage 2", "group BBB lists stage 3, which is not declared under the framework's stages (1, 2); use a declared stage number or declare stage 3")]
    [InlineData("- stage: 2  # BBB stage 2", "- stage: 3  # BBB stage 2", "# BBB stages", "group BBB has no stage 2; add a '- stage: 2' entry with its narrative and indicators")]
    // Scoring ratios.
    [InlineData("stage_threshold: 3/4", "stage_threshold: 3/2", "stage_threshold:", "'stage_threshold' of scoring is '3/2', which is not a share between 0 and 1; write a fraction such as 2/3 or a decimal such as 0.5")]
    [InlineData("low_coverage: 0.4", "low_coverage: half", "low_coverage:", "'low_coverage' of scoring is 'half', which is not a share between 0 and 1")]
    [InlineData("stage_threshold: 3/4", "stage_threshold: 0", "stage_threshold:", "'stage_threshold' of scoring is 0, which would count every stage as reached")]
    [InlineData("low_coverage: 0.4", "low_coverage: 1.5", "low_coverage:", "'low_coverage' of scoring is '1.5'")]
    // The matching's parameters.
    [InlineData("low_coverage: 0.4\n", "low_coverage: 0.4\n  matching_margin: 0\n", "matching_margin:", "'matching_margin' of scoring is 0, which would make every difference from the median a strength or a gap")]
    [InlineData("low_coverage: 0.4\n", "low_coverage: 0.4\n  matching_margin: 150\n", "matching_margin:", "'matching_margin' of scoring is '150', which is not a number of points above 0 and at most 100")]
    [InlineData("low_coverage: 0.4\n", "low_coverage: 0.4\n  indicator_weight: heavy\n", "indicator_weight:", "'indicator_weight' of scoring is 'heavy', which is not a number from 0 to 100")]
    [InlineData("low_coverage: 0.4\n", "low_coverage: 0.4\n  indicator_weight: 0.12345\n", "indicator_weight:", "(four decimals at most)")]
    public void Invalid_file_is_rejected_with_the_line_of_the_problem(string old, string replacement, string lineMarker, string fragment)
    {
        var yaml = With((old, replacement));

        var failure = LoadFailure(yaml);

        AssertProblem(failure, FileName, LineOf(yaml, lineMarker), fragment);
    }

    [Theory]
    [InlineData("- code: finance", "- code: data  # again", "- code: data\n", "theme code 'data' is already used at line {0}; give each theme its own code")]
    [InlineData("- code: BBB\n", "- code: AAA  # again\n", "- code: AAA\n", "group code 'AAA' is already used at line {0}; give each stakeholder group its own code")]
    [InlineData("code: BBB-2.01", "code: BBB-1.01  # again", "code: BBB-1.01\n", "indicator code 'BBB-1.01' is already used at line {0}; give each indicator its own code")]
    [InlineData("key: intermediate", "key: basic  # again", "key: basic\n", "stage key 'basic' is already used by another stage (line {0})")]
    [InlineData("number: 2", "number: 1  # again", "number: 1\n", "stage 1 is declared twice (first at line {0})")]
    [InlineData("- stage: 2  # BBB stage 2", "- stage: 1  # again", "# BBB stage 1", "stage 1 appears twice in group BBB (first at line {0}); merge the two entries into one")]
    public void Duplicate_code_is_rejected_with_the_line_of_its_first_use(string old, string replacement, string firstMarker, string fragment)
    {
        var yaml = With((old, replacement));

        var failure = LoadFailure(yaml);

        var first = LineOf(yaml, firstMarker);
        AssertProblem(failure, FileName, LineOf(yaml, "# again"), string.Format(System.Globalization.CultureInfo.InvariantCulture, fragment, first));
    }

    [Fact]
    public void Group_stages_out_of_order_are_rejected()
    {
        var yaml = With(("- stage: 1  # BBB stage 1", "- stage: 2  # BBB stage 1"), ("- stage: 2  # BBB stage 2", "- stage: 1  # BBB stage 2"));

        var failure = LoadFailure(yaml);

        AssertProblem(failure, FileName, LineOf(yaml, "# BBB stage 2"), "stage 1 of group BBB comes after stage 2; list a group's stages in order");
    }

    [Fact]
    public void Group_without_a_declared_stage_is_rejected_on_its_stages_line()
    {
        var yaml = Valid[..Valid.IndexOf("      - stage: 2  # BBB stage 2", StringComparison.Ordinal)];

        var failure = LoadFailure(yaml);

        var problem = Assert.Single(failure.Problems);
        Assert.Equal(new FrameworkProblem(FileName, LineOf(yaml, "# BBB stages"), 5, "group BBB has no stage 2; add a '- stage: 2' entry with its narrative and indicators"), problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" []")]
    public void Group_stage_without_indicators_is_rejected(string emptyList)
    {
        var yaml = Valid[..Valid.IndexOf("indicators:  # BBB-2 indicators", StringComparison.Ordinal)] + "indicators:" + emptyList + "\n";

        var failure = LoadFailure(yaml);

        var problem = Assert.Single(failure.Problems);
        // The cut file ends with the "indicators:" line.
        Assert.Equal(yaml.Split('\n').Length - 1, problem.Line);
        Assert.Contains("stage 2 of group BBB has no indicators", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("stages:\n  - number: 1", "stages: []\nunused:\n  - number: 1", "stages: []", "'stages' is empty; declare at least one stage")]
    [InlineData("themes:\n  - code: data", "themes: []\nunused:\n  - code: data", "themes: []", "'themes' is empty; declare the themes")]
    [InlineData("groups:\n  - code: AAA", "groups: []\nunused:\n  - code: AAA", "groups: []", "'groups' is empty; declare at least one stakeholder group")]
    public void Empty_section_is_rejected(string old, string replacement, string lineMarker, string fragment)
    {
        var yaml = With((old, replacement));

        var failure = LoadFailure(yaml);

        AssertProblem(failure, FileName, LineOf(yaml, lineMarker), fragment);
    }

    [Theory]
    // YamlDotNet refuses a repeated key; the problem points at the repeat.
    [InlineData("key: basic", "key: basic\n    key: base", "key: base", 5, "the key 'key' appears twice in the same mapping")]
    // A stray less-indented line after an entry.
    [InlineData("    key: intermediate", "   key: intermediate", "   key: intermediate", 4, "not valid YAML")]
    // A quote that never closes runs to the end of the file.
    [InlineData("name: {en: Group B}", "name: {en: \"Group B}", "Group B", 16, "not valid YAML")]
    public void Malformed_yaml_is_rejected_with_the_parser_position(string old, string replacement, string lineMarker, int column, string fragment)
    {
        var yaml = With((old, replacement));

        var failure = LoadFailure(yaml);

        var problem = Assert.Single(failure.Problems);
        Assert.Equal(FileName, problem.File);
        Assert.Equal(LineOf(yaml, lineMarker), problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains(fragment, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("(Line:", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Empty_file_is_rejected(string yaml)
    {
        var failure = LoadFailure(yaml);

        Assert.Equal(new FrameworkProblem(FileName, 1, 1, "the file holds no framework; write one as described in frameworks/README.md"), Assert.Single(failure.Problems));
    }

    [Fact]
    public void File_that_is_not_a_mapping_is_rejected()
    {
        var failure = LoadFailure("- id: test-fw\n- version: 1\n");

        AssertProblem(failure, FileName, 1, "the file must hold a mapping of keys (id:, version:, title: ...), not a list");
    }

    [Fact]
    public void Second_document_in_a_file_is_rejected()
    {
        var yaml = Valid + "---\nid: other\n";

        var failure = LoadFailure(yaml);

        AssertProblem(failure, FileName, LineOf(yaml, "id: other"), "the file holds a second YAML document; keep one framework per file");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_in_line_order()
    {
        var yaml = With(
            ("[finance]  # BBB-2.01 themes", "[finanse]  # BBB-2.01 themes"),
            ("title: {en: Test", "titel: {en: Test"),
            ("name: {en: Group B}", "name: {fr: Groupe B}"));

        var failure = LoadFailure(yaml);

        Assert.Equal(
            [
                $"{FileName}:1:1: the framework has no 'title'; add title: {{en: \"...\"}}",
                $"{FileName}:{LineOf(yaml, "titel")}:1: unknown key 'titel' in the framework; did you mean 'title'? the keys allowed here are id, version, title, source_language, languages, scoring, stages, themes, groups, organisation_kinds",
                $"{FileName}:{LineOf(yaml, "Groupe B")}:11: 'name' of group BBB has no 'en' text, which the source language requires; add en: \"...\"",
                $"{FileName}:{LineOf(yaml, "finanse")}:22: indicator BBB-2.01 uses theme 'finanse', which is not declared under themes; did you mean 'finance'? use one of data, finance, or declare it",
            ],
            failure.Message.Split('\n'));
        Assert.Equal(4, failure.Problems.Count);
    }

    [Fact]
    public void Load_file_names_the_path_in_each_problem()
    {
        using var folder = new TempFolder();
        var path = folder.Write("broken.yaml", With(("id: test-fw", "id: test fw")));

        var failure = Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadFile(path));

        AssertProblem(failure, path, 1, "'id' of the framework 'test fw' is not a valid code");
    }

    [Fact]
    public void Load_file_reads_a_valid_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("valid.yaml", Valid);

        var framework = FrameworkLoader.LoadFile(path);

        Assert.Equal(FrameworkJson.Serialize(FrameworkLoader.LoadYaml(Valid, FileName)), FrameworkJson.Serialize(framework));
    }

    [Fact]
    public void Missing_file_is_reported_by_its_path()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "missing.yaml");

        var failure = Assert.Throws<FrameworkLoadException>(() => FrameworkLoader.LoadFile(path));

        var problem = Assert.Single(failure.Problems);
        Assert.Equal(path, problem.File);
        Assert.Equal(0, problem.Line);
        Assert.StartsWith($"{path}: the file cannot be read (", failure.Message, StringComparison.Ordinal);
    }
}
