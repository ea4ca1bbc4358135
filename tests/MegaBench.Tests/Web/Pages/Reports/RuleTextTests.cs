using System.Text.RegularExpressions;
using MegaBench.Answers;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Reports;
using MegaBench.Tests.Web.Localization;

namespace MegaBench.Tests.Web.Pages.Reports;

/// <summary>
/// Each rule of the figures is written once (<see cref="ReportText"/>) and said in the same words by the methodology
/// page, the profile, the exports' scoring note and docs/reports.md.
/// </summary>
public sealed partial class RuleTextTests
{
    /// <summary>The rules with the test framework's low-coverage share (1/2) in place of {0}.</summary>
    public static TheoryData<string> Rules { get; } = new()
    {
        ReportText.GroupLevelsRule,
        ReportText.ThemeScoreRule,
        ReportText.CoverageRule,
        ReportText.NotDeterminedRule,
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Methodology_profile_and_export_state_the_rule_in_the_same_words(string rule)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithStatus(RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes), new AnswerSpec("AAA-1.02", AnswerValue.NotDetermined))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var browser = await factory.CreateAdministratorBrowserAsync();
        var sentence = string.Format(System.Globalization.CultureInfo.InvariantCulture, rule, "1/2");

        var methodology = (await browser.GetDocumentAsync($"/rounds/{round.RoundId}/methodology")).QuerySelector("main")!.TextContent;
        var profile = (await browser.GetDocumentAsync($"/rounds/{round.RoundId}/profile")).QuerySelector("main")!.TextContent;
        var docx = ReportFixture.DocumentText(await browser.GetByteArrayAsync(new Uri($"/rounds/{round.RoundId}/export.docx", UriKind.Relative), TestContext.Current.CancellationToken));

        Assert.Contains(sentence, Flat(methodology), StringComparison.Ordinal);
        Assert.Contains(sentence, Flat(profile), StringComparison.Ordinal);
        Assert.Contains(sentence, Flat(docx), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Documentation_states_the_rule_in_the_same_words(string rule)
    {
        var docs = File.ReadAllText(Path.Combine(SharedResources.Folder, "..", "..", "..", "docs", "reports.md"));

        // The documentation names the parameter where the pages put its value.
        Assert.All(rule.Split("{0}"), part => Assert.Contains(part, docs, StringComparison.Ordinal));
    }

    private static string Flat(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
