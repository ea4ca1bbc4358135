using AngleSharp.Dom;
using MegaBench.Answers;
using MegaBench.Frameworks;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Frameworks;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Reports;
using MegaBench.Web.Startup;

namespace MegaBench.Tests.Web.Pages;

/// <summary>
/// The framework is data: a round on a framework that shares nothing with MEGA (other groups, two stages with other
/// names, other statement counts per stage, other themes, other scoring parameters) reads in that framework's words on
/// every page and in every export, and no word of MEGA's appears in them.
/// </summary>
public sealed class NeutralFrameworkTests
{
    /// <summary>
    /// Words that only MEGA, its stages or its organisation kinds (the ones the orchard does not share) would put on a page. The data the test types (city,
    /// organisations, comments) uses none of them.
    /// </summary>
    private static readonly string[] MegaWords =
    [
        "MEGA", "migrant", "chamber", "chambre", "municipalit", "entrepreneur",
        "basic", "intermediate", "advanced", "laying the foundations", "expanding the work", "normal practice",
        "niveau de base", "fondations", "intermédiaire", "avancé",
        "6000/10000",
        "incubat", "foundation", "fondation", "business association", "intermunicipal", "intercommunalit",
    ];

    /// <summary>
    /// An orchard-keeping benchmark with its own organisation kinds (cooperative, seed library): groups AAA (growers, 3 + 1 statements) and ZED (seed banks, 1 + 2), stages
    /// "Planting" (sprout tier) and "Branching out" (canopy tier), themes water and soil, a threshold written as 0.6,
    /// a margin of 10 points and a statement weight of 0.25.
    /// </summary>
    internal static Framework Orchard()
    {
        static LocalizedText T(string en, string fr) => new("en", [new("en", en), new("fr", fr)]);
        static Indicator Statement(string group, int stage, int n, string text, string theme) =>
            new($"{group}-{stage}.{n:00}", group, stage, T(text, text + " (fr)"), [theme]);
        return new Framework(
            "orchard",
            "1.0",
            T("Orchard keeping review", "Revue de l’entretien des vergers"),
            "en",
            ["en", "fr"],
            new ScoringParameters(new Ratio(6000, 10000), new Ratio(1, 2)) { MatchingMargin = 10, IndicatorWeight = 0.25m },
            [
                new Stage(1, "sprout", T("Planting", "Plantation"), T("sprout tier", "palier pousse")),
                new Stage(2, "canopy", T("Branching out", "Ramification"), T("canopy tier", "palier canopée")),
            ],
            [
                new Theme("water", T("Irrigation", "Irrigation"), null),
                new Theme("soil", T("Soil care", "Soin du sol"), null),
            ],
            [
                new StakeholderGroup("AAA", T("Growers", "Cultivateurs"), T("Every grower keeps healthy trees.", "Chaque cultivateur garde des arbres sains."),
                [
                    new GroupStage(1, T("Growers plant.", "Les cultivateurs plantent."),
                    [
                        Statement("AAA", 1, 1, "The grower waters the young trees.", "water"),
                        Statement("AAA", 1, 2, "The grower mulches the soil.", "soil"),
                        Statement("AAA", 1, 3, "The grower tests the soil.", "soil"),
                    ]),
                    new GroupStage(2, T("Growers prune.", "Les cultivateurs taillent."), [Statement("AAA", 2, 1, "The grower uses drip lines.", "water")]),
                ]),
                new StakeholderGroup("ZED", T("Seed banks", "Banques de semences"), T("Every seed bank keeps rare seeds.", "Chaque banque garde des semences rares."),
                [
                    new GroupStage(1, T("Seed banks collect.", "Les banques collectent."), [Statement("ZED", 1, 1, "The bank dries its seeds.", "soil")]),
                    new GroupStage(2, T("Seed banks share.", "Les banques partagent."),
                    [
                        Statement("ZED", 2, 1, "The bank lends seeds.", "soil"),
                        Statement("ZED", 2, 2, "The bank keeps a rain log.", "water"),
                    ]),
                ]),
            ])
        {
            OrganisationKinds =
            [
                new OrganisationKind("cooperative", T("Growers’ cooperative", "Coopérative de cultivateurs")),
                new OrganisationKind("seed-library", T("Seed library", "Grainothèque")),
            ],
        };
    }

