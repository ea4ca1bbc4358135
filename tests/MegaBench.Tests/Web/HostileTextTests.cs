using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Answers;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web;

/// <summary>
/// Every free-text field stores the hostile corpus byte for byte, gives it back unchanged through the JSON
/// API and the round export, and renders it as inert text: no element or event handler of the page comes
/// from the data.
/// </summary>
public sealed class HostileTextTests
{
    [Theory]
    [MemberData(nameof(HostileStrings.ForNames), MemberType = typeof(HostileStrings))]
    public async Task Names_come_back_identical_and_inert(string text)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var organisationId = round.Organisations["Alpha"];
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        await client.FollowAsync(await client.SubmitFormAsync($"/cities/{round.CityId}/edit",
            new Dictionary<string, string?> { ["Input.Name"] = text, ["Input.Country"] = text }));
        await client.FollowAsync(await client.SubmitFormAsync($"/organisations/{organisationId}/edit",
            new Dictionary<string, string?> { ["Input.Name"] = text }));

        await using (var db = database.NewContext())
        {
            var city = await db.Cities.SingleAsync(Ct);
            Assert.Equal((text, text), (city.Name, city.Country));
            Assert.Equal(text, (await db.Organisations.SingleAsync(Ct)).Name);
        }

        var apiCity = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/cities/{round.CityId}", UriKind.Relative), Ct);
        Assert.Equal(text, apiCity.GetProperty("name").GetString());
        Assert.Equal(text, apiCity.GetProperty("country").GetString());
        var apiOrganisation = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/organisations/{organisationId}", UriKind.Relative), Ct);
        Assert.Equal(text, apiOrganisation.GetProperty("name").GetString());

        foreach (var url in new[] { $"/cities/{round.CityId}", $"/rounds/{round.RoundId}", $"/rounds/{round.RoundId}/sheets/AAA", $"/organisations/{organisationId}/answers" })
        {
            AssertInertAndShown(await client.GetDocumentAsync(url), text);
        }

