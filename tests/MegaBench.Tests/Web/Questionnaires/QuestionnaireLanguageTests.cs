using AngleSharp.Dom;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Questionnaires;

/// <summary>The respondent chooses the language; the French questionnaire has no English interface text left.</summary>
public sealed class QuestionnaireLanguageTests
{
    /// <summary>Every text of the test framework in its source language: the only English a French page may show (visibly marked).</summary>
    private static HashSet<string> FrameworkSourceTexts()
    {
        var framework = new FrameworkBuilder().Build();
        var texts = new HashSet<string>(StringComparer.Ordinal) { framework.Title.Source };
        foreach (var stage in framework.Stages)
        {
            texts.Add(stage.Name.Source);
            texts.Add(stage.Level.Source);
        }

        foreach (var group in framework.Groups)
        {
            texts.Add(group.Name.Source);
            texts.Add(group.FinalObjective.Source);
            foreach (var stage in group.Stages)
            {
                texts.Add(stage.Narrative.Source);
                texts.UnionWith(stage.Indicators.Select(i => i.Text.Source));
            }
        }

        return texts;
    }

    private static void AssertNoEnglishInterfaceText(IDocument page)
    {
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        var framework = FrameworkSourceTexts();
        var untranslated = page.QuerySelectorAll(".untranslated").Select(e => e.TextContent).Where(t => !framework.Contains(t)).ToList();
        Assert.True(untranslated.Count == 0, $"{page.Url} shows interface texts in English: {string.Join(" | ", untranslated)}");
    }

    [Fact]
    public async Task The_French_questionnaire_review_and_invalid_link_pages_have_no_English_interface_text()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var english = await factory.CreateBrowser().GetDocumentAsync(invited.Page);
        var client = factory.CreateBrowser();

        var questionnaire = await client.GetDocumentAsync($"{invited.Page}?lang=fr");

        AssertNoEnglishInterfaceText(questionnaire);
        Assert.StartsWith("Questionnaire de", questionnaire.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("AAA énoncé 1.01.", questionnaire.QuerySelector("fieldset.statement legend")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Poser les fondations", questionnaire.QuerySelector("#stage-1 h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0 énoncés renseignés sur 6", questionnaire.QuerySelector("#questionnaire-progress")!.TextContent.Trim());

        // Texts given as plain strings (attributes, the script's messages, the choices) are translated too.
        var frenchTexts = questionnaire.GetElementById("questionnaire-texts")!.Attributes.Where(a => a.Name.StartsWith("data-", StringComparison.Ordinal)).ToList();
        var englishTexts = english.GetElementById("questionnaire-texts")!.Attributes.Where(a => a.Name.StartsWith("data-", StringComparison.Ordinal)).ToDictionary(a => a.Name, a => a.Value);
        Assert.NotEmpty(frenchTexts);
        Assert.All(frenchTexts, a => Assert.NotEqual(englishTexts[a.Name], a.Value));
        var frenchChoices = questionnaire.QuerySelectorAll("fieldset.statement .choices label").Select(l => l.TextContent).Distinct().ToList();
        Assert.Equal(["Oui", "Non", "Non déterminé"], frenchChoices);

        // The choice sticks: the review and the next visit are in French without asking again.
        var review = await client.GetDocumentAsync($"{invited.Page}/review");
        AssertNoEnglishInterfaceText(review);
        Assert.StartsWith("Relire le questionnaire de", review.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var invalid = await HtmlForms.ParseAsync(await client.GetAsync(new Uri("/q/not-a-link", UriKind.Relative), TestContext.Current.CancellationToken));
        AssertNoEnglishInterfaceText(invalid);
        Assert.Equal("Ce lien n’est pas valide", invalid.QuerySelector("h1")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_French_conflict_and_error_messages_are_in_French()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"{invited.Page}?lang=fr"));
        await factory.CreateBrowser().SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes" });

        var conflict = await HtmlForms.ParseAsync(await client.SubmitAsync(form, new Dictionary<string, string?> { ["Answers[0].Value"] = "No", ["Answers[1].Value"] = "Peut-être" }));

        AssertNoEnglishInterfaceText(conflict);
        Assert.Contains("« Peut-être » ne fait pas partie des choix", conflict.FieldError("statement-AAA-1.02-value"), StringComparison.Ordinal);
    }
}
