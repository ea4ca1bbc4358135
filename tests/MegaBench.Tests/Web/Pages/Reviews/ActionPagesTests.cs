using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Learning;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Reviews;

public sealed class ActionPagesTests
{
    private const string SaveForm = "form[action*='handler=Save']";

    private static string Url(BuiltCycle built) => $"/reviews/{built.ReviewOfA}/actions";

    private static Dictionary<string, string?> ValidAction(BuiltCycle built) => new()
    {
        ["Input.Title"] = "Open a finance desk",
        ["Input.OrganisationId"] = built.OrganisationsOfA["A chamber"].ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Deadline"] = "2026-06-30",
        ["Input.Status"] = "InProgress",
        ["Input.Themes"] = "finance",
    };

    [Fact]
    public async Task Host_adds_edits_and_deletes_an_action()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);
        var ct = TestContext.Current.CancellationToken;

        var page = await host.GetDocumentAsync(Url(built));
        var form = HtmlForms.FindForm(page, SaveForm);
        Tick(form, "Input_Statements_AAA-1.01", "Input_Statements_BBB-2.01");
        var shown = await host.FollowAsync(await host.SubmitAsync(form, ValidAction(built)));

        Assert.Contains("Open a finance desk", shown.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        int id;
        await using (var db = database.NewContext())
        {
            var action = await db.ReviewActions.SingleAsync(ct);
            id = action.Id;
            Assert.Equal(
                (built.ReviewOfA, "AAA-1.01 BBB-2.01", "finance", (int?)built.OrganisationsOfA["A chamber"], (DateOnly?)new DateOnly(2026, 6, 30), ActionStatus.InProgress),
                (action.ReviewId, action.Statements, action.Themes, action.OrganisationId, action.Deadline, action.Status));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == nameof(ReviewAction) && e.Action == AuditAction.Created, ct));
        }

        var editPage = await host.GetDocumentAsync($"{Url(built)}?edit={id}");
        var editForm = HtmlForms.FindForm(editPage, SaveForm);
        Assert.True(editPage.QuerySelector<IHtmlInputElement>("[id=\'Input_Statements_BBB-2.01\']")!.IsChecked); // the form shows what is stored
        editPage.QuerySelector<IHtmlInputElement>("[id=\'Input_Statements_BBB-2.01\']")!.IsChecked = false;
        await host.FollowAsync(await host.SubmitAsync(editForm, new Dictionary<string, string?> { ["Input.Title"] = "Open two finance desks", ["Input.Status"] = "Done", ["Input.Deadline"] = "" }));
        await using (var db = database.NewContext())
        {
            var action = await db.ReviewActions.SingleAsync(ct);
            Assert.Equal(("Open two finance desks", "AAA-1.01", ActionStatus.Done, (DateOnly?)null), (action.Title, action.Statements, action.Status, action.Deadline));
        }

        await host.FollowAsync(await host.SubmitFormAsync(Url(built), new Dictionary<string, string?>(), "form[action*='handler=Delete']"));
        await using (var db = database.NewContext())
        {
            Assert.False(await db.ReviewActions.AnyAsync(ct));
        }
    }

    [Theory]
    [InlineData("Input.Title", "", "Input_Title", "Enter a title")]
    [InlineData("Input.Statements", "ZZZ-9.99", "Input_Statements", "“ZZZ-9.99” is not a statement of the framework of Aville’s 2024 round")]
    [InlineData("Input.Themes", "astrology", "Input_Themes", "“astrology” is not a theme")]
    [InlineData("Input.OrganisationId", "{organisation of Bville}", "Input_OrganisationId", "must be one of Aville’s organisations in its 2024 round")]
    [InlineData("Input.Deadline", "31/12/2026", "Input_Deadline", "Enter the deadline as a date")]
    [InlineData("Input.Status", "Finished", "Input_Status", "Choose the action’s status")]
    public async Task Bad_action_input_is_refused_with_a_message_naming_it_and_nothing_is_written(string field, string value, string fieldId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);
        var ct = TestContext.Current.CancellationToken;
        if (value == "{organisation of Bville}")
        {
            await using var db = database.NewContext();
            value = (await db.Organisations.SingleAsync(o => o.RoundId == built.RoundB, ct)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var fields = ValidAction(built);
        fields[field] = value;
        var response = await host.SubmitFormAsync(Url(built), fields, SaveForm);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.FieldError(fieldId), StringComparison.Ordinal);
        if (field != "Input.Title")
        {
            Assert.Equal("Open a finance desk", page.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value); // what was typed is kept
        }

        await using (var db = database.NewContext())
        {
            Assert.False(await db.ReviewActions.AnyAsync(ct));
        }
    }

    [Fact]
    public async Task Host_adds_a_dated_progress_note_and_a_note_without_a_date_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        var actionId = await AddActionAsync(database, built.ReviewOfA, "AAA-1.01");
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);
        var ct = TestContext.Current.CancellationToken;

        var refused = await host.SubmitFormAsync(Url(built), new Dictionary<string, string?> { ["noteDate"] = "yesterday", ["noteText"] = "Desk **opened**." }, "form[action*='handler=Note']");
        var refusedPage = await HtmlForms.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter the note’s date as a date", refusedPage.FieldError($"note-{actionId}-date"), StringComparison.Ordinal);
        Assert.Equal("Desk **opened**.", refusedPage.QuerySelector<IHtmlTextAreaElement>($"#note-{actionId}-text")!.Value);
        await using (var db = database.NewContext())
        {
            Assert.False(await db.ActionProgressNotes.AnyAsync(ct));
        }

        var page = await host.FollowAsync(await host.SubmitFormAsync(Url(built), new Dictionary<string, string?> { ["noteDate"] = "2025-09-15", ["noteText"] = "Desk **opened**." }, "form[action*='handler=Note']"));

        Assert.NotNull(page.QuerySelector(".progress-notes strong")); // rendered as Markdown
        Assert.Equal("2025-09-15", page.QuerySelector(".progress-notes time")!.GetAttribute("datetime"));
        await using (var db = database.NewContext())
        {
            var note = await db.ActionProgressNotes.SingleAsync(ct);
            Assert.Equal((actionId, new DateOnly(2025, 9, 15), "Desk **opened**."), (note.ActionId, note.Date, note.Text));
        }
    }

    [Fact]
    public async Task Host_adopts_a_recommendation_of_the_submitted_report_as_an_action()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.NewContext())
        {
            var review = await db.PeerReviews.SingleAsync(r => r.Id == built.ReviewOfA, ct);
            review.Feedback = "# Feedback\n\nAville does well.\n\n## Recommendations\n\n- Open a finance desk\n- Train advisers in *business law*\n\n## Annex\n\n- Not a recommendation\n";
            await db.SaveChangesAsync(ct);
        }

        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);

        var draft = await host.GetDocumentAsync(Url(built));
        Assert.Empty(draft.QuerySelectorAll("button[value^='recommendation:']")); // not submitted yet: no recommendation offered

        await using (var db = database.NewContext())
        {
            (await db.PeerReviews.SingleAsync(r => r.Id == built.ReviewOfA, ct)).FeedbackSubmittedAt = DateTimeOffset.UnixEpoch;
            await db.SaveChangesAsync(ct);
        }

        var page = await host.GetDocumentAsync(Url(built));
        Assert.Equal(["recommendation:0", "recommendation:1"], page.QuerySelectorAll("button[value^='recommendation:']").Select(b => b.GetAttribute("value")));
        var adopted = await host.SubmitAsync(HtmlForms.FindForm(page, "form.suggestions"), new Dictionary<string, string?> { ["suggestion"] = "recommendation:1" });
        var editing = await host.FollowAsync(adopted);

        Assert.Equal("Train advisers in business law", editing.QuerySelector<IHtmlInputElement>("#Input_Title")!.Value); // prefilled, to complete
        Assert.Equal(["recommendation:0"], editing.QuerySelectorAll("button[value^='recommendation:']").Select(b => b.GetAttribute("value")));
        await using (var db = database.NewContext())
        {
            var action = await db.ReviewActions.SingleAsync(ct);
            Assert.Equal(("Train advisers in business law", ActionStatus.Planned, built.ReviewOfA), (action.Title, action.Status, action.ReviewId));
        }
    }

    [Fact]
    public async Task Host_adopts_a_gap_statement_as_an_action_linked_to_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);
        var ct = TestContext.Current.CancellationToken;

        // The gap theme is "data": AAA-1.02, AAA-2.01, BBB-1.02 and BBB-2.01, which no organisation of Aville meets.
        var page = await host.GetDocumentAsync(Url(built));
        Assert.Equal(["statement:AAA-1.02", "statement:AAA-2.01", "statement:BBB-1.02", "statement:BBB-2.01"], page.QuerySelectorAll("button[value^='statement:']").Select(b => b.GetAttribute("value")));

        var editing = await host.FollowAsync(await host.SubmitAsync(HtmlForms.FindForm(page, "form.suggestions"), new Dictionary<string, string?> { ["suggestion"] = "statement:AAA-2.01" }));

        Assert.True(editing.QuerySelector<IHtmlInputElement>("[id=\'Input_Statements_AAA-2.01\']")!.IsChecked);
        Assert.DoesNotContain("statement:AAA-2.01", editing.QuerySelectorAll("button[value^='statement:']").Select(b => b.GetAttribute("value")));
        await using var db = database.NewContext();
        var action = await db.ReviewActions.SingleAsync(ct);
        Assert.Equal(("AAA statement 2.01.", "AAA-2.01", "data"), (action.Title, action.Statements, action.Themes));
    }

    [Fact]
    public async Task Suggestion_no_longer_offered_is_refused_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);

        var response = await host.SubmitFormAsync(Url(built), new Dictionary<string, string?> { ["suggestion"] = "statement:AAA-3.01" }, "form.suggestions");
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That suggestion is no longer offered", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.ReviewActions.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Host_marks_the_plan_adopted_once_it_has_an_action()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);
        var ct = TestContext.Current.CancellationToken;

        var empty = await host.SubmitFormAsync(Url(built), new Dictionary<string, string?>(), "form[action*='handler=AdoptPlan']");
        Assert.Contains("add at least one action", (await HtmlForms.ParseAsync(empty)).QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Null((await db.PeerReviews.SingleAsync(r => r.Id == built.ReviewOfA, ct)).ActionPlanDoneAt);
        }

        await AddActionAsync(database, built.ReviewOfA, "AAA-1.01");
        var page = await host.FollowAsync(await host.SubmitFormAsync(Url(built), new Dictionary<string, string?>(), "form[action*='handler=AdoptPlan']"));

        Assert.Contains("Aville adopted the action plan on", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.NotNull((await db.PeerReviews.SingleAsync(r => r.Id == built.ReviewOfA, ct)).ActionPlanDoneAt);
        }
    }

    [Theory]
    [InlineData("Save")]
    [InlineData("Delete")]
    [InlineData("Note")]
    [InlineData("Adopt")]
    [InlineData("AdoptPlan")]
    public async Task Reviewer_reads_the_plan_but_gets_403_on_every_write(string handler)
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        var actionId = await AddActionAsync(database, built.ReviewOfA, "AAA-1.01");
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(built.CoordinatorOfB);
        var ct = TestContext.Current.CancellationToken;
        var before = await AuditCountAsync(database);

        var page = await reviewer.GetDocumentAsync(Url(built));
        Assert.Empty(page.QuerySelectorAll("main form"));
        var token = await reviewer.AntiforgeryTokenAsync();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Title"] = "Written by the reviewer",
            ["actionId"] = $"{actionId}",
            ["noteDate"] = "2025-09-15",
            ["noteText"] = "Written by the reviewer",
            ["suggestion"] = "statement:AAA-2.01",
        });
        var response = await reviewer.PostAsync(new Uri($"{Url(built)}?handler={handler}", UriKind.Relative), content, ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await AuditCountAsync(database));
    }

    [Fact]
    public async Task Visitor_sees_the_plan_only_once_the_review_is_published()
    {
        await using var database = await TestDatabase.CreateAsync();
        var unpublished = await new CycleBuilder().BuildAsync(database);
        await using var otherDatabase = await TestDatabase.CreateAsync();
        var published = await new CycleBuilder().PublishedForAville().BuildAsync(otherDatabase);
        await AddActionAsync(otherDatabase, published.ReviewOfA, "AAA-1.01");
        await using var factory = new MegaBenchAppFactory(database);
        await using var publishedFactory = new MegaBenchAppFactory(otherDatabase);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowser().GetAsync(new Uri(Url(unpublished), UriKind.Relative), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await publishedFactory.CreateBrowser().GetAsync(new Uri($"/reviews/{published.ReviewOfB}/actions", UriKind.Relative), ct)).StatusCode);
        var page = await publishedFactory.CreateBrowser().GetDocumentAsync(Url(published));

        Assert.Contains("Open a finance desk", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("main form")); // nothing to write
        Assert.Null(page.QuerySelector(".cycle-dashboard")); // the cycle is not theirs to see
        Assert.Single(page.QuerySelectorAll("h1"));
    }

    [Fact]
    public async Task Visitor_posting_to_a_published_plan_is_refused_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().PublishedForAville().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var visitor = factory.CreateBrowser();
        var token = await visitor.AntiforgeryTokenAsync("/account/signin");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Input.Title"] = "Anonymous", ["Input.Status"] = "Planned" });

        var response = await visitor.PostAsync(new Uri($"{Url(built)}?handler=Save", UriKind.Relative), content, TestContext.Current.CancellationToken);

        // As on every review page: a visitor may read the published plan, and a write is "not found" to them.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = database.NewContext();
        Assert.False(await db.ReviewActions.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Nothing_is_written_before_the_cycle_starts()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().Preparing().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);

        var response = await host.SubmitFormAsync(Url(built), ValidAction(built), SaveForm);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Contains("The cycle has not started yet", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.ReviewActions.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Follow_up_shows_what_moved_once_the_host_publishes_a_later_round()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new CycleBuilder().BuildAsync(database);
        await AddActionAsync(database, built.ReviewOfA, "AAA-1.01 BBB-1.01");
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(built.CoordinatorOfA);
        var ct = TestContext.Current.CancellationToken;

        var before = await host.GetDocumentAsync(Url(built));
        Assert.Contains("No later round of Aville is published yet", before.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("no later round yet", before.QuerySelector(".cycle-dashboard")!.TextContent, StringComparison.Ordinal);

        // 2025: the chamber now meets AAA-1.01 (it did not); the association no longer meets BBB-1.01 (it did).
        await using (var db = database.NewContext())
        {
            var framework = (await db.Rounds.SingleAsync(r => r.Id == built.RoundA, ct)).StoredFrameworkId;
            var later = new Round { CityId = built.CityA, Year = 2025, StoredFrameworkId = framework, Status = RoundStatus.Published };
            var chamber = new Organisation { Name = "A chamber", GroupCode = "AAA", Position = 1 };
            chamber.Answers.Add(new Answer { IndicatorCode = "AAA-1.01", Value = AnswerValue.Yes });
            var association = new Organisation { Name = "A association", GroupCode = "BBB", Position = 2 };
            association.Answers.Add(new Answer { IndicatorCode = "BBB-1.01", Value = AnswerValue.No });
            later.Organisations.AddRange([chamber, association]);
            db.Rounds.Add(later);
            await db.SaveChangesAsync(ct);
        }

        var after = await host.GetDocumentAsync(Url(built));
        var followUp = after.QuerySelector(".follow-up")!;
        Assert.Contains("1 of 2 linked statements improved.", followUp.TextContent, StringComparison.Ordinal);
        var rows = followUp.QuerySelectorAll("tbody tr").Select(r => string.Join(" / ", r.Children.Select(c => c.TextContent.Trim()))).ToList();
        Assert.Equal(["A chamber / newly met / not in its group", "A association / not in its group / lost"], rows);
        Assert.NotNull(followUp.QuerySelector("caption"));
        Assert.All(followUp.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
        var dashboard = after.QuerySelector(".cycle-dashboard")!;
        Assert.Contains("1 of 2 (50 %)", dashboard.TextContent, StringComparison.Ordinal);
        Assert.NotNull(dashboard.QuerySelector($"a[href='/reviews/{built.ReviewOfA}']"));
    }

    private static void Tick(IHtmlFormElement form, params string[] ids)
    {
        foreach (var id in ids)
        {
            var box = form.QuerySelector<IHtmlInputElement>($"[id='{id}']");
            Assert.True(box is not null, $"No checkbox {id} in the form.");
            box.IsChecked = true;
        }
    }

    private static async Task<int> AddActionAsync(TestDatabase database, int reviewId, string statements)
    {
        await using var db = database.NewContext();
        var action = new ReviewAction { ReviewId = reviewId, Title = "Open a finance desk", Statements = statements };
        db.ReviewActions.Add(action);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return action.Id;
    }

    private static async Task<int> AuditCountAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken);
    }
}