        var cityForm = await client.GetDocumentAsync($"/cities/{round.CityId}/edit");
        Assert.Equal(AsParsed(text), AsParsed(cityForm.GetElementById("Input_Name")!.GetAttribute("value")));
        Assert.Equal(AsParsed(text), AsParsed(cityForm.GetElementById("Input_Country")!.GetAttribute("value")));
        await AssertExportHoldsAsync(database, round.RoundId, text, expectedCount: 3);
    }

    [Theory]
    [MemberData(nameof(HostileStrings.All), MemberType = typeof(HostileStrings))]
    public async Task Long_texts_come_back_identical_and_inert(string text)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        var organisationId = round.Organisations["Alpha"];
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var fits = text.Length <= 2000; // the shortest limit of these fields: organisation notes and evidence

        var notes = await client.SubmitFormAsync($"/organisations/{organisationId}/edit", new Dictionary<string, string?> { ["Input.Notes"] = text });
        var answersForm = await client.GetDocumentAsync($"/organisations/{organisationId}/answers");
        var prefix = answersForm.QuerySelector<IHtmlInputElement>("input[type=hidden][value='AAA-1.01']")!.Name![..^".Code".Length];
        var answers = await client.SubmitAsync(HtmlForms.FindForm(answersForm), new Dictionary<string, string?>
        {
            [$"{prefix}.Value"] = "Yes",
            [$"{prefix}.Comment"] = text,
            [$"{prefix}.Evidence"] = text,
            [$"{prefix}.CoordinatorNote"] = text,
        });
        var narrative = await client.SubmitFormAsync($"/rounds/{round.RoundId}/narrative/obstacles", new Dictionary<string, string?> { ["Markdown"] = text });

        // The narrative holds 200,000 characters; the other fields refuse a longer text with a message and store nothing.
        await client.FollowAsync(narrative);
        if (fits)
        {
            await client.FollowAsync(notes);
            await client.FollowAsync(answers);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
            Assert.Contains("too long", (await HtmlForms.ParseAsync(notes)).QuerySelector(".field-error:not(:empty)")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, answers.StatusCode);
            Assert.Contains("characters long", (await HtmlForms.ParseAsync(answers)).QuerySelector(".field-error:not(:empty)")!.TextContent, StringComparison.Ordinal);
        }

        await using (var db = database.NewContext())
        {
            Assert.Equal(text, (await db.NarrativeSections.SingleAsync(Ct)).Markdown);
            Assert.Equal(fits ? text : null, (await db.Organisations.SingleAsync(Ct)).Notes);
            // An answer's texts are stored as AnswerText.Clean has them, the same on every path.
            var answer = await db.Answers.SingleOrDefaultAsync(Ct);
            var stored = fits ? AnswerText.Clean(text) : null;
            Assert.Equal((stored, stored, stored), (answer?.Comment, answer?.Evidence, answer?.CoordinatorNote));
        }

        var apiRound = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/rounds/{round.RoundId}", UriKind.Relative), Ct);
        Assert.Equal(text, apiRound.GetProperty("narrative")[0].GetProperty("markdown").GetString());

        // Rendered Markdown differs from its source by design (a link keeps its text, loses a javascript: target): only inertness counts.
        AssertInert(await client.GetDocumentAsync($"/rounds/{round.RoundId}"));
        var narrativeForm = await client.GetDocumentAsync($"/rounds/{round.RoundId}/narrative/obstacles");
        AssertInert(narrativeForm);
        Assert.Equal(AsParsed(text), AsParsed(narrativeForm.QuerySelector<IHtmlTextAreaElement>("textarea[name=Markdown]")!.Value));

        if (fits)
        {
            var apiOrganisation = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/organisations/{organisationId}", UriKind.Relative), Ct);
            Assert.Equal(text, apiOrganisation.GetProperty("notes").GetString());
            var apiAnswer = (await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/organisations/{organisationId}/answers", UriKind.Relative), Ct))
                .EnumerateArray().Single(a => a.GetProperty("indicatorCode").GetString() == "AAA-1.01");
            var storedText = AnswerText.Clean(text);
            Assert.Equal((storedText, storedText, storedText), (apiAnswer.GetProperty("comment").GetString(), apiAnswer.GetProperty("evidence").GetString(), apiAnswer.GetProperty("coordinatorNote").GetString()));

            AssertInertAndShown(await client.GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA"), text);
            var form = await client.GetDocumentAsync($"/organisations/{organisationId}/answers");
            AssertInert(form);
            Assert.Equal(AsParsed(text), AsParsed(form.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{prefix}.Comment']")!.Value));
            Assert.Equal(AsParsed(text), AsParsed(form.QuerySelector<IHtmlInputElement>($"input[name='{prefix}.Evidence']")!.GetAttribute("value")));
            Assert.Equal(AsParsed(text), AsParsed(form.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{prefix}.CoordinatorNote']")!.Value));
            var organisationForm = await client.GetDocumentAsync($"/organisations/{organisationId}/edit");
            Assert.Equal(AsParsed(text), AsParsed(organisationForm.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Notes']")!.Value));
        }

        await AssertExportHoldsAsync(database, round.RoundId, text, expectedCount: fits ? 5 : 1);
    }

    /// <summary>A browser turns CR LF into LF in text and attributes (AngleSharp may keep it): compare texts in that form.</summary>
    private static string? AsParsed(string? text) => text?.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static void AssertInert(IDocument page)
    {
        // Sanitised Markdown may keep an image (without its handlers); nothing that runs code may appear.
        Assert.Empty(page.QuerySelectorAll("script, svg, iframe, object, embed, frame, base, meta[http-equiv]"));
        Assert.DoesNotContain(page.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(page.QuerySelectorAll("[href]"), e => e.GetAttribute("href")!.Trim().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase));
    }

    private static void AssertInertAndShown(IDocument page, string text)
    {
        AssertInert(page);
        Assert.True(AsParsed(page.Body!.TextContent)!.Contains(AsParsed(text)!, StringComparison.Ordinal), $"{page.Url} does not show the text as typed.");
    }

    /// <summary>The round's JSON export holds the text (answers: cleaned), in at least as many string values as it was typed into.</summary>
    private static async Task AssertExportHoldsAsync(TestDatabase database, int roundId, string text, int expectedCount)
    {
        await using var db = database.NewContext();
        using var stream = new MemoryStream();
        await RoundExporter.ExportAsync(db, roundId, stream, Ct);
        stream.Position = 0;
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: Ct);
        // Answers hold it as AnswerText.Clean has it; notes and narrative exactly as typed.
        var count = Strings(document.RootElement).Count(s => s == text || s == AnswerText.Clean(text));
        Assert.True(count >= expectedCount, $"The export holds the text {count} times; it was typed into {expectedCount} fields.");
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };
}
