using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using MegaBench.Learning;
using MegaBench.Practices;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Reviews;

/// <summary>The feedback report of Aville's review: Bville (the reviewer) writes it, Aville (the host) responds and publishes.</summary>
public sealed class FeedbackPageTests
{
    private static string Url(BuiltCycle cycle) => $"/reviews/{cycle.ReviewOfA}/feedback";

    /// <summary>Posts to a handler of the feedback page with the page's antiforgery token, as a browser holding the page would.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, BuiltCycle cycle, string? handler, Dictionary<string, string?> fields)
    {
        var token = await browser.AntiforgeryTokenAsync(Url(cycle));
        var values = fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)).Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(values);
        var url = handler is null ? Url(cycle) : $"{Url(cycle)}?handler={handler}";
        return await browser.PostAsync(new Uri(url, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    private static async Task<PeerReview> ReviewAsync(TestDatabase database, BuiltCycle cycle)
    {
        await using var db = database.NewContext();
        return await db.PeerReviews.AsNoTracking().SingleAsync(r => r.Id == cycle.ReviewOfA, TestContext.Current.CancellationToken);
    }

    private static async Task<(BuiltCycle Cycle, HttpClient Reviewer, HttpClient Host)> StartAsync(TestDatabase database, MegaBenchAppFactory factory, CycleBuilder? builder = null)
    {
        var cycle = await (builder ?? new CycleBuilder()).BuildAsync(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);
        var host = factory.CreateBrowser();
        await host.SignInAsync(cycle.CoordinatorOfA);
        return (cycle, reviewer, host);
    }

    private static async Task SubmitAsync(HttpClient reviewer, BuiltCycle cycle, string text = "## Recommendations\n\n- Open a finance desk.") =>
        await reviewer.FollowAsync(await PostAsync(reviewer, cycle, "Submit", new() { ["Markdown"] = text }));

    [Fact]
    public async Task The_reviewer_starts_from_the_draft_made_from_the_evidence_saves_and_submits_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (cycle, reviewer, host) = await StartAsync(database, factory);
        await using (var db = database.NewContext())
        {
            db.Practices.Add(new Practice { CityId = cycle.CityB, Title = "Data desk of Bville", Language = "en", Themes = "data" });
            var topic = new ReviewTopic { ReviewId = cycle.ReviewOfA, Title = "Open data for founders", ThemeCode = "data", Position = 1 };
            topic.Messages.Add(new ReviewMessage { Side = ReviewSide.Reviewer, Text = "Which datasets are open?" });
            db.ReviewTopics.Add(topic);
            db.VisitMeetings.Add(new VisitMeeting { ReviewId = cycle.ReviewOfA, Date = new DateOnly(2025, 5, 12), Start = new TimeOnly(9, 0), End = new TimeOnly(10, 0), OrganisationName = "Statistics office", Notes = "They publish monthly." });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var empty = await reviewer.GetDocumentAsync(Url(cycle));
        Assert.NotNull(empty.QuerySelector("form[method=get] button[name=draft]"));
        var drafted = await reviewer.GetDocumentAsync(Url(cycle) + "?draft=true");
        var text = drafted.QuerySelector<IHtmlTextAreaElement>("textarea#Markdown")!.Value;
        Assert.NotNull(drafted.GetElementById("draft-notice"));
        Assert.Contains("Data desk of Bville", text, StringComparison.Ordinal);
        Assert.Contains("### Open data for founders", text, StringComparison.Ordinal);
        Assert.Contains("> Which datasets are open?", text, StringComparison.Ordinal);
        Assert.Contains("They publish monthly.", text, StringComparison.Ordinal);
        Assert.Contains("## Recommendations\n\n- Theme data: (write the recommendation for this theme)", text, StringComparison.Ordinal);
        Assert.Equal("", (await ReviewAsync(database, cycle)).Feedback); // a draft is not saved until the reviewer saves it

        var preview = await HtmlForms.ParseAsync(await PostAsync(reviewer, cycle, "Preview", new() { ["Markdown"] = "A **bold** finding." }));
        Assert.Equal("bold", preview.QuerySelector(".narrative-preview strong")!.TextContent);
        Assert.Equal("", (await ReviewAsync(database, cycle)).Feedback);

        await reviewer.FollowAsync(await PostAsync(reviewer, cycle, null, new() { ["Markdown"] = text }));
        Assert.Equal(text.ReplaceLineEndings("\r\n"), (await ReviewAsync(database, cycle)).Feedback.ReplaceLineEndings("\r\n"));
        Assert.Null((await ReviewAsync(database, cycle)).FeedbackSubmittedAt);

        var submitted = await reviewer.FollowAsync(await PostAsync(reviewer, cycle, "Submit", new() { ["Markdown"] = text }));
        Assert.NotNull((await ReviewAsync(database, cycle)).FeedbackSubmittedAt);
        Assert.Null(submitted.QuerySelector("textarea#Markdown"));
        var hostView = await host.GetDocumentAsync(Url(cycle));
        Assert.Contains("Data desk of Bville", hostView.QuerySelector(".feedback-report")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Submit")]
    [InlineData("Preview")]
    public async Task A_reviewer_editing_a_submitted_report_is_refused_with_a_message_and_nothing_is_written(string? handler)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (cycle, reviewer, _) = await StartAsync(database, factory);
        await SubmitAsync(reviewer, cycle, "The submitted report.");
        var before = await ReviewAsync(database, cycle);
        int audited;
        await using (var db = database.NewContext())
        {
            audited = await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken);
        }

        var response = await PostAsync(reviewer, cycle, handler, new() { ["Markdown"] = "A changed report." });
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("so it can no longer be changed", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        var after = await ReviewAsync(database, cycle);
        Assert.Equal("The submitted report.", after.Feedback);
        Assert.Equal(before.FeedbackSubmittedAt, after.FeedbackSubmittedAt);
        await using (var db = database.NewContext())
        {
            Assert.Equal(audited, await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
        }
    }

    [Fact]
    public async Task An_empty_report_cannot_be_submitted()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (cycle, reviewer, _) = await StartAsync(database, factory);

        var page = await HtmlForms.ParseAsync(await PostAsync(reviewer, cycle, "Submit", new() { ["Markdown"] = "  " }));

        Assert.Contains("The report is empty", page.FieldError("Markdown"), StringComparison.Ordinal);
        Assert.Null((await ReviewAsync(database, cycle)).FeedbackSubmittedAt);
    }

    [Fact]
    public async Task The_host_responds_only_to_a_submitted_report()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (cycle, reviewer, host) = await StartAsync(database, factory);

        var early = await HtmlForms.ParseAsync(await PostAsync(host, cycle, "Response", new() { ["ResponseText"] = "Too early." }));
        Assert.Contains("has not submitted the report yet", early.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", (await ReviewAsync(database, cycle)).HostResponse);
        Assert.Null((await host.GetDocumentAsync(Url(cycle))).QuerySelector("textarea#ResponseText"));

        await SubmitAsync(reviewer, cycle);
        var page = await host.FollowAsync(await host.SubmitFormAsync(Url(cycle), new Dictionary<string, string?> { ["ResponseText"] = "We *agree* and will act." }, "form[action$='handler=Response']"));

        Assert.Equal("We *agree* and will act.", (await ReviewAsync(database, cycle)).HostResponse);
        Assert.Equal("agree", page.QuerySelector("section[aria-labelledby=response-heading] em")!.TextContent);
        // The response is the host's: the reviewer may not write it.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(reviewer, cycle, "Response", new() { ["ResponseText"] = "Forged." })).StatusCode);
    }

    [Fact]
    public async Task Published_reports_are_readable_anonymously_and_unpublished_ones_are_not_found()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (cycle, reviewer, host) = await StartAsync(database, factory);
        var anonymous = factory.CreateBrowser();
        async Task<HttpStatusCode> AnonymousAsync(string url) =>
            (await anonymous.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode;

        Assert.Equal(HttpStatusCode.NotFound, await AnonymousAsync(Url(cycle)));
        var early = await HtmlForms.ParseAsync(await PostAsync(host, cycle, "Publish", []));
        Assert.Contains("has not submitted the report yet", early.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await ReviewAsync(database, cycle)).PublishedAt);

        await SubmitAsync(reviewer, cycle, "A report for everyone.");
        Assert.Equal(HttpStatusCode.NotFound, await AnonymousAsync(Url(cycle)));
        Assert.Equal(HttpStatusCode.NotFound, await AnonymousAsync(Url(cycle) + ".docx"));
        await host.FollowAsync(await host.SubmitFormAsync(Url(cycle), new Dictionary<string, string?>(), "form[action$='handler=Publish']"));

        Assert.NotNull((await ReviewAsync(database, cycle)).PublishedAt);
        var published = await anonymous.GetDocumentAsync(Url(cycle));
        Assert.Contains("A report for everyone.", published.QuerySelector(".feedback-report")!.TextContent, StringComparison.Ordinal);
        Assert.Null(published.QuerySelector("main form[method=post]"));
        Assert.Equal(HttpStatusCode.OK, await AnonymousAsync(Url(cycle) + ".docx"));
        // The visit stays the parties' own.
        Assert.Equal(HttpStatusCode.NotFound, await AnonymousAsync($"/reviews/{cycle.ReviewOfA}/visit"));

        await host.FollowAsync(await host.SubmitFormAsync(Url(cycle), new Dictionary<string, string?>(), "form[action$='handler=Withdraw']"));
        Assert.Equal(HttpStatusCode.NotFound, await AnonymousAsync(Url(cycle)));
    }

    [Fact]
    public async Task The_docx_in_French_has_the_French_title_and_the_report()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (cycle, reviewer, host) = await StartAsync(database, factory);
        await SubmitAsync(reviewer, cycle, "## Recommandations\n\n- Ouvrir un guichet de financement.");
        await host.FollowAsync(await host.SubmitFormAsync(Url(cycle), new Dictionary<string, string?> { ["ResponseText"] = "Nous ouvrons le guichet." }, "form[action$='handler=Response']"));

        var response = await reviewer.GetAsync(new Uri(Url(cycle) + ".docx?lang=fr", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("megabench-feedback-aville-by-bville.docx", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        using var document = WordprocessingDocument.Open(stream, false);
        var text = document.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Equal("Rapport de retour de la revue par les pairs\u00a0: Aville évaluée par Bville", document.PackageProperties.Title);
        Assert.Contains("Rapport de retour de la revue par les pairs\u00a0: Aville évaluée par Bville", text, StringComparison.Ordinal);
        Assert.Contains("2024–2025 peer reviews", text, StringComparison.Ordinal);
        Assert.Contains("Ouvrir un guichet de financement.", text, StringComparison.Ordinal);
        Assert.Contains("Réponse de Aville", text, StringComparison.Ordinal);
        Assert.Contains("Nous ouvrons le guichet.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pdf_says_how_to_install_chromium_when_it_is_missing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().PublishedForAville().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var missing = factory.WithWebHostBuilder(b => b.UseSetting("Reports:ChromiumPath", "/nonexistent/chromium"));

        var refused = await missing.CreateClient().GetAsync(new Uri(Url(cycle) + ".pdf", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("Install Debian's chromium", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_cycle_starts_the_report_cannot_be_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var (cycle, reviewer, _) = await StartAsync(database, factory, new CycleBuilder().Preparing());

        var page = await HtmlForms.ParseAsync(await PostAsync(reviewer, cycle, null, new() { ["Markdown"] = "Too early." }));

        Assert.Contains("The cycle has not started yet", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("", (await ReviewAsync(database, cycle)).Feedback);
    }
}
