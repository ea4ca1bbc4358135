using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MegaBench.Answers;
using MegaBench.Questionnaires;
using MegaBench.Tests.Email;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Questionnaires;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Rounds;

public sealed class QuestionnaireTrackingTests
{
    /// <summary>
    /// Alpha (AAA) answered 2 of 6; Beta (AAA) invited; Gamma (BBB) submitted; Delta (BBB) validated; Epsilon (AAA) not invited.
    /// </summary>
    private static async Task<BuiltRound> BuildAsync(TestDatabase database)
    {
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes), new AnswerSpec("AAA-1.02", AnswerValue.NotDetermined))
            .WithOrganisation("Beta", "AAA")
            .WithOrganisation("Gamma", "BBB", null, new AnswerSpec("BBB-1.01", AnswerValue.No))
            .WithOrganisation("Delta", "BBB", null, new AnswerSpec("BBB-1.01", AnswerValue.Yes))
            .WithOrganisation("Epsilon", "AAA")
            .BuildAsync(database);
        await using var db = database.NewContext();
        await Questionnaire.IssueInvitationAsync(db, round.Organisations["Beta"], DateTimeOffset.UtcNow.AddDays(10), "test", Ct);
        await Questionnaire.SubmitAsync(db, round.Organisations["Gamma"], "respondent", asRespondent: false, Ct);
        await Questionnaire.ValidateAsync(db, round.Organisations["Delta"], "coordinator", "answers given on paper", Ct);
        foreach (var (name, id) in round.Organisations)
        {
            var organisation = await db.Organisations.SingleAsync(o => o.Id == id, Ct);
            organisation.ContactEmail = $"{name.ToLowerInvariant()}@example.org";
        }

        await db.SaveChangesAsync(Ct);
        return round;
    }

    private static Dictionary<string, string> Rows(IDocument page) =>
        page.QuerySelectorAll("table.tracking tbody tr").ToDictionary(
            r => r.QuerySelector("th")!.TextContent.Trim(),
            r => string.Join(" | ", r.QuerySelectorAll("td").Skip(2).Take(1).Select(c => string.Join(" ", c.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))));

    [Fact]
    public async Task Each_organisation_shows_its_status_progress_and_last_activity()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var page = await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires");

        Assert.Equal(new Dictionary<string, string>
        {
            ["Alpha"] = "In progress 2 of 6 answered",
            ["Beta"] = "Invited 0 of 6 answered",
            ["Epsilon"] = "Not invited 0 of 6 answered",
            ["Gamma"] = "Submitted 1 of 6 answered",
            ["Delta"] = "Validated 1 of 6 answered",
        }, Rows(page));
        var alpha = page.QuerySelectorAll("table.tracking tbody tr").First(r => r.QuerySelector("th")!.TextContent == "Alpha");
        Assert.Equal("1970-01-01", alpha.QuerySelectorAll("td")[3].TextContent.Trim()); // the builder's answers are dated at the epoch
        // Least recently active first: Beta has done nothing yet.
        Assert.Equal(["Beta", "Alpha"], page.QuerySelectorAll("ul.laggards li strong").Select(e => e.TextContent));
        Assert.Contains("E-mail is not configured", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Status=InProgress", new[] { "Alpha" })]
    [InlineData("Status=Laggards", new[] { "Alpha", "Beta" })]
    [InlineData("Group=BBB", new[] { "Gamma", "Delta" })]
    [InlineData("Status=Submitted&Group=BBB", new[] { "Gamma" })]
    [InlineData("Status=Submitted&Group=AAA", new string[0])]
    [InlineData("Status=Nonsense", new[] { "Alpha", "Beta", "Epsilon", "Gamma", "Delta" })]
    public async Task Filters_work_as_a_plain_get_form(string query, string[] expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var page = await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires?{query}");

        Assert.Equal(expected, Rows(page).Keys);
        var filter = page.QuerySelector<IHtmlFormElement>("form.filters")!;
        Assert.Equal("get", filter.Method, ignoreCase: true);
        if (expected.Length == 0)
        {
            Assert.Contains("No organisation matches these filters.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Issuing_links_shows_each_once_and_the_link_opens_that_organisations_questionnaire()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        string oldToken;
        await using (var db = database.NewContext())
        {
            (_, oldToken) = await Questionnaire.IssueInvitationAsync(db, round.Organisations["Alpha"], DateTimeOffset.UtcNow.AddDays(3), "test", Ct);
        }

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/questionnaires", new Dictionary<string, string?>
        {
            ["organisationIds"] = $"{round.Organisations["Alpha"]}", ["days"] = "7", ["output"] = "page",
        }, "form.bulk-actions");
        var page = await client.FollowAsync(response);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // post/redirect/get
        var field = Assert.Single(page.QuerySelectorAll<IHtmlInputElement>(".issued-links input.link-field"));
        Assert.StartsWith("Link of Alpha, valid until", page.QuerySelector($"label[for='{field.Id}']")!.TextContent, StringComparison.Ordinal);
        var token = field.Value[(field.Value.LastIndexOf('/') + 1)..];
        Assert.StartsWith("http://localhost/q/mbq_", field.Value, StringComparison.Ordinal);
        await using var check = database.NewContext();
        var link = await Questionnaire.ResolveAsync(check, token, Ct);
        Assert.Equal(round.Organisations["Alpha"], link!.Target.OrganisationId);
        Assert.InRange(link.ExpiresAt, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(5));
        Assert.Null(await Questionnaire.ResolveAsync(check, oldToken, Ct)); // the previous link stopped working
        // Reloading the result page shows the links no more and issues nothing: the link just copied still works.
        var reloaded = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.DoesNotContain(token, reloaded.Body!.InnerHtml, StringComparison.Ordinal);
        await using var after = database.NewContext();
        Assert.NotNull(await Questionnaire.ResolveAsync(after, token, Ct));
    }

    [Fact]
    public async Task Issuing_links_as_csv_gives_the_mail_merge_file_with_the_links_and_neutralised_cells()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("=HYPERLINK(\"http://evil.example\")", "AAA").WithOrganisation("Beta", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.SubmitFormAsync($"/rounds/{round.RoundId}/questionnaires", new Dictionary<string, string?>
        {
            ["organisationIds"] = $"{round.Organisations["=HYPERLINK(\"http://evil.example\")"]}", ["days"] = "30", ["output"] = "csv",
        }, "form.bulk-actions");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Organisation,Group,Contact e-mail,Status,Statements answered,Statements,Last activity,Link,Link expires", lines[0]);
        var row = Assert.Single(lines.Skip(1));
        Assert.StartsWith("\"'=HYPERLINK(\"\"http://evil.example\"\")\",\"Group AAA\",\"\",\"Invited\",\"0\",\"6\",\"\",\"http://localhost/q/mbq_", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_email_configured_sending_says_so_and_issues_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires"), "form.bulk-actions");
        Assert.Null(form.QuerySelector("button[formaction*='handler=Email']"));

        using var content = new FormUrlEncodedContent([.. HtmlForms.ReadFields(form), new("organisationIds", $"{round.Organisations["Epsilon"]}")]);
        var response = await client.PostAsync(new Uri($"/rounds/{round.RoundId}/questionnaires?handler=Email", UriKind.Relative), content, Ct);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Contains("E-mail is not configured on this server.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Invitations.AnyAsync(i => i.OrganisationId == round.Organisations["Epsilon"], Ct));
    }

    [Fact]
    public async Task Emailed_invitations_report_each_recipient_and_show_the_links_that_could_not_be_sent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using (var db = database.NewContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == round.Organisations["Beta"], Ct)).ContactEmail = "refused@example.org";
            await db.SaveChangesAsync(Ct);
        }

        await using var smtp = TestSmtpServer.Start();
        await using var factory = new MegaBenchAppFactory(database);
        using var withEmail = factory.WithWebHostBuilder(b => b
            .UseSetting("Email:SmtpHost", "127.0.0.1").UseSetting("Email:SmtpPort", $"{smtp.Port}")
            .UseSetting("Email:UseStartTls", "false").UseSetting("Email:From", "coordinator@example.org"));
        var client = withEmail.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires"), "form.bulk-actions");

        using var content = new FormUrlEncodedContent([.. HtmlForms.ReadFields(form),
            new("organisationIds", $"{round.Organisations["Alpha"]}"), new("organisationIds", $"{round.Organisations["Beta"]}")]);
        var response = await client.PostAsync(new Uri($"/rounds/{round.RoundId}/questionnaires?handler=Remind", UriKind.Relative), content, Ct);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal("E-mails: 1 sent, 1 not sent", page.GetElementById("sent-heading")!.TextContent);
        var results = page.QuerySelectorAll("section.results li").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal("Alpha: sent to alpha@example.org.", results[0]);
        Assert.StartsWith("Beta: not sent to refused@example.org. The mail server refused it:", results[1], StringComparison.Ordinal);
        var mail = Assert.Single(smtp.Messages);
        Assert.Equal("Reminder: the questionnaire of Alpha for Testville 2026", mail.Subject);
        Assert.Contains("2 of 6 statements answered", mail.TextBody, StringComparison.Ordinal);
        var mailedLink = mail.TextBody!.Split('\n').Single(l => l.StartsWith("http://localhost/q/", StringComparison.Ordinal)).Trim();
        await using var db2 = database.NewContext();
        Assert.Equal(round.Organisations["Alpha"], (await Questionnaire.ResolveAsync(db2, mailedLink[(mailedLink.LastIndexOf('/') + 1)..], Ct))!.Target.OrganisationId);
        // Beta's new link was issued but not delivered: it is shown for sending another way.
        Assert.StartsWith("Link of Beta", Assert.Single(page.QuerySelectorAll(".issued-links label")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emailed_invitation_names_the_benchmark_by_the_framework_title()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var smtp = TestSmtpServer.Start();
        await using var factory = new MegaBenchAppFactory(database);
        using var withEmail = factory.WithWebHostBuilder(b => b
            .UseSetting("Email:SmtpHost", "127.0.0.1").UseSetting("Email:SmtpPort", $"{smtp.Port}")
            .UseSetting("Email:UseStartTls", "false").UseSetting("Email:From", "coordinator@example.org"));
        var client = withEmail.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires"), "form.bulk-actions");

        using var content = new FormUrlEncodedContent([.. HtmlForms.ReadFields(form), new("organisationIds", $"{round.Organisations["Alpha"]}")]);
        await client.PostAsync(new Uri($"/rounds/{round.RoundId}/questionnaires?handler=Email", UriKind.Relative), content, Ct);

        var mail = Assert.Single(smtp.Messages);
        Assert.Contains("Testville is taking part in the benchmark “Test framework”, and invites Alpha", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("MEGA", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("migrant", mail.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Sending_to_an_organisation_without_contact_email_is_refused_with_its_name()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        using var withEmail = factory.WithWebHostBuilder(b => b.UseSetting("Email:SmtpHost", "127.0.0.1").UseSetting("Email:SmtpPort", $"{TestSmtpServer.FreePort()}"));
        var client = withEmail.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await client.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var form = HtmlForms.FindForm(await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires"), "form.bulk-actions");

        using var content = new FormUrlEncodedContent([.. HtmlForms.ReadFields(form), new("organisationIds", $"{round.Organisations["Alpha"]}")]);
        var page = await HtmlForms.ParseAsync(await client.PostAsync(new Uri($"/rounds/{round.RoundId}/questionnaires?handler=Email", UriKind.Relative), content, Ct));

        Assert.Contains("These organisations have no contact e-mail: Alpha.", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.Invitations.AnyAsync(Ct));
    }

    [Fact]
    public async Task Revoke_validate_and_reopen_change_the_status()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var url = $"/rounds/{round.RoundId}/questionnaires";
        var token = HtmlForms.FindForm(await client.GetDocumentAsync(url), "#row-actions").QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        async Task<IDocument> PostAsync(string handler, string field, string organisation)
        {
            using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new(field, $"{round.Organisations[organisation]}")]);
            return await client.FollowAsync(await client.PostAsync(new Uri($"{url}?handler={handler}", UriKind.Relative), content, Ct));
        }

        var revoked = await PostAsync("Revoke", "organisationIds", "Beta");
        Assert.Contains("Links revoked: 1 of 1", revoked.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Not invited 0 of 6 answered", Rows(revoked)["Beta"]);

        // Gamma is submitted: the row offers Validate. Alpha is not: its row offers only the exception, with a reason.
        var page = await client.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector($"button[name=organisationId][value='{round.Organisations["Gamma"]}'][formaction*=Validate]"));
        Assert.Null(page.QuerySelector($"button[name=organisationId][value='{round.Organisations["Alpha"]}'][formaction*=Validate]"));
        Assert.NotNull(page.QuerySelector($"a[href='/rounds/{round.RoundId}/questionnaires/{round.Organisations["Alpha"]}/validate']"));
        var refused = await PostAsync("Validate", "organisationId", "Alpha");
        Assert.Equal("Validate the answers of Alpha without a submission", refused.QuerySelector("h1")!.TextContent);
        Assert.Equal("In progress 2 of 6 answered", Rows(await client.GetDocumentAsync(url))["Alpha"]);

        var validated = await PostAsync("Validate", "organisationId", "Gamma");
        Assert.Equal("The answers of Gamma are validated. Link holders can no longer change them; reopen the questionnaire to let them.", validated.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Validated 1 of 6 answered", Rows(validated)["Gamma"]);

        var reopened = await PostAsync("Reopen", "organisationId", "Gamma");
        Assert.StartsWith("The questionnaire of Gamma is open again", reopened.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("In progress 1 of 6 answered", Rows(reopened)["Gamma"]);

        var notSubmitted = await PostAsync("Reopen", "organisationId", "Alpha");
        Assert.Equal("The questionnaire of Alpha was not submitted, so there was nothing to reopen.", notSubmitted.QuerySelector(".notice")!.TextContent);
    }

    [Fact]
    public async Task Validating_without_a_submission_asks_for_a_reason_and_keeps_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var url = $"/rounds/{round.RoundId}/questionnaires/{round.Organisations["Alpha"]}/validate";

        var empty = await client.SubmitFormAsync(url, new Dictionary<string, string?> { ["Reason"] = "   " }, "form.form");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        var refused = await HtmlForms.ParseAsync(empty);
        Assert.StartsWith("Say why these answers are validated without a submission", refused.QuerySelector("#Reason-error")!.TextContent, StringComparison.Ordinal);

        var done = await client.FollowAsync(await client.SubmitAsync(HtmlForms.FindForm(refused, "form.form"), new Dictionary<string, string?> { ["Reason"] = "Answers given on paper at the May meeting." }));
        Assert.Equal("The answers of Alpha are validated. Link holders can no longer change them; reopen the questionnaire to let them.", done.QuerySelector(".notice")!.TextContent);
        Assert.Equal("Validated 2 of 6 answered", Rows(done)["Alpha"]);
        await using var db = database.NewContext();
        Assert.Equal("Answers given on paper at the May meeting.", (await db.Organisations.SingleAsync(o => o.Id == round.Organisations["Alpha"], Ct)).ValidationOverride);
    }

    [Fact]
    public async Task The_list_and_the_reminder_list_download_under_names_of_their_own()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        async Task<string> NameAsync(string query)
        {
            using var response = await client.GetAsync(new Uri($"/rounds/{round.RoundId}/questionnaires?handler=Csv{query}", UriKind.Relative), Ct);
            response.EnsureSuccessStatusCode();
            return response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        }

        Assert.Equal(
            ["questionnaires-testville-2026.csv", "questionnaires-testville-2026-reminders.csv", "questionnaires-testville-2026-submitted-bbb.csv"],
            [await NameAsync(""), await NameAsync("&Status=Laggards"), await NameAsync("&Status=Submitted&Group=BBB")]);
    }

    [Fact]
    public async Task The_table_takes_the_full_width_and_offers_to_choose_every_organisation_shown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var page = await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires");

        Assert.Contains("wide-page", page.Body!.ClassList);
        var all = page.QuerySelector("table.tracking thead input#choose-all")!;
        Assert.Equal("table.tracking tbody input[name=organisationIds]", all.GetAttribute("data-choose-all"));
        Assert.Equal(5, page.QuerySelectorAll(all.GetAttribute("data-choose-all")!).Length);
        // Without the script it stays hidden: it could not tick anything.
        Assert.True(page.QuerySelector("#choose-all-wrapper")!.HasAttribute("hidden"));
    }

    [Fact]
    public async Task The_reminder_text_does_not_call_organisations_without_a_link_submitted()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").WithOrganisation("Beta", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var page = await client.GetDocumentAsync($"/rounds/{round.RoundId}/questionnaires");

        Assert.Equal("No invited organisation is waiting for a reminder. 2 organisations have no active link: issue them above.",
            page.QuerySelector("#laggards-heading + p")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_organisation_of_another_round_is_not_found_on_this_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").WithOrganisation("Stranger", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();

        var response = await client.GetAsync(new Uri($"/rounds/{round.RoundId}/questionnaires?handler=Xlsx&organisationId={other.Organisations["Stranger"]}", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_offline_file_downloads_and_uploads_through_the_page()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var url = $"/rounds/{round.RoundId}/questionnaires";
        var alpha = round.Organisations["Alpha"];

        var download = await client.GetAsync(new Uri($"{url}?handler=Xlsx&organisationId={alpha}", UriKind.Relative), Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("questionnaire-testville-2026-alpha.xlsx", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        var file = await download.Content.ReadAsByteArrayAsync(Ct);

        var bad = await UploadAsync(client, url, alpha, XlsxCells.Fill(file, new Dictionary<string, string> { ["D8"] = "Perhaps", ["D9"] = "No" }));
        Assert.Equal("Nothing was imported.", bad.QuerySelector(".results .error-summary strong")!.TextContent);
        Assert.Contains("Row 8 (AAA-1.01): 'Perhaps' is not a choice.", bad.QuerySelector(".results .error-summary li")!.TextContent, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(AnswerValue.NotDetermined, (await db.Answers.SingleAsync(a => a.OrganisationId == alpha && a.IndicatorCode == "AAA-1.02", Ct)).Value);
        }

        var good = await UploadAsync(client, url, alpha, XlsxCells.Fill(file, new Dictionary<string, string> { ["D8"] = "No", ["D9"] = "No", ["E9"] = "Checked by phone" }));
        Assert.Equal("2 answers were imported.", good.QuerySelector(".results .notice")!.TextContent);
        Assert.Equal("In progress 2 of 6 answered", Rows(good)["Alpha"]);
        await using (var db = database.NewContext())
        {
            var answers = await db.Answers.Where(a => a.OrganisationId == alpha).ToDictionaryAsync(a => a.IndicatorCode, Ct);
            Assert.Equal((AnswerValue.No, AnswerValue.No, "Checked by phone"), (answers["AAA-1.01"].Value, answers["AAA-1.02"].Value, answers["AAA-1.02"].Comment));
            var audit = await db.AuditEntries.Where(e => e.EntityType == "Answer" && e.Action == MegaBench.Audit.AuditAction.Updated).CountAsync(Ct);
            Assert.Equal(2, audit);
        }

        var empty = await UploadAsync(client, url, alpha, null);
        Assert.Equal("Choose the filled-in questionnaire file (.xlsx) to upload.", empty.FieldError("file"));
    }

    private static async Task<IDocument> UploadAsync(HttpClient client, string url, int organisationId, byte[]? file)
    {
        var form = HtmlForms.FindForm(await client.GetDocumentAsync(url), "form[enctype='multipart/form-data']");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value), "__RequestVerificationToken" },
            { new StringContent($"{organisationId}"), "organisationId" },
        };
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            content.Add(part, "file", "filled.xlsx");
        }

        var response = await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await HtmlForms.ParseAsync(response);
    }

    [Fact]
    public async Task In_French_the_page_and_its_results_have_no_English_left_but_the_untranslated_framework_names()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = await factory.CreateAdministratorBrowserAsync();
        var url = $"/rounds/{round.RoundId}/questionnaires";
        var groupNames = round.Framework.Groups.Select(g => g.Name.Source).ToHashSet();

        var page = await client.GetDocumentAsync($"{url}?lang=fr");
        var issued = await client.FollowAsync(await client.SubmitFormAsync(url, new Dictionary<string, string?>
        {
            ["organisationIds"] = $"{round.Organisations["Epsilon"]}", ["days"] = "30", ["output"] = "page",
        }, "form.bulk-actions"));
        var file = await (await client.GetAsync(new Uri($"{url}?handler=Xlsx&organisationId={round.Organisations["Alpha"]}", UriKind.Relative), Ct)).Content.ReadAsByteArrayAsync(Ct);
        var imported = await UploadAsync(client, url, round.Organisations["Alpha"], XlsxCells.Fill(file, new Dictionary<string, string> { ["D8"] = "Peut-être" }));

        foreach (var document in new[] { page, issued, imported })
        {
            Assert.Equal("fr", document.DocumentElement.GetAttribute("lang"));
            Assert.All(document.QuerySelectorAll("main .untranslated"), e => Assert.Contains(e.TextContent, groupNames));
        }

        Assert.Equal("Questionnaires de Testville 2026", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("En cours 2 sur 6 répondues", Rows(page)["Alpha"]);
        Assert.StartsWith("Lien de Epsilon, valable jusqu’au", issued.QuerySelector(".issued-links label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(("Oui", "Non déterminé", "Réponse"), (XlsxCells.Read(file, "D8"), XlsxCells.Read(file, "D9"), XlsxCells.Read(file, "D7")));
        Assert.Equal("Ligne 8 (AAA-1.01) : « Peut-être » n’est pas un choix possible. Choisissez Oui, Non ou Non déterminé, ou laissez la cellule vide s’il n’y a pas encore de réponse.",
            imported.QuerySelector(".results .error-summary li")!.TextContent);
    }

    [Fact]
    public async Task The_round_page_links_to_the_tracking_page_for_its_coordinators_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithStatus(MegaBench.Rounds.RoundStatus.Published).WithOrganisation("Alpha", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var coordinator = factory.CreateBrowser();
        await coordinator.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var asCoordinator = await coordinator.GetDocumentAsync($"/rounds/{round.RoundId}");
        var asReader = await factory.CreateBrowser().GetDocumentAsync($"/rounds/{round.RoundId}");

        Assert.NotNull(asCoordinator.QuerySelector($"a[href='/rounds/{round.RoundId}/questionnaires']"));
        Assert.Null(asReader.QuerySelector($"a[href='/rounds/{round.RoundId}/questionnaires']"));
    }
}
