using System.Net;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Organisations;

public sealed class AnswerFormTests
{
    // The form lists the group's statements in sheet order: AAA-1.01 is Answers[0], AAA-1.02 Answers[1], AAA-2.01 Answers[2]...
    [Fact]
    public async Task Form_has_a_fieldset_per_statement_with_the_statement_as_legend_and_labelled_inputs()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.02", AnswerValue.NotDetermined, Comment: "Unclear")).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var page = await (await factory.CreateAdministratorBrowserAsync()).GetDocumentAsync($"/organisations/{round.Organisations["Alpha"]}/answers");

        var fieldsets = page.QuerySelectorAll("fieldset.statement").ToList();
        Assert.Equal(6, fieldsets.Count);
        Assert.Equal("AAA-1.01 AAA statement 1.01.", fieldsets[0].QuerySelector("legend")!.TextContent.Trim());
        Assert.Equal(["Yes", "No", "Not determined", "Not answered"], fieldsets[0].QuerySelectorAll(".choice label").Select(l => l.TextContent));
        Assert.Equal("Unanswered", fieldsets[0].QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
        Assert.Equal("NotDetermined", fieldsets[1].QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
        Assert.Equal("Unclear", fieldsets[1].QuerySelector("textarea[name$='.Comment']")!.TextContent);
        foreach (var input in page.QuerySelectorAll("form input:not([type=hidden]), form textarea, form select"))
        {
            Assert.True(page.QuerySelector($"label[for='{input.Id}']") is not null, $"Input {input.GetAttribute("name")} has no label.");
        }
    }

    [Fact]
    public async Task Answers_of_a_published_round_cannot_be_changed_until_the_round_is_reopened()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(MegaBench.Rounds.RoundStatus.Published)
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No)).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var id = round.Organisations["Alpha"];

        var shown = await client.GetDocumentAsync($"/organisations/{id}/answers");
        var response = await client.SubmitFormAsync($"/organisations/{id}/answers", new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes", ["Answers[0].Comment"] = "Typed" });
        var refused = await HtmlForms.ParseAsync(response);

        Assert.Contains("reopen the round", shown.QuerySelector(".notice-warning")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("reopen the round", refused.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Typed", refused.QuerySelector("textarea[name='Answers[0].Comment']")!.TextContent);
        await using var db = database.NewContext();
        var answer = await db.Answers.SingleAsync(a => a.OrganisationId == id, TestContext.Current.CancellationToken);
        Assert.Equal((AnswerValue.No, 1), (answer.Value, answer.Version));
    }

    [Fact]
    public async Task Saving_records_who_and_when_and_increments_the_version_of_changed_answers_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No), new AnswerSpec("AAA-1.02", AnswerValue.Yes))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var email = await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var actor = email.Split('@')[0];
        var id = round.Organisations["Alpha"];
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var response = await client.SubmitFormAsync($"/organisations/{id}/answers", new Dictionary<string, string?>
        {
            ["Answers[0].Value"] = "Yes",
            ["Answers[0].Comment"] = "Since 2019.",
            ["Answers[2].Value"] = "NotDetermined",
            ["Answers[2].CoordinatorNote"] = "The positive answer is not supported by further detailed information.",
            ["Answers[2].Evidence"] = "https://evidence.example.org/report.pdf",
        });
        var page = await client.FollowAsync(response);

        Assert.Contains("2 answers of Alpha were saved.", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var answers = await db.Answers.Where(a => a.OrganisationId == id).ToDictionaryAsync(a => a.IndicatorCode, TestContext.Current.CancellationToken);
        Assert.Equal((AnswerValue.Yes, "Since 2019.", 2, actor), (answers["AAA-1.01"].Value, answers["AAA-1.01"].Comment, answers["AAA-1.01"].Version, answers["AAA-1.01"].UpdatedBy));
        Assert.True(answers["AAA-1.01"].UpdatedAt >= before);
        Assert.Equal((AnswerValue.Yes, 1, "builder"), (answers["AAA-1.02"].Value, answers["AAA-1.02"].Version, answers["AAA-1.02"].UpdatedBy));
        Assert.Equal((AnswerValue.NotDetermined, "https://evidence.example.org/report.pdf", 1, actor),
            (answers["AAA-2.01"].Value, answers["AAA-2.01"].Evidence, answers["AAA-2.01"].Version, answers["AAA-2.01"].UpdatedBy));
        Assert.Equal(3, answers.Count);
        var audit = await db.AuditEntries.Where(e => e.EntityType == "Answer" && e.ActorName != "system").ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([AuditAction.Created, AuditAction.Updated], audit.Select(e => e.Action).Order());
        Assert.All(audit, e => Assert.Equal((actor, true), (e.ActorName, e.ActorId is not null)));
    }

    [Fact]
    public async Task A_statement_changed_meanwhile_is_a_conflict_and_nothing_is_saved()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No))
            .BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var id = round.Organisations["Alpha"];
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/organisations/{id}/answers"));

        // A colleague saves AAA-1.01 after our page was loaded.
        await using (var db = database.NewContext())
        {
            var answer = await db.Answers.SingleAsync(TestContext.Current.CancellationToken);
            answer.Value = AnswerValue.NotDetermined;
            answer.Comment = "Colleague's comment";
            answer.Version++;
            answer.UpdatedBy = "colleague";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var typed = new Dictionary<string, string?>
        {
            ["Answers[0].Value"] = "Yes",
            ["Answers[0].Comment"] = "My comment",
            ["Answers[1].Value"] = "No",
        };
        var response = await client.SubmitAsync(form, typed);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this statement while you were editing: AAA-1.01.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        var conflict = page.QuerySelector("fieldset.conflict")!;
        Assert.StartsWith("AAA-1.01", conflict.QuerySelector("legend")!.TextContent.Trim(), StringComparison.Ordinal);
        var note = conflict.QuerySelector(".conflict-note")!.TextContent;
        Assert.Contains("by colleague", note, StringComparison.Ordinal);
        Assert.Contains("Stored answer: Not determined", note, StringComparison.Ordinal);
        Assert.Contains("Your answer: Yes", note, StringComparison.Ordinal);
        Assert.Contains("Colleague's comment", note, StringComparison.Ordinal);
        Assert.Equal("Yes", conflict.QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
        Assert.Equal("My comment", conflict.QuerySelector("textarea[name$='.Comment']")!.TextContent);
        Assert.Equal("No", page.QuerySelectorAll("fieldset.statement")[1].QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
        Assert.Single(page.QuerySelectorAll("fieldset.conflict"));

        await using (var db = database.NewContext())
        {
            var answers = await db.Answers.ToListAsync(TestContext.Current.CancellationToken);
            var stored = Assert.Single(answers);
            Assert.Equal((AnswerValue.NotDetermined, "Colleague's comment", 2), (stored.Value, stored.Comment, stored.Version));
        }

        // Saving the kept answers again replaces the colleague's, on purpose.
        var again = await client.SubmitAsync(HtmlForms.FindForm(page));
        await client.FollowAsync(again);
        await using (var db = database.NewContext())
        {
            var answers = await db.Answers.OrderBy(a => a.IndicatorCode).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal([("AAA-1.01", AnswerValue.Yes, 3), ("AAA-1.02", AnswerValue.No, 1)], answers.Select(a => (a.IndicatorCode, a.Value, a.Version)));
        }
    }

    [Fact]
    public async Task A_statement_left_untouched_keeps_a_colleagues_change()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No)).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var id = round.Organisations["Alpha"];
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/organisations/{id}/answers"));

        await using (var db = database.NewContext())
        {
            var answer = await db.Answers.SingleAsync(TestContext.Current.CancellationToken);
            answer.Value = AnswerValue.Yes;
            answer.Version++;
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var response = await client.SubmitAsync(form, new Dictionary<string, string?> { ["Answers[1].Value"] = "Yes" });
        await client.FollowAsync(response);

        await using var check = database.NewContext();
        var answers = await check.Answers.OrderBy(a => a.IndicatorCode).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([("AAA-1.01", AnswerValue.Yes, 2), ("AAA-1.02", AnswerValue.Yes, 1)], answers.Select(a => (a.IndicatorCode, a.Value, a.Version)));
    }

    public static TheoryData<string, string, string, string> BadAnswers => new()
    {
        { "Answers[0].Value", "Maybe", "answer-0-value", "'Maybe' is not an answer. Choose Yes, No, Not determined or Not answered." },
        { "Answers[0].Value", "1", "answer-0-value", "'1' is not an answer. Choose Yes, No, Not determined or Not answered." },
        { "Answers[0].Comment", new string('c', 4001), "answer-0-comment", "The comment is 4,001 characters long; use at most 4,000." },
        { "Answers[0].Evidence", new string('e', 2001), "answer-0-evidence", "The evidence is 2,001 characters long; use at most 2,000." },
        { "Answers[0].CoordinatorNote", new string('n', 4001), "answer-0-note", "The coordinator's note is 4,001 characters long; use at most 4,000." },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_shows_the_message_beside_its_statement_and_saves_nothing(string field, string value, string errorId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var id = round.Organisations["Alpha"];

        var response = await (await factory.CreateAdministratorBrowserAsync()).SubmitFormAsync($"/organisations/{id}/answers", new Dictionary<string, string?>
        {
            [field] = value,
            ["Answers[1].Value"] = "Yes",
        });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, page.GetElementById($"{errorId}-error")!.TextContent.Trim());
        Assert.Equal("Yes", page.QuerySelectorAll("fieldset.statement")[1].QuerySelector("input[type=radio]:checked")!.GetAttribute("value"));
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_statement_of_another_group_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var id = round.Organisations["Alpha"];

        var response = await (await factory.CreateAdministratorBrowserAsync()).SubmitFormAsync($"/organisations/{id}/answers", new Dictionary<string, string?>
        {
            ["Answers[0].Code"] = "BBB-1.01",
            ["Answers[0].Value"] = "Yes",
        });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Contains("The form holds a statement 'BBB-1.01' that Alpha does not answer", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_damaged_hidden_version_is_reported_and_nothing_is_saved()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await (await factory.CreateAdministratorBrowserAsync()).SubmitFormAsync($"/organisations/{round.Organisations["Alpha"]}/answers", new Dictionary<string, string?>
        {
            ["Answers[0].Version"] = "not-a-number",
            ["Answers[1].Value"] = "Yes",
        });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Part of the form was damaged in transit. Reload the page and enter the answers again.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(HostileStrings.All), MemberType = typeof(HostileStrings))]
    public async Task Hostile_comments_are_stored_cleaned_as_on_every_path_and_shown_as_text(string text)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var id = round.Organisations["Alpha"];
        var shortText = text.Length > 4000 ? text[..4000].Trim() : text;

        var response = await client.SubmitFormAsync($"/organisations/{id}/answers", new Dictionary<string, string?>
        {
            ["Answers[0].Value"] = "Yes",
            ["Answers[0].Comment"] = shortText,
        });
        var form = await client.FollowAsync(response);
        var sheet = await client.GetDocumentAsync($"/rounds/{round.RoundId}/sheets/AAA");

        // Stored as AnswerText.Clean has it (line ends, composed accents), the same on every path; shown as stored.
        var stored = AnswerText.Clean(shortText);
        await using var db = database.NewContext();
        Assert.Equal(stored, (await db.Answers.SingleAsync(TestContext.Current.CancellationToken)).Comment);
        Assert.Equal(stored!.ReplaceLineEndings("\n"), form.QuerySelector("textarea[name='Answers[0].Comment']")!.TextContent.ReplaceLineEndings("\n"));
        Assert.Equal(stored, sheet.QuerySelector(".footnotes .note-text")!.TextContent);
        Assert.Empty(sheet.QuerySelectorAll("main script, main img, main svg"));
    }

    [Fact]
    public async Task The_coordinators_form_stores_a_text_as_every_other_path_does()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No)).BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var id = round.Organisations["Alpha"];
        const string typed = "  Cafe\u0301 since 2019.\r\nStill.  ";

        await client.FollowAsync(await client.SubmitFormAsync($"/organisations/{id}/answers", new Dictionary<string, string?>
        {
            ["Answers[0].Value"] = "Yes",
            ["Answers[0].Comment"] = typed,
            ["Answers[0].Evidence"] = typed,
        }));

        await using var db = database.NewContext();
        var answer = await db.Answers.SingleAsync(a => a.OrganisationId == id && a.IndicatorCode == "AAA-1.01", Ct);
        Assert.Equal("Caf\u00e9 since 2019.\nStill.", answer.Comment);
        Assert.Equal(AnswerText.Clean(typed), answer.Evidence);
    }
}
