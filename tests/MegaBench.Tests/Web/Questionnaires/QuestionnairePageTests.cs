using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Questionnaires;

/// <summary>The respondent's questionnaire driven as a browser without JavaScript does: GET, antiforgery token, POST.</summary>
public sealed class QuestionnairePageTests
{
    private static IHtmlInputElement Radio(IDocument page, string code, string value) =>
        (IHtmlInputElement)page.GetElementById($"statement-{code}-{value}")!;

    private static string Text(IDocument page, string selector) => page.QuerySelector(selector)?.TextContent.Trim() ?? "";

    [Fact]
    public async Task The_link_opens_its_organisations_statements_only_stage_by_stage_with_their_narratives()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        var response = await client.GetAsync(new Uri(invited.Page, UriKind.Relative), Ct);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("Alder City Hall", Text(page, "h1"), StringComparison.Ordinal);
        var stages = page.QuerySelectorAll("section.answer-stage").ToList();
        Assert.Equal(["stage-1", "stage-2", "stage-3"], stages.Select(s => s.Id));
        Assert.Contains("Laying the foundations", stages[0].QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("AAA at stage 1 does more.", stages[0].QuerySelector(".narrative")!.TextContent.Trim());
        var fieldsets = page.QuerySelectorAll("fieldset.statement").ToList();
        Assert.Equal(["AAA-1.01", "AAA-1.02", "AAA-2.01", "AAA-2.02", "AAA-3.01", "AAA-3.02"], fieldsets.Select(f => f.GetAttribute("data-code")));
        Assert.Contains("AAA statement 1.01.", fieldsets[0].QuerySelector("legend")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("BBB", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // Each choice is labelled, and the statement is the legend of its choices.
        foreach (var fieldset in fieldsets)
        {
            var radios = fieldset.QuerySelectorAll<IHtmlInputElement>("input[type=radio]").ToList();
            Assert.Equal(["Yes", "No", "NotDetermined"], radios.Select(r => r.Value));
            Assert.All(radios, r => Assert.NotNull(page.QuerySelector($"label[for='{r.Id}']")));
            Assert.NotNull(fieldset.QuerySelector("textarea[name$='.Comment']"));
            Assert.NotNull(fieldset.QuerySelector("input[name$='.Evidence']"));
        }

        Assert.Equal("0 of 6 statements answered", Text(page, "#questionnaire-progress"));
        Assert.Equal(3, page.QuerySelectorAll("button[type=submit][name=Stage]").Length);
        Assert.Equal("/js/questionnaire.js", page.QuerySelector("script")!.GetAttribute("src"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
    }

    [Fact]
    public async Task Saving_a_stage_without_JavaScript_stores_the_answers_and_comes_back_to_that_stage()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        var response = await client.SubmitFormAsync(invited.Page, new Dictionary<string, string?>
        {
            ["Answers[2].Value"] = "Yes",
            ["Answers[2].Comment"] = "Since 2016,\r\nwith the region.",
            ["Answers[2].Evidence"] = "https://example.org/report",
            ["Answers[3].Value"] = "NotDetermined",
            ["Stage"] = "2",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // The address scrolls to the confirmation, which sits at the top of the stage just saved: in view.
        Assert.Equal($"{invited.Page}#stage-2-saved", response.Headers.Location!.OriginalString);
        var page = await client.FollowAsync(response);
        Assert.Equal("2 answers were saved.", Text(page, "#stage-2 > #stage-2-saved[role=status].notice"));
        Assert.Single(page.QuerySelectorAll("[role=status].notice"));

        // Closing the page and opening the link again, in another browser: everything is there.
        var again = await factory.CreateBrowser().GetDocumentAsync(invited.Page);
        Assert.True(Radio(again, "AAA-2.01", "Yes").IsChecked);
        Assert.True(Radio(again, "AAA-2.02", "NotDetermined").IsChecked);
        Assert.Equal("Since 2016,\nwith the region.", ((IHtmlTextAreaElement)again.GetElementById("statement-AAA-2.01-comment")!).Value);
        Assert.Equal("https://example.org/report", ((IHtmlInputElement)again.GetElementById("statement-AAA-2.01-evidence")!).Value);
        Assert.Equal("2 of 6 statements answered", Text(again, "#questionnaire-progress"));

        await using var db = database.NewContext();
        var answers = await db.Answers.OrderBy(a => a.IndicatorCode).ToListAsync(Ct);
        Assert.Equal(["AAA-2.01", "AAA-2.02"], answers.Select(a => a.IndicatorCode));
        Assert.All(answers, a => Assert.StartsWith("respondent (link #", a.UpdatedBy, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_respondents_pages_show_no_site_navigation()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();

        foreach (var url in new[] { invited.Page, invited.Page + "/review", "/q/not-a-real-link-at-all-0000000000000" })
        {
            var page = await HtmlForms.ParseAsync(await client.GetAsync(new Uri(url, UriKind.Relative), Ct));
            Assert.Null(page.QuerySelector("header nav[aria-label=Main]"));
            Assert.Null(page.QuerySelector("a[href='/account/signin']"));
            Assert.Null(page.QuerySelector("a[href='/openapi/v1.json']"));
            Assert.NotNull(page.QuerySelector("header .language-switch"));
        }

        Assert.NotNull((await client.GetDocumentAsync("/")).QuerySelector("header nav[aria-label=Main]"));
    }

    [Fact]
    public async Task Saving_the_page_again_unchanged_writes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "No" });

        var response = await client.SubmitFormAsync(invited.Page, new Dictionary<string, string?>());

        var page = await client.FollowAsync(response);
        Assert.Equal("Nothing had changed, so nothing was saved.", Text(page, "[role=status].notice"));
        await using var db = database.NewContext();
        Assert.Equal(1, (await db.Answers.SingleAsync(Ct)).Version);
    }

    [Fact]
    public async Task A_statement_someone_changed_meanwhile_is_not_overwritten_and_both_versions_are_shown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var colleagueA = factory.CreateBrowser();
        var colleagueB = factory.CreateBrowser();
        var formOfB = HtmlForms.FindForm(await colleagueB.GetDocumentAsync(invited.Page));
        await colleagueA.SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes", ["Answers[0].Comment"] = "A: we do it" });

        var response = await colleagueB.SubmitAsync(formOfB, new Dictionary<string, string?>
        {
            ["Answers[0].Value"] = "No",
            ["Answers[0].Comment"] = "B: we stopped",
            ["Answers[1].Value"] = "Yes",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("AAA-1.01", Text(page, ".error-summary"), StringComparison.Ordinal);
        Assert.Contains("Your other changes were saved.", Text(page, ".error-summary"), StringComparison.Ordinal);
        var note = page.GetElementById("statement-AAA-1.01-conflict")!;
        Assert.Contains("A: we do it", note.TextContent, StringComparison.Ordinal);
        Assert.Contains("B: we stopped", note.TextContent, StringComparison.Ordinal);
        Assert.Equal("statement-AAA-1.01-conflict", page.GetElementById("statement-AAA-1.01")!.GetAttribute("aria-describedby"));
        Assert.NotNull(note.QuerySelector("fieldset.resolution legend"));
        // What B typed is kept in the form.
        Assert.True(Radio(page, "AAA-1.01", "No").IsChecked);
        Assert.Equal("B: we stopped", ((IHtmlTextAreaElement)page.GetElementById("statement-AAA-1.01-comment")!).Value);

        await using var db = database.NewContext();
        var stored = await db.Answers.OrderBy(a => a.IndicatorCode).ToListAsync(Ct);
        Assert.Equal("A: we do it", stored[0].Comment);
        Assert.Equal(AnswerValue.Yes, stored[1].Value);
    }

    [Fact]
    public async Task Saving_again_without_choosing_is_still_a_conflict()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var colleagueB = factory.CreateBrowser();
        var formOfB = HtmlForms.FindForm(await colleagueB.GetDocumentAsync(invited.Page));
        await factory.CreateBrowser().SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes" });
        var conflictPage = await HtmlForms.ParseAsync(await colleagueB.SubmitAsync(formOfB, new Dictionary<string, string?> { ["Answers[0].Value"] = "No" }));

        var response = await colleagueB.SubmitAsync(HtmlForms.FindForm(conflictPage));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).GetElementById("statement-AAA-1.01-conflict"));
        await using var db = database.NewContext();
        Assert.Equal(AnswerValue.Yes, (await db.Answers.SingleAsync(Ct)).Value);
    }

    [Fact]
    public async Task Keeping_mine_after_a_conflict_saves_it_and_the_audit_trail_holds_both_versions()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var colleagueB = factory.CreateBrowser();
        var formOfB = HtmlForms.FindForm(await colleagueB.GetDocumentAsync(invited.Page));
        await factory.CreateBrowser().SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes", ["Answers[0].Comment"] = "A's answer" });
        var conflictPage = await HtmlForms.ParseAsync(await colleagueB.SubmitAsync(formOfB, new Dictionary<string, string?> { ["Answers[0].Value"] = "No", ["Answers[0].Comment"] = "B's answer" }));

        var response = await colleagueB.SubmitAsync(HtmlForms.FindForm(conflictPage), new Dictionary<string, string?> { ["Answers[0].Resolution"] = "mine" });

        var page = await colleagueB.FollowAsync(response);
        Assert.True(Radio(page, "AAA-1.01", "No").IsChecked);
        await using var db = database.NewContext();
        var answer = await db.Answers.SingleAsync(Ct);
        Assert.Equal("B's answer", answer.Comment);
        Assert.Equal(2, answer.Version);
        var history = await AuditTrail.HistoryAsync(db, nameof(Answer), answer.Id, Ct);
        Assert.Equal(2, history.Count);
        Assert.Contains("A's answer", history[1].Before, StringComparison.Ordinal);
        Assert.Contains("B's answer", history[1].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Taking_theirs_after_a_conflict_keeps_the_stored_answer_and_shows_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var colleagueB = factory.CreateBrowser();
        var formOfB = HtmlForms.FindForm(await colleagueB.GetDocumentAsync(invited.Page));
        await factory.CreateBrowser().SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes", ["Answers[0].Comment"] = "A's answer" });
        var conflictPage = await HtmlForms.ParseAsync(await colleagueB.SubmitAsync(formOfB, new Dictionary<string, string?> { ["Answers[0].Value"] = "No", ["Answers[0].Comment"] = "B's answer" }));

        var response = await colleagueB.SubmitAsync(HtmlForms.FindForm(conflictPage), new Dictionary<string, string?> { ["Answers[0].Resolution"] = "theirs" });

        var page = await colleagueB.FollowAsync(response);
        Assert.True(Radio(page, "AAA-1.01", "Yes").IsChecked);
        Assert.Equal("A's answer", ((IHtmlTextAreaElement)page.GetElementById("statement-AAA-1.01-comment")!).Value);
        await using var db = database.NewContext();
        var answer = await db.Answers.SingleAsync(Ct);
        Assert.Equal("A's answer", answer.Comment);
        Assert.Equal(1, answer.Version);
    }

    [Fact]
    public async Task An_unknown_choice_is_reported_beside_the_statement_and_nothing_is_saved()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().SubmitFormAsync(invited.Page, new Dictionary<string, string?>
        {
            ["Answers[0].Value"] = "Maybe",
            ["Answers[1].Value"] = "Yes",
            ["Answers[1].Comment"] = "kept",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("'Maybe' is not one of the choices", page.FieldError("statement-AAA-1.01-value"), StringComparison.Ordinal);
        Assert.Equal("kept", ((IHtmlTextAreaElement)page.GetElementById("statement-AAA-1.02-comment")!).Value);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_damaged_form_is_refused_whole()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().SubmitFormAsync(invited.Page, new Dictionary<string, string?>
        {
            ["Answers[0].Code"] = "BBB-1.01",
            ["Answers[0].Value"] = "Yes",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("damaged", Text(await HtmlForms.ParseAsync(response), ".error-summary"), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
    }

    [Fact]
    public async Task The_review_lists_what_is_unanswered_and_submitting_locks_the_questionnaire()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var stalePage = await client.GetDocumentAsync(invited.Page);
        await client.SubmitFormAsync(invited.Page, new Dictionary<string, string?> { ["Answers[0].Value"] = "Yes", ["Answers[5].Value"] = "No" });

        var review = await client.GetDocumentAsync($"{invited.Page}/review");
        Assert.Equal("2 of 6 statements answered", Text(review, ".progress"));
        var unanswered = review.QuerySelectorAll("ul.unanswered a").ToList();
        Assert.Equal(["AAA-1.02", "AAA-2.01", "AAA-2.02", "AAA-3.01"], unanswered.Select(a => a.QuerySelector(".code")!.TextContent));
        Assert.Equal($"{invited.Page}#statement-AAA-1.02", unanswered[0].GetAttribute("href"));

        var submitted = await client.SubmitFormAsync($"{invited.Page}/review", new Dictionary<string, string?>());
        var after = await client.FollowAsync(submitted);
        Assert.Contains("submitted", Text(after, "[role=status].notice"), StringComparison.Ordinal);
        Assert.Contains("submitted on", Text(after, "#locked-notice"), StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("main form"));

        // The questionnaire is now read-only: disabled fields, no save buttons, and a post changes nothing.
        var locked = await client.GetDocumentAsync(invited.Page);
        Assert.Contains("can no longer be changed", Text(locked, "#locked-notice"), StringComparison.Ordinal);
        Assert.All(locked.QuerySelectorAll("fieldset.statement"), f => Assert.True(f.HasAttribute("disabled")));
        Assert.Empty(locked.QuerySelectorAll("button[name=Stage]"));
        var refused = await client.SubmitAsync(HtmlForms.FindForm(stalePage), new Dictionary<string, string?> { ["Answers[1].Value"] = "Yes" });
        Assert.Contains("read-only", Text(await HtmlForms.ParseAsync(refused), ".error-summary"), StringComparison.Ordinal);

        await using var db = database.NewContext();
        Assert.Equal(2, await db.Answers.CountAsync(Ct));
        var organisation = await db.Organisations.SingleAsync(o => o.Id == invited.Seed.OrganisationId, Ct);
        Assert.NotNull(organisation.SubmittedAt);
    }

    [Theory]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("replaced")]
    [InlineData("unknown")]
    [InlineData("malformed")]
    [InlineData("truncated")]
    public async Task Every_dead_link_gets_the_same_plain_page_with_404(string how)
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        var dead = await InvitedOrganisation.DeadLinkAsync(database, invited.Seed.OtherOrganisationId, how);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        var reference = await HtmlForms.ParseAsync(await client.GetAsync(new Uri("/q/not-a-link", UriKind.Relative), Ct));
        var token = (await client.GetDocumentAsync(invited.Page)).QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var responses = new List<HttpResponseMessage>
        {
            await client.GetAsync(new Uri($"/q/{dead}", UriKind.Relative), Ct),
            await client.GetAsync(new Uri($"/q/{dead}/review", UriKind.Relative), Ct),
            await client.PostAsync(new Uri($"/q/{dead}", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Answers[0].Code", "BBB-1.01"), new("Answers[0].Value", "Yes")]), Ct),
            await client.PostAsync(new Uri($"/q/{dead}/review", UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), Ct),
        };

        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            var page = await HtmlForms.ParseAsync(response);
            Assert.Equal("This link is not valid", Text(page, "h1"));
            Assert.Equal(reference.QuerySelector("main")!.InnerHtml, page.QuerySelector("main")!.InnerHtml);
        }

        await using var db = database.NewContext();
        Assert.False(await db.Answers.AnyAsync(Ct));
        Assert.All(await db.Organisations.ToListAsync(Ct), o => Assert.Null(o.SubmittedAt));
    }

    [Fact]
    public async Task Too_many_dead_links_from_one_address_get_429_on_the_pages()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:LinkFailurePermitLimit", "2"));
        var client = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var first = await client.GetAsync(new Uri("/q/guess-1", UriKind.Relative), Ct);
        var second = await client.GetAsync(new Uri("/q/guess-2/review", UriKind.Relative), Ct);
        var third = await client.GetAsync(new Uri("/q/guess-3", UriKind.Relative), Ct);
        var valid = await client.GetAsync(new Uri(invited.Page, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without Retry-After");
        Assert.StartsWith("Too many attempts", await third.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, valid.StatusCode);
    }

    [Fact]
    public async Task Dead_links_from_a_hostile_page_do_not_lock_out_a_link_this_browser_has_opened()
    {
        await using var database = await TestDatabase.CreateAsync();
        var invited = await InvitedOrganisation.CreateAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var limited = factory.WithWebHostBuilder(b => b.UseSetting("RateLimits:LinkFailurePermitLimit", "20"));
        var respondent = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var stranger = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var opened = await respondent.GetAsync(new Uri(invited.Page, UriKind.Relative), Ct);
        for (var i = 0; i < 21; i++)
        {
            // What <img src="/q/guess-N"> on a hostile page makes the respondent's browser send.
            using var guess = await respondent.GetAsync(new Uri($"/q/guess-{i}", UriKind.Relative), Ct);
        }

        var lockedGuess = await respondent.GetAsync(new Uri("/q/guess-last", UriKind.Relative), Ct);
        var again = await respondent.GetAsync(new Uri(invited.Page, UriKind.Relative), Ct);
        var fresh = await stranger.GetAsync(new Uri(invited.Page, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, lockedGuess.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fresh.StatusCode);
    }
}
