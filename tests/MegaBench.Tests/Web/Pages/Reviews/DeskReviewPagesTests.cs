using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Reviews;

/// <summary>
/// The review's overview with the host's briefing, and the desk review: topics from the gap themes, questions and
/// answers, evidence links and files. In <see cref="CycleBuilder"/>'s cycle Aville is reviewed by Bville, so on
/// that review Aville's coordinator writes as the host and Bville's as the reviewer.
/// </summary>
public sealed class DeskReviewPagesTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");

    [Fact]
    public async Task Host_saves_the_briefing_and_the_reviewer_reads_it_rendered()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);

        var saved = await host.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}", new Dictionary<string, string?> { ["Briefing"] = "We want to learn about *finance*." });
        var page = await host.FollowAsync(saved);
        var read = await reviewer.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}");

        Assert.Contains("briefing was saved", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("finance", read.QuerySelector("#briefing em")?.TextContent);
        Assert.Null(read.QuerySelector("textarea#Briefing")); // the reviewer has no form
        await using var db = database.NewContext();
        Assert.Equal("We want to learn about *finance*.", (await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, Ct)).Briefing);
    }

    [Fact]
    public async Task Briefing_preview_renders_the_text_safely_and_saves_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var page = await host.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}");
        var form = HtmlForms.FindForm(page);
        form.Action = $"/reviews/{cycle.ReviewOfA}?handler=Preview";

        var response = await host.SubmitAsync(form, new Dictionary<string, string?> { ["Briefing"] = "**Context** <script>alert(1)</script>" });
        var preview = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Context", preview.QuerySelector(".preview-body strong")?.TextContent);
        Assert.Null(preview.QuerySelector(".preview-body script"));
        Assert.Contains("<script>", preview.QuerySelector<IHtmlTextAreaElement>("#Briefing")!.Value, StringComparison.Ordinal); // kept to go on editing
        await using var db = database.NewContext();
        Assert.Equal("", (await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, Ct)).Briefing);
    }

    [Fact]
    public async Task Reviewer_cannot_save_the_host_briefing_and_anonymous_readers_get_404()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);
        var anonymous = factory.CreateBrowser();

        var byReviewer = await PostWithTokenAsync(reviewer, "/", $"/reviews/{cycle.ReviewOfA}", new() { ["Briefing"] = "Written by the reviewer." });
        var byAnonymous = await PostWithTokenAsync(anonymous, "/account/signin", $"/reviews/{cycle.ReviewOfA}", new() { ["Briefing"] = "Written by a stranger." });
        var anonymousRead = await anonymous.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}", UriKind.Relative), Ct);
        var anonymousDesk = await anonymous.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}/desk", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byReviewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anonymousRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, anonymousDesk.StatusCode);
        await using var db = database.NewContext();
        Assert.Equal("", (await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, Ct)).Briefing);
    }

    [Fact]
    public async Task Briefing_over_the_limit_is_refused_with_a_message_and_kept_in_the_box()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var text = new string('x', CycleRules.MarkdownMaxLength + 1);

        var response = await host.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}", new Dictionary<string, string?> { ["Briefing"] = text });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at most", page.FieldError("Briefing"), StringComparison.Ordinal);
        Assert.Equal(text, page.QuerySelector<IHtmlTextAreaElement>("#Briefing")!.Value);
        await using var db = database.NewContext();
        Assert.Equal("", (await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, Ct)).Briefing);
    }

    [Fact]
    public async Task Overview_shows_the_current_stage_the_overdue_ones_and_the_gap_themes_named()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);

        var page = await reviewer.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}");

        var current = page.QuerySelector(".review-stages tr.stage-current")!;
        Assert.Contains("Desk review", current.TextContent, StringComparison.Ordinal);
        Assert.Contains("2025-02-01", current.TextContent, StringComparison.Ordinal);
        Assert.NotNull(current.QuerySelector(".overdue")); // the cycle's dates are in 2025, before the test clock's today
        Assert.Contains("Theme data", page.QuerySelector(".gap-themes")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"a[href='/rounds/{cycle.RoundA}/profile']"));
        Assert.NotNull(page.QuerySelector($"a[href='/rounds/{cycle.RoundB}/profile']"));
    }

    [Fact]
    public async Task Reader_of_the_published_outcome_only_is_sent_to_the_feedback_report()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().PublishedForAville().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var anonymous = factory.CreateBrowser();

        var response = await anonymous.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/reviews/{cycle.ReviewOfA}/feedback", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Gap_themes_become_topics_once_when_a_party_first_opens_the_desk_review()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);

        var first = await host.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}/desk");
        var second = await reviewer.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}/desk");

        await using var db = database.NewContext();
        var topic = Assert.Single(await db.ReviewTopics.Where(t => t.ReviewId == cycle.ReviewOfA).ToListAsync(Ct));
        Assert.True(topic.FromMatching);
        Assert.Equal(cycle.Framework.Themes[0].Code, topic.ThemeCode);
        Assert.Equal("Theme data", second.QuerySelector($"#topic-{topic.Id} h3")?.TextContent);
        Assert.NotNull(first.QuerySelector($"#topic-{topic.Id}"));
        Assert.Empty(await db.ReviewTopics.Where(t => t.ReviewId == cycle.ReviewOfB).ToListAsync(Ct)); // Bville's review has no gap theme
    }

    [Fact]
    public async Task Reviewer_asks_and_host_answers_in_one_thread_in_order()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);
        var desk = $"/reviews/{cycle.ReviewOfA}/desk";

        await reviewer.FollowAsync(await reviewer.SubmitFormAsync(desk, new Dictionary<string, string?> { ["Message.Text"] = "How do you fund *start-ups*?" }, "form[action$='handler=Ask']"));
        Assert.Null((await host.GetDocumentAsync(desk)).QuerySelector("form[action$='handler=Ask']")); // the host answers, it does not ask
        await host.FollowAsync(await host.SubmitFormAsync(desk, new Dictionary<string, string?> { ["Message.Text"] = "Through a micro-loan fund." }, "form[action$='handler=Answer']"));
        var page = await reviewer.FollowAsync(await reviewer.SubmitFormAsync(desk, new Dictionary<string, string?> { ["Message.Text"] = "Who runs it?" }, "form[action$='handler=Ask']"));

        var messages = page.QuerySelectorAll(".thread .message").ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains("Question from Bville", messages[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("start-ups", messages[0].QuerySelector(".message-body em")?.TextContent);
        Assert.Contains("Answer from Aville", messages[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Through a micro-loan fund.", messages[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Who runs it?", messages[2].TextContent, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.NotNull(m.QuerySelector("time[datetime]")));
        await using var db = database.NewContext();
        var sides = (await db.ReviewMessages.ToListAsync(Ct)).OrderBy(m => m.Id).Select(m => m.Side);
        Assert.Equal(new[] { ReviewSide.Reviewer, ReviewSide.Host, ReviewSide.Reviewer }, sides);
    }

    [Fact]
    public async Task Host_cannot_ask_nor_add_a_topic_nor_close_the_desk_review()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var desk = $"/reviews/{cycle.ReviewOfA}/desk";
        await host.GetDocumentAsync(desk);
        int topicId;
        await using (var db = database.NewContext())
        {
            topicId = (await db.ReviewTopics.SingleAsync(Ct)).Id;
        }

        var ask = await PostWithTokenAsync(host, desk, $"{desk}?handler=Ask", new() { ["Message.TopicId"] = $"{topicId}", ["Message.Text"] = "Asked by the host." });
        var topic = await PostWithTokenAsync(host, desk, $"{desk}?handler=Topic", new() { ["Topic.Title"] = "Added by the host" });
        var close = await PostWithTokenAsync(host, desk, $"{desk}?handler=Close", new());

        Assert.Equal(HttpStatusCode.Forbidden, ask.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, topic.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);
        await using var after = database.NewContext();
        Assert.Equal(1, await after.ReviewTopics.CountAsync(Ct));
        Assert.False(await after.ReviewMessages.AnyAsync(Ct));
        Assert.Null((await after.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, Ct)).DeskReviewDoneAt);
    }

    [Theory]
    [InlineData("statement:AAA-1.01", null, "AAA-1.01 – AAA statement 1.01.", "networking", "AAA-1.01")] // a statement of one theme is on that theme too
    [InlineData("theme:finance", "Funding", "Funding", "finance", null)]
    [InlineData("", "Procurement", "Procurement", null, null)]
    public async Task Reviewer_adds_a_topic_on_a_statement_a_theme_or_a_free_title(string subject, string? title, string storedTitle, string? theme, string? statement)
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);

        await reviewer.FollowAsync(await reviewer.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}/desk", new Dictionary<string, string?> { ["Topic.Subject"] = subject, ["Topic.Title"] = title }, "form[action$='handler=Topic']"));

        await using var db = database.NewContext();
        var added = await db.ReviewTopics.Where(t => !t.FromMatching).SingleAsync(Ct);
        Assert.Equal((storedTitle, theme, statement, 2), (added.Title, added.ThemeCode, added.IndicatorCode, added.Position));
    }

    [Theory]
    [InlineData("statement:ZZZ-9.99", "", "Topic_Subject", "is not a theme or a statement")]
    [InlineData("theme:astrology", "", "Topic_Subject", "is not a theme or a statement")]
    [InlineData("", "", "Topic_Title", "Give the topic a title")]
    public async Task Topic_outside_the_framework_or_without_title_is_refused_and_nothing_is_written(string subject, string title, string fieldId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);
        var desk = $"/reviews/{cycle.ReviewOfA}/desk";
        await reviewer.GetDocumentAsync(desk);
        await using var before = database.NewContext();
        var audit = await before.AuditEntries.CountAsync(Ct);

        var response = await PostWithTokenAsync(reviewer, desk, $"{desk}?handler=Topic", new() { ["Topic.Subject"] = subject, ["Topic.Title"] = title });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.FieldError(fieldId), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(1, await db.ReviewTopics.CountAsync(Ct)); // the pre-filled gap theme only
        Assert.Equal(audit, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task Evidence_link_is_added_and_its_address_leads_to_the_link()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var desk = $"/reviews/{cycle.ReviewOfA}/desk";

        var page = await host.FollowAsync(await host.SubmitFormAsync(desk, new Dictionary<string, string?> { ["Evidence.Title"] = "Annual report", ["Evidence.Url"] = "https://example.org/report" }, "form[action$='handler=Evidence']"));

        await using var db = database.NewContext();
        var evidence = await db.ReviewEvidence.SingleAsync(Ct);
        Assert.Equal((ReviewSide.Host, "Annual report", "https://example.org/report", (byte[]?)null), (evidence.Side, evidence.Title, evidence.Url, evidence.Content));
        Assert.Contains("Annual report", page.QuerySelector(".evidence-list")!.TextContent, StringComparison.Ordinal);
        var follow = await host.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}/evidence/{evidence.Id}", UriKind.Relative), Ct);
        Assert.Equal("https://example.org/report", follow.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Evidence_link_that_is_not_a_web_address_is_refused_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);

        var response = await host.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}/desk", new Dictionary<string, string?> { ["Evidence.Title"] = "Kept", ["Evidence.Url"] = "javascript:alert(1)" }, "form[action$='handler=Evidence']");
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http:// or https://", page.FieldError("Evidence_Url"), StringComparison.Ordinal);
        Assert.Equal("Kept", page.QuerySelector<IHtmlInputElement>("#Evidence_Title")!.Value);
        await using var db = database.NewContext();
        Assert.False(await db.ReviewEvidence.AnyAsync(Ct));
    }

    [Fact]
    public async Task Evidence_file_uploaded_by_the_reviewer_downloads_unchanged_as_an_attachment_for_the_host()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);
        await host.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}/desk");
        int topicId;
        await using (var db = database.NewContext())
        {
            topicId = (await db.ReviewTopics.SingleAsync(Ct)).Id;
        }

        var response = await UploadAsync(reviewer, cycle.ReviewOfA, @"C:\Users\b\Our incubator.pdf", Pdf, new() { ["Evidence.TopicId"] = $"{topicId}" });
        var page = await reviewer.FollowAsync(response);

        await using var read = database.NewContext();
        var evidence = await read.ReviewEvidence.SingleAsync(Ct);
        Assert.Equal((ReviewSide.Reviewer, "Our incubator.pdf", "Our incubator.pdf", "application/pdf", (long)Pdf.Length, (int?)topicId),
            (evidence.Side, evidence.Title, evidence.FileName, evidence.ContentType, evidence.Size, evidence.TopicId));
        Assert.NotNull(page.QuerySelector($"#topic-{topicId} a[href='/reviews/{cycle.ReviewOfA}/evidence/{evidence.Id}']"));
        var download = await host.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}/evidence/{evidence.Id}", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("Our incubator.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
        var stranger = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}/evidence/{evidence.Id}", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync(new Uri($"/reviews/{cycle.ReviewOfB}/evidence/{evidence.Id}", UriKind.Relative), Ct)).StatusCode);
    }

    [Theory]
    [InlineData("big.pdf", "over", "may be at most 5 MB")]
    [InlineData("page.pdf", "html", "is named as a PDF file but its content is not PDF")]
    [InlineData("setup.exe", "exe", "are not accepted as evidence")]
    [InlineData("page.html", "html", "are not accepted as evidence")]
    [InlineData("empty.pdf", "empty", "is empty")]
    public async Task Evidence_file_over_the_limit_or_of_a_refused_type_is_refused_and_nothing_is_written(string name, string content, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);
        await reviewer.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}/desk");
        await using var before = database.NewContext();
        var audit = await before.AuditEntries.CountAsync(Ct);
        byte[] bytes = content switch
        {
            "over" => [.. Pdf, .. new byte[EvidenceFiles.MaxBytes]],
            "html" => Encoding.UTF8.GetBytes("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
            "exe" => [0x4D, 0x5A, 0x90, 0x00, 0x03],
            _ => [],
        };

        var response = await UploadAsync(reviewer, cycle.ReviewOfA, name, bytes, new() { ["Evidence.Title"] = "Kept title" });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.FieldError("Evidence_File"), StringComparison.Ordinal);
        Assert.Equal("Kept title", page.QuerySelector<IHtmlInputElement>("#Evidence_Title")!.Value);
        await using var db = database.NewContext();
        Assert.False(await db.ReviewEvidence.AnyAsync(Ct));
        Assert.Equal(audit, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task Reviewer_closes_the_desk_review_and_the_review_moves_on_to_the_visit()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);

        var page = await reviewer.FollowAsync(await reviewer.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}/desk", new Dictionary<string, string?>(), "form[action$='handler=Close']"));
        var overview = await reviewer.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}");

        Assert.NotNull(page.QuerySelector("#desk-closed"));
        Assert.Null(page.QuerySelector("form[action$='handler=Close']"));
        Assert.Contains("Visit", overview.QuerySelector(".review-stages tr.stage-current")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.NotNull((await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, Ct)).DeskReviewDoneAt);
    }

    [Fact]
    public async Task Writing_before_the_cycle_starts_is_refused_with_the_reason_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().Preparing().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = await BrowserAsync(factory, cycle.CoordinatorOfA);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);
        var desk = $"/reviews/{cycle.ReviewOfA}/desk";
        var overview = await host.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}");
        var deskPage = await reviewer.GetDocumentAsync(desk);
        await using var before = database.NewContext();
        var audit = await before.AuditEntries.CountAsync(Ct);

        var responses = new[]
        {
            await PostWithTokenAsync(host, "/", $"/reviews/{cycle.ReviewOfA}", new() { ["Briefing"] = "Too early." }),
            await PostWithTokenAsync(reviewer, "/", $"{desk}?handler=Topic", new() { ["Topic.Title"] = "Too early" }),
            await PostWithTokenAsync(reviewer, "/", $"{desk}?handler=Close", new()),
            await PostWithTokenAsync(host, "/", $"{desk}?handler=Evidence", new() { ["Evidence.Url"] = "https://example.org/early" }),
        };

        Assert.Null(overview.QuerySelector("textarea#Briefing")); // no form while the cycle is being prepared
        Assert.NotNull(deskPage.QuerySelector("#not-writable"));
        Assert.Null(deskPage.QuerySelector("form[action$='handler=Topic']"));
        foreach (var response in responses)
        {
            var page = await HtmlForms.ParseAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("The cycle has not started yet", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        }

        await using var db = database.NewContext();
        Assert.False(await db.ReviewTopics.AnyAsync(Ct)); // not even the gap themes
        Assert.False(await db.ReviewEvidence.AnyAsync(Ct));
        var review = await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, Ct);
        Assert.Equal(("", (DateTimeOffset?)null), (review.Briefing, review.DeskReviewDoneAt));
        Assert.Equal(audit, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task Overview_and_desk_review_are_in_French_for_a_French_reader()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = await BrowserAsync(factory, cycle.CoordinatorOfB);

        var overview = await reviewer.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}?lang=fr");
        var desk = await reviewer.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}/desk?lang=fr");

        Assert.Contains("évaluée par", overview.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Revue documentaire", desk.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_and_desk_review_keep_the_rules_of_every_page_with_every_form_shown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var administrator = await factory.CreateAdministratorBrowserAsync(); // writes on both sides: every form shows
        var desk = $"/reviews/{cycle.ReviewOfA}/desk";
        await administrator.FollowAsync(await administrator.SubmitFormAsync(desk, new Dictionary<string, string?> { ["Evidence.Url"] = "https://example.org/a" }, "form[action$='handler=Evidence']"));
        await administrator.FollowAsync(await administrator.SubmitFormAsync(desk, new Dictionary<string, string?> { ["Message.Text"] = "A question." }, "form[action$='handler=Ask']"));

        foreach (var url in new[] { $"/reviews/{cycle.ReviewOfA}", desk, $"{desk}?lang=fr" })
        {
            var page = await administrator.GetDocumentAsync(url);

            Assert.Single(page.QuerySelectorAll("h1"));
            Assert.Empty(page.QuerySelectorAll("script:not([src^='/js/'])"));
            Assert.DoesNotContain(page.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name == "style"));
            Assert.All(page.QuerySelectorAll("main input:not([type=hidden]), main textarea, main select"), input =>
                Assert.True(page.QuerySelector($"label[for='{input.Id}']") is not null, $"{url}: input {input.GetAttribute("name")} has no label."));
            Assert.Equal(page.QuerySelectorAll("main [id]").Length, page.QuerySelectorAll("main [id]").Select(e => e.Id).Distinct().Count());
            Assert.All(page.QuerySelectorAll("form[method=post]"), form => Assert.NotNull(form.QuerySelector("input[name=__RequestVerificationToken]")));
            Assert.All(page.QuerySelectorAll("table"), table => Assert.NotNull(table.QuerySelector("caption")));
        }
    }

    private static async Task<HttpClient> BrowserAsync(MegaBenchAppFactory factory, string email)
    {
        var client = factory.CreateBrowser();
        await client.SignInAsync(email);
        return client;
    }

    /// <summary>POSTs fields straight to <paramref name="action"/>, as a tampered or stale form would, with the antiforgery token of <paramref name="tokenPage"/>.</summary>
    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string tokenPage, string action, Dictionary<string, string> fields)
    {
        var token = await client.AntiforgeryTokenAsync(tokenPage);
        using var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]);
        return await client.PostAsync(new Uri(action, UriKind.Relative), content, Ct);
    }

    /// <summary>Fills the desk page's evidence form as a browser does, with a file part, and posts it as multipart.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int reviewId, string fileName, byte[] bytes, Dictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync($"/reviews/{reviewId}/desk");
        var form = HtmlForms.FindForm(page, "form[action$='handler=Evidence']");
        Assert.Equal("multipart/form-data", form.Enctype);
        var values = HtmlForms.ReadFields(form).Where(v => !fields.ContainsKey(v.Key)).Concat(fields);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf"); // what the browser claims is never trusted
        content.Add(file, "Evidence.File", fileName);
        return await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Ct);
    }
}
