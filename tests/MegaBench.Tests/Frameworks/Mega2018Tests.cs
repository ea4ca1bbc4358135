using System.Text.RegularExpressions;
using MegaBench.Frameworks;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Frameworks;

/// <summary>
/// The built-in MEGA 2018 framework against the seed report (the Paris benchmark): counts per group and
/// stage, statements word for word, themes, objectives and narratives. Texts below are copied from the
/// report character for character, including its curly quotes and its own spelling.
/// </summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class Mega2018Tests
{
    // The nine policy areas of MEGA (PRODUCT.md); a framework may add others.
    public static TheoryData<string> MegaThemes { get; } =
        ["visibility", "networking", "language", "legal", "training", "finance", "facilities", "procurement", "data"];

    private static readonly Lazy<Framework> Mega = new(() => FrameworkLoader.LoadFile(FilePath));

    // The test project copies frameworks/*.yaml next to the test assembly, under frameworks/.
    private static string FilePath => Path.Combine(AppContext.BaseDirectory, "frameworks", "mega-2018.yaml");

    [Fact]
    public void File_loads_with_no_problem()
    {
        var exception = Record.Exception(() => FrameworkLoader.LoadFile(FilePath));

        Assert.Null(exception);
        Assert.Equal(("mega-2018", "2018.1"), (Mega.Value.Id, Mega.Value.Version));
        Assert.Contains(FrameworkLoader.LoadDirectory(Path.GetDirectoryName(FilePath)!), f => f.Id == "mega-2018");
    }

    [Theory]
    [InlineData("MUN", 6, 14, 9)]
    [InlineData("CCI", 6, 6, 6)]
    [InlineData("BUS", 5, 6, 4)]
    [InlineData("IBO", 4, 6, 4)]
    public void Group_has_the_seed_count_of_statements_per_stage(string group, int basic, int intermediate, int advanced)
    {
        var stakeholders = Mega.Value.FindGroup(group);

        Assert.NotNull(stakeholders);
        Assert.Equal([(1, basic), (2, intermediate), (3, advanced)], stakeholders.Stages.Select(s => (s.Stage, s.Indicators.Count)));
    }

    [Fact]
    public void Framework_has_76_statements_in_four_groups_and_three_stages()
    {
        Assert.Equal(76, Mega.Value.Indicators.Count());
        Assert.Equal(["MUN", "CCI", "BUS", "IBO"], Mega.Value.Groups.Select(g => g.Code));
        Assert.Equal([(1, "basic"), (2, "intermediate"), (3, "advanced")], Mega.Value.Stages.Select(s => (s.Number, s.Key)));
        Assert.Equal(ScoringParameters.Default, Mega.Value.Scoring);
    }

    [Fact]
    public void Codes_number_the_statements_of_each_group_and_stage_in_sheet_order()
    {
        foreach (var group in Mega.Value.Groups)
        {
            foreach (var stage in group.Stages)
            {
                var expected = Enumerable.Range(1, stage.Indicators.Count).Select(n => $"{group.Code}-{stage.Stage}.{n:00}");
                Assert.Equal(expected, stage.Indicators.Select(i => i.Code));
                Assert.All(stage.Indicators, i => Assert.Equal((group.Code, stage.Stage), (i.Group, i.Stage)));
            }
        }
    }

    [Theory]
    [InlineData("MUN-1.02", "Political leaders and managers of the municipality provide full backing to the municipality’s business support service, including on specific services offered to immigrant entrepreneurs.")]
    [InlineData("MUN-1.04", "The municipality’s business support unit provides help in building solid business plans to immigrants who wish to start a business.")]
    [InlineData("MUN-2.03", "The municipality shares its inter-departmental dataset on immigrant entrepreneurs with external stakeholders such as the chamber of commerce and business associations, taking into account data protection and privacy needs.")]
    [InlineData("MUN-2.11", "The municipality’s business support service helps immigrant entrepreneurs to create a network of likeminded entrepreneurs.")]
    [InlineData("MUN-2.14", "The municipality pursues corporate supplier diversity activities.")]
    [InlineData("MUN-3.06", "The municipality’s business support unit helps immigrant entrepreneurs to become ‘fit-to-compete’ for public and private sector contract opportunities.")]
    [InlineData("MUN-3.07", "The relevant departments of the municipality cooperate with each other and with local housing trusts and agencies to provide immigrant entrepreneurs with an easy access to low-priced offices and commercial leases and to include space for business units in urban regeneration plans.")]
    [InlineData("CCI-1.05", "The chamber’s business support unit provides information on administrative, regulatory and tax matters to immigrants who wish to start a business, as well as on public and private funds they may tap into for setting up their business.")]
    [InlineData("CCI-2.05", "The chamber helps immigrant entrepreneurs in setting up business networks with like-minded entrepreneurs")]
    [InlineData("CCI-2.06", "The chamber carries out its information campaigns and provides its basic services (information on administrative & regulatory matters) in several languages.")]
    [InlineData("CCI-3.05", "The chamber acts as a broker between entrepreneurs, including immigrant entrepreneurs, and equity investors (‘business angels’).")]
    [InlineData("BUS-1.01", "The business association has at its disposal basic data, enabling an understanding of their needs and potential.")]
    [InlineData("BUS-2.06", "The business organisation provides a mutual guarantee scheme designed to facilitate the access of start-up entrepreneurs to finance, including immigrant entrepreneurs.")]
    [InlineData("BUS-3.03", "The business organisation tracks immigrant entrepreneurs’ success rates.")]
    [InlineData("IBO-1.03", "The immigrant business organisation is involved in activities which highlight the diversity of the city’s community of entrepreneurs.")]
    [InlineData("IBO-2.04", "The immigrant business organisation cooperates with migrant associations to increase its outreach among immigrant communities.")]
    [InlineData("IBO-3.01", "The immigrant business organisation tracks members’ success rates.")]
    public void Statement_reads_word_for_word_as_in_the_seed(string code, string statement)
    {
        var indicator = Mega.Value.FindIndicator(code);

        Assert.NotNull(indicator);
        Assert.Equal(statement, indicator.Text.Source);
    }

    [Fact]
    public void Final_objective_and_stage_narrative_read_as_in_the_seed()
    {
        var municipalities = Mega.Value.FindGroup("MUN")!;
        var business = Mega.Value.FindGroup("BUS")!;

        Assert.Equal(
            "The final objectives of the municipalities’ and region’s work to support immigrant entrepreneurs is to ensure that immigrant entrepreneurs " +
            "who benefited from business support services feel sufficiently skilled for setting up and running their business; that they are ‘fit-to-compete’ " +
            "for public and private contract opportunities; and that they feel as recognised in their contribution to the local economy as entrepreneurs " +
            "without an immigrant background.",
            municipalities.FinalObjective.Source);
        Assert.Equal(
            "The business associations integrate the support to immigrant entrepreneurs into normal practice by making a strategic priority to better " +
            "reflect the diversity of the city’s community of entrepreneurs, and support this with an increased budget. The business associations act as a " +
            "broker between entrepreneurs, including immigrant entrepreneurs, and equity investors (‘business angels’), and devise innovative solutions to " +
            "bring immigrant entrepreneurs in the mainstream local economy and to highlight their contributions, such as a local crowd-funding platform.",
            business.FindStage(3)!.Narrative.Source);
    }

    [Fact]
    public void Every_group_has_a_final_objective_and_a_narrative_for_each_stage()
    {
        Assert.All(Mega.Value.Groups, group =>
        {
            Assert.False(string.IsNullOrWhiteSpace(group.FinalObjective.Source), $"{group.Code} has no final objective");
            Assert.Equal([1, 2, 3], group.Stages.Select(s => s.Stage));
            Assert.All(group.Stages, stage => Assert.True(stage.Narrative.Source.Length > 100, $"{group.Code} stage {stage.Stage} has no narrative"));
        });
    }

    [Fact]
    public void Every_statement_has_at_least_one_declared_theme()
    {
        var declared = Mega.Value.Themes.Select(t => t.Code).ToHashSet();

        Assert.All(Mega.Value.Indicators, indicator =>
        {
            Assert.NotEmpty(indicator.Themes);
            Assert.All(indicator.Themes, theme => Assert.Contains(theme, declared));
        });
    }

    [Theory]
    [MemberData(nameof(MegaThemes))]
    public void Each_mega_theme_is_declared_and_tags_some_statement(string theme)
    {
        Assert.NotNull(Mega.Value.FindTheme(theme));
        Assert.Contains(Mega.Value.Indicators, i => i.Themes.Contains(theme));
    }

    [Fact]
    public void Statements_carry_no_layout_left_from_the_pdf()
    {
        // The seed wraps lines and interleaves dashes and footnote numbers; none of it belongs in a statement.
        Assert.All(Mega.Value.Indicators, indicator =>
        {
            var text = indicator.Text.Source;
            Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain("  ", text, StringComparison.Ordinal);
            Assert.Matches(new Regex("^[A-Z]"), text);
            Assert.DoesNotMatch(new Regex(@"\s[-–]\s|\s\d+\s*$"), text);
        });
    }

    [Fact]
    public void Every_text_has_its_french_translation()
    {
        var framework = Mega.Value;
        var texts = new List<(string Where, LocalizedText Text)> { ("title", framework.Title) };
        texts.AddRange(framework.Stages.SelectMany(s => new[] { ($"stage {s.Number} name", s.Name), ($"stage {s.Number} level", s.Level) }));
        texts.AddRange(framework.Themes.Select(t => ($"theme {t.Code}", t.Name)));
        texts.AddRange(framework.Groups.SelectMany(g => new[] { ($"group {g.Code} name", g.Name), ($"group {g.Code} objective", g.FinalObjective) }));
        texts.AddRange(framework.Groups.SelectMany(g => g.Stages.Select(s => ($"group {g.Code} stage {s.Stage} narrative", s.Narrative))));
        texts.AddRange(framework.Indicators.Select(i => (i.Code, i.Text)));

        Assert.All(texts, t => Assert.True(t.Text.Has("fr"), $"{t.Where} has no French text"));
    }

    [Fact]
    public void Yaml_export_of_the_file_loads_back_equal()
    {
        var yaml = FrameworkYaml.Serialize(Mega.Value);

        var reloaded = FrameworkLoader.LoadYaml(yaml, "mega-2018-export.yaml");

        Assert.Equal(FrameworkJson.Serialize(Mega.Value), FrameworkJson.Serialize(reloaded));
    }
}