    private static Task<BuiltRound> BuildAsync(TestDatabase database) =>
        new RoundBuilder()
            .WithFramework(Orchard())
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", "A note",
                new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "A comment"),
                new AnswerSpec("AAA-1.02", AnswerValue.No),
                new AnswerSpec("AAA-1.03", AnswerValue.NotDetermined, Note: "Ask again"),
                new AnswerSpec("AAA-2.01", AnswerValue.Yes))
            .WithOrganisation("Omega", "ZED", null, new AnswerSpec("ZED-1.01", AnswerValue.Yes))
            .WithNarrative(NarrativeKind.MayLookAt, "Cities that *measure* their orchards")
            .BuildAsync(database);

    /// <summary>The app with the orchard framework as the only file of its frameworks folder: an install without MEGA.</summary>
    private static MegaBenchAppFactory App(TestDatabase database, TempFolder frameworks)
    {
        frameworks.Write("orchard.yaml", FrameworkYaml.Serialize(Orchard()));
        return new MegaBenchAppFactory(database, settings: new Dictionary<string, string> { [StartupInitialiser.FrameworksDirectoryKey] = frameworks.Path });
    }

    [Fact]
    public async Task Every_page_speaks_the_round_framework_words_and_none_of_MEGA()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        using var frameworks = new TempFolder();
        await using var factory = App(database, frameworks);
        var person = await TestAccounts.CreateAsync(database, "claire@example.org", TestRole.CoordinatorOf(round.CityId));
        var browser = await factory.CreateAdministratorBrowserAsync();

        var found = new List<string>();
        foreach (var template in EveryPageTests.SignedInPages.Select(row => row.Data))
        {
            var url = EveryPageTests.Url(template.Replace("/frameworks/test-fw/1.0", "/frameworks/orchard/1.0", StringComparison.Ordinal), round, person);
            var page = await browser.GetDocumentAsync(url);
            found.AddRange(MegaWordsIn(PageText(page)).Select(word => $"{url}: “{word}”"));
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task Methodology_page_states_the_framework_parameters_reduced()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        using var frameworks = new TempFolder();
        await using var factory = App(database, frameworks);

        var rules = (await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/rounds/{round.RoundId}/methodology"))
            .QuerySelector("ol.rules")!.TextContent;

        Assert.Contains("the threshold of 3/5", rules, StringComparison.Ordinal);
        Assert.Contains("at least 10 points above the network median", rules, StringComparison.Ordinal);
        Assert.Contains("a statement counts 0.25 times a theme", rules, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    [InlineData("docx")]
    [InlineData("json")]
    public async Task Every_export_speaks_the_round_framework_words_and_none_of_MEGA(string format)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        using var frameworks = new TempFolder();
        await using var factory = App(database, frameworks);
        var browser = await factory.CreateAdministratorBrowserAsync();

        var response = await browser.GetAsync(new Uri($"/rounds/{round.RoundId}/export.{format}", UriKind.Relative), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var text = format switch
        {
            "xlsx" => string.Join("\n", ReportFixture.SheetNames(bytes).Select(name => name + "\n" + ReportFixture.WorksheetText(bytes, name))),
            "docx" => ReportFixture.DocumentText(bytes),
            _ => System.Text.Encoding.UTF8.GetString(bytes),
        };

        Assert.Contains(format == "csv" ? "AAA-1.01" : "Growers", text, StringComparison.Ordinal);
        // The JSON embeds the framework as stored (its canonical JSON keeps the file's 0.6 as 6000/10000): for machines.
        Assert.All(MegaWordsIn(text), word => Assert.True(format == "json" && word == "6000/10000", word));
    }

    /// <summary>The PDF is <see cref="RoundHtml"/> printed by Chromium: its text is the HTML's.</summary>
    [Fact]
    public async Task Printed_report_speaks_the_round_framework_words_and_none_of_MEGA()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        var report = await ReportFixture.LoadAsync(database, round.RoundId);

        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(RoundHtml.Render(report));

        Assert.Contains("sprout tier", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(MegaWordsIn(html.Title + " " + html.Body!.TextContent));
    }

    /// <summary>What a reader sees: the title, the text (the organisation form's kinds included) and the alternative texts.</summary>
    private static string PageText(IDocument page)
    {
        var attributes = page.QuerySelectorAll("[alt], [title], [aria-label], [placeholder]")
            .SelectMany(e => new[] { e.GetAttribute("alt"), e.GetAttribute("title"), e.GetAttribute("aria-label"), e.GetAttribute("placeholder") });
        return string.Join(" ", [page.Title, page.Body!.TextContent, .. attributes]);
    }

    private static IEnumerable<string> MegaWordsIn(string text) =>
        MegaWords.Where(word => text.Contains(word, word == "MEGA" ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase));
}
