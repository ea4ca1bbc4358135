using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Frameworks;

[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class FrameworkYamlTests
{
    [Fact]
    public void Exported_yaml_loads_back_to_an_equal_framework()
    {
        var framework = FrameworkLoader.LoadYaml(FrameworkYamlTemplate.Valid, FrameworkYamlTemplate.FileName);

        var yaml = FrameworkYaml.Serialize(framework);
        var reloaded = FrameworkLoader.LoadYaml(yaml, "export.yaml");

        Assert.Equal(FrameworkJson.Serialize(framework), FrameworkJson.Serialize(reloaded));
        Assert.Equal(yaml, FrameworkYaml.Serialize(reloaded));
    }

    [Fact]
    public void Framework_built_in_code_round_trips_through_yaml()
    {
        var framework = new FrameworkBuilder().WithScoring(new ScoringParameters(new Ratio(3, 5), new Ratio(1, 4))).Build();

        var reloaded = FrameworkLoader.LoadYaml(FrameworkYaml.Serialize(framework), "export.yaml");

        Assert.Equal(FrameworkJson.Serialize(framework), FrameworkJson.Serialize(reloaded));
    }

    [Theory]
    [InlineData("Key: a colon followed by a space")]
    [InlineData("# not a comment")]
    [InlineData("- not a list item")]
    [InlineData("Ends with a colon:")]
    [InlineData("'Single' and \"double\" quotes")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("1.0")]
    [InlineData("2/3")]
    [InlineData("0x1F")]
    [InlineData("@ at, ` backtick, % percent, * star, & ampersand, ! bang, | pipe, > greater")]
    [InlineData("{not: a mapping} and [not, a, list]")]
    [InlineData("A tab\tinside and unicode: é, ü, 中文, 🙂")]
    [InlineData("First paragraph.\n\nSecond paragraph, after a blank line.")]
    [InlineData("A line\n  indented in the middle\nand back.")]
    [InlineData("Windows\r\nline breaks, a lone\rreturn, and Unicode\u2028line\u2029breaks")]
    [InlineData("The municipality’s business support unit provides help in building solid business plans to immigrants who wish to start a business.")]
    [InlineData("A long statement  with  doubled  spaces that runs past the folding width of the emitter, so that the folded block has to keep every space exactly.")]
    [InlineData("A long statement: it has ‘quotes’, a colon, and # a hash, and runs past the folding width of the emitter so that it is written as a block.")]
    public void Any_text_survives_the_yaml_round_trip(string text)
    {
        var framework = WithTexts(new FrameworkBuilder().Build(), text);

        var yaml = FrameworkYaml.Serialize(framework);
        var reloaded = FrameworkLoader.LoadYaml(yaml, "export.yaml");

        Assert.Equal(text, reloaded.FindIndicator("AAA-1.01")?.Text.Source);
        Assert.Equal(text, reloaded.FindIndicator("AAA-1.01")?.Text["fr"]);
        Assert.Equal(text, reloaded.Groups[0].FinalObjective.Source);
        Assert.Equal(FrameworkJson.Serialize(framework), FrameworkJson.Serialize(reloaded));
    }

    [Theory]
    [MemberData(nameof(HostileStrings.All), MemberType = typeof(HostileStrings))]
    public void Hostile_text_survives_the_yaml_round_trip(string text)
    {
        var framework = WithTexts(new FrameworkBuilder().Build(), text);

        var reloaded = FrameworkLoader.LoadYaml(FrameworkYaml.Serialize(framework), "export.yaml");

        // The loader trims the white space around a text (it is layout in YAML); everything else is kept.
        Assert.Equal(text.Trim(), reloaded.FindIndicator("AAA-1.01")?.Text.Source);
        Assert.Equal(text.Trim(), reloaded.Groups[0].FinalObjective["fr"]);
    }

    [Fact]
    public void Export_reads_like_the_documented_format()
    {
        var framework = FrameworkLoader.LoadYaml(FrameworkYamlTemplate.Valid, FrameworkYamlTemplate.FileName);

        var yaml = FrameworkYaml.Serialize(framework);

        Assert.StartsWith("id: test-fw\nversion: \"1.0\"\ntitle:\n  en: Test framework\n  fr: Cadre de test\nsource_language: en\nlanguages: [en, fr]\n", yaml, StringComparison.Ordinal);
        Assert.Contains("scoring:\n  stage_threshold: 3/4\n  low_coverage: 0.4\n", yaml, StringComparison.Ordinal);
        Assert.Contains("stages:\n  - number: 1\n    key: basic\n", yaml, StringComparison.Ordinal);
        // A long statement is a folded block, so it reads as a paragraph.
        Assert.Contains(
            "          - code: AAA-2.01\n            text:\n              en: >-\n" +
            "                The municipality’s business support unit provides help in building solid business plans.\n" +
            "            themes: [finance]\n",
            yaml,
            StringComparison.Ordinal);
        Assert.Contains("themes: [finance, data]\n", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonical_json_round_trips_a_loaded_framework()
    {
        var framework = FrameworkLoader.LoadYaml(FrameworkYamlTemplate.Valid, FrameworkYamlTemplate.FileName);

        var json = FrameworkJson.Serialize(framework);
        var read = FrameworkJson.Deserialize(json);

        Assert.Equal(json, FrameworkJson.Serialize(read));
        Assert.Equal(FrameworkYaml.Serialize(framework), FrameworkYaml.Serialize(read));
        Assert.Equal(framework.Indicators.Select(i => (i.Code, i.Group, i.Stage)), read.Indicators.Select(i => (i.Code, i.Group, i.Stage)));
        Assert.Equal("A collecte des données.", read.FindIndicator("AAA-1.01")?.Text["fr"]);
    }

    private static Framework WithTexts(Framework framework, string text)
    {
        var localized = new LocalizedText("en", [new("en", text), new("fr", text)]);
        return framework with
        {
            Groups =
            [
                .. framework.Groups.Select(g => g with
                {
                    FinalObjective = g.Code == "AAA" ? localized : g.FinalObjective,
                    Stages =
                    [
                        .. g.Stages.Select(s => s with
                        {
                            Indicators = [.. s.Indicators.Select(i => i.Code == "AAA-1.01" ? i with { Text = localized } : i)],
                        }),
                    ],
                }),
            ],
        };
    }
}
