using System.Net;
using AngleSharp.Dom;
using MegaBench.Learning;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Learning;
using Microsoft.EntityFrameworkCore;
using Calendar = Ical.Net.Calendar;

namespace MegaBench.Tests.Web.Pages.Reviews;

/// <summary>The visit page: Aville hosts and Bville reviews (<see cref="BuiltCycle.ReviewOfA"/>).</summary>
public sealed class VisitPageTests
{
    private static Dictionary<string, string?> Meeting(string date = "2025-05-12", string start = "09:00", string end = "10:30") => new()
    {
        ["Meeting.Date"] = date,
        ["Meeting.Start"] = start,
        ["Meeting.End"] = end,
        ["Meeting.OrganisationName"] = "Chamber of crafts",
        ["Meeting.Participants"] = "head of business support, two advisers",
    };

    private static Task<HttpResponseMessage> SetDatesAsync(HttpClient browser, int review, string start, string? end, string place = "Aville, town hall") =>
        browser.SubmitFormAsync($"/reviews/{review}/visit", new Dictionary<string, string?> { ["Input.Start"] = start, ["Input.End"] = end, ["Input.Place"] = place }, $"form[action='/reviews/{review}/visit']");

    private static Task<HttpResponseMessage> AddMeetingAsync(HttpClient browser, int review, Dictionary<string, string?> fields) =>
        browser.SubmitFormAsync($"/reviews/{review}/visit", fields, "form[action$='handler=AddMeeting']");

    private static async Task<int> AuditCountAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        return await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Visit_dates_in_the_wrong_order_are_refused_with_a_message_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);
        var audited = await AuditCountAsync(database);

        var response = await SetDatesAsync(reviewer, cycle.ReviewOfA, "2025-05-13", "2025-05-12");
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("before it starts on 13 May 2025", page.FieldError("Input_End"), StringComparison.Ordinal);
        Assert.Equal("Aville, town hall", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Place")!.Value);
        await using var db = database.NewContext();
        var review = await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, TestContext.Current.CancellationToken);
        Assert.Null(review.VisitStart);
        Assert.Null(review.VisitPlace);
        Assert.Equal(audited, await AuditCountAsync(database));
    }

    [Theory]
    [InlineData("2025-05-13", "2025-05-12", null, "Input_End", "enter a last day on or after the first day")]
    [InlineData("", "2025-05-12", null, "Input_Start", "Enter the first day of the visit")]
    [InlineData("2025-05-12", "2025-05-13", 301, "Input_Place", "use at most 300 characters")]
    public async Task Bad_visit_input_is_refused_with_a_message_and_nothing_is_written(string start, string end, int? placeLength, string fieldId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);

        var response = await SetDatesAsync(reviewer, cycle.ReviewOfA, start, end, placeLength is { } length ? new string('p', length) : "Aville, town hall");
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.FieldError(fieldId), StringComparison.Ordinal);
        await using var db = database.NewContext();
        var review = await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, TestContext.Current.CancellationToken);
        Assert.Null(review.VisitStart);
        Assert.Null(review.VisitEnd);
        Assert.Null(review.VisitPlace);
    }

    [Fact]
    public async Task A_meeting_outside_the_visit_dates_is_refused_and_nothing_is_written()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);
        await reviewer.FollowAsync(await SetDatesAsync(reviewer, cycle.ReviewOfA, "2025-05-12", "2025-05-13"));

        var response = await AddMeetingAsync(reviewer, cycle.ReviewOfA, Meeting(date: "2025-05-20"));
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("outside the visit (12 May 2025 to 13 May 2025)", page.FieldError("Meeting_Date"), StringComparison.Ordinal);
        Assert.Equal("Chamber of crafts", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Meeting_OrganisationName")!.Value);
        await using var db = database.NewContext();
        Assert.False(await db.VisitMeetings.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Meeting.End", "09:00", "Meeting_End", "enter an end time later than the start")]
    [InlineData("Meeting.Themes", "astrology", "Meeting_Themes", "is not a theme")]
    [InlineData("Meeting.OrganisationName", "", "Meeting_OrganisationName", "Choose the organisation met")]
    [InlineData("Meeting.OrganisationId", "999999", "Meeting_OrganisationId", "Choose an organisation from the list")]
    [InlineData("Meeting.Participants", "x", "Meeting_Participants", "too long")]
    public async Task Bad_meeting_input_is_refused_with_a_message_and_nothing_is_written(string field, string value, string fieldId, string message)
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(cycle.CoordinatorOfA);
        var fields = Meeting();
        fields[field] = field == "Meeting.Participants" ? new string('x', CycleRules.ShortTextMaxLength + 1) : value;

        var response = await AddMeetingAsync(host, cycle.ReviewOfA, fields);
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.FieldError(fieldId), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.False(await db.VisitMeetings.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Both_sides_build_the_agenda_the_reviewer_writes_the_notes_and_the_agenda_downloads_as_icalendar()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var host = factory.CreateBrowser();
        await host.SignInAsync(cycle.CoordinatorOfA);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);
        await reviewer.FollowAsync(await SetDatesAsync(reviewer, cycle.ReviewOfA, "2025-05-12", "2025-05-13", "Aville; town hall, room 2"));

        // The host adds a meeting with one of its round's organisations; the reviewer adds one with a free name.
        var fields = Meeting();
        fields["Meeting.OrganisationId"] = cycle.OrganisationsOfA["A chamber"].ToString(System.Globalization.CultureInfo.InvariantCulture);
        fields["Meeting.Themes"] = "finance";
        await host.FollowAsync(await AddMeetingAsync(host, cycle.ReviewOfA, fields));
        await reviewer.FollowAsync(await AddMeetingAsync(reviewer, cycle.ReviewOfA, Meeting(date: "2025-05-13", start: "14:00", end: "15:00")));
        int chamber;
        await using (var db = database.NewContext())
        {
            var meetings = await db.VisitMeetings.OrderBy(m => m.Id).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(2, meetings.Count);
            Assert.Equal(cycle.OrganisationsOfA["A chamber"], meetings[0].OrganisationId);
            Assert.Null(meetings[0].OrganisationName);
            Assert.Equal("finance", meetings[0].Themes);
            chamber = meetings[0].Id;
        }

        // Notes are the reviewer's: the host's page has no notes form, and a forged post is refused.
        var hostView = await host.GetDocumentAsync($"/reviews/{cycle.ReviewOfA}/visit/meetings/{chamber}");
        Assert.Null(hostView.QuerySelector("textarea#Notes"));
        var agendaForm = HtmlForms.FindForm(hostView, $"form[action='/reviews/{cycle.ReviewOfA}/visit/meetings/{chamber}']");
        agendaForm.SetAttribute("action", $"/reviews/{cycle.ReviewOfA}/visit/meetings/{chamber}?handler=Notes");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SubmitAsync(agendaForm, new Dictionary<string, string?> { ["Notes"] = "forged" })).StatusCode);

        var visit = await reviewer.FollowAsync(await reviewer.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}/visit/meetings/{chamber}",
            new Dictionary<string, string?> { ["Notes"] = "They run a **loan** fund." }, "form[action$='handler=Notes']"));
        Assert.Equal("loan", visit.QuerySelector(".visit-notes strong")!.TextContent);

        var ics = await reviewer.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}/visit.ics", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", ics.Content.Headers.ContentDisposition!.DispositionType);
        var calendar = Calendar.Load(await ics.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.Value).ToList();
        Assert.Equal(["Peer review visit: A chamber", "Peer review visit: Chamber of crafts"], events.Select(e => e.Summary));
        Assert.Equal($"meeting-{chamber}@megabench", events[0].Uid);
        Assert.Equal("Aville; town hall, room 2", events[0].Location);
        Assert.Equal("Themes: Theme finance\nParticipants’ roles: head of business support, two advisers", events[0].Description);
        Assert.Equal(new DateTime(2025, 5, 13, 14, 0, 0), events[1].DtStart!.Value);

        // Anyone else: not found.
        var anonymous = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/reviews/{cycle.ReviewOfA}/visit.ics", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Dates_that_would_leave_a_meeting_outside_the_visit_are_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);
        await reviewer.FollowAsync(await AddMeetingAsync(reviewer, cycle.ReviewOfA, Meeting(date: "2025-05-12")));

        var page = await HtmlForms.ParseAsync(await SetDatesAsync(reviewer, cycle.ReviewOfA, "2025-06-01", "2025-06-02"));

        Assert.Contains("a meeting on 12 May 2025, outside these dates", page.FieldError("Input_Start"), StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Null((await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, TestContext.Current.CancellationToken)).VisitStart);
    }

    [Fact]
    public async Task Before_the_cycle_starts_nothing_is_written_and_the_page_says_why()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().Preparing().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);

        var dates = await HtmlForms.ParseAsync(await SetDatesAsync(reviewer, cycle.ReviewOfA, "2025-05-12", "2025-05-13"));
        var meeting = await HtmlForms.ParseAsync(await AddMeetingAsync(reviewer, cycle.ReviewOfA, Meeting()));

        Assert.Contains("The cycle has not started yet", dates.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The cycle has not started yet", meeting.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Null((await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, TestContext.Current.CancellationToken)).VisitStart);
        Assert.False(await db.VisitMeetings.AnyAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_reviewer_records_the_visit_as_held_once_its_dates_are_set()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cycle = await new CycleBuilder().BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var reviewer = factory.CreateBrowser();
        await reviewer.SignInAsync(cycle.CoordinatorOfB);

        var early = await HtmlForms.ParseAsync(await reviewer.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}/visit", new Dictionary<string, string?>(), "form[action$='handler=Held']"));
        Assert.Contains("Enter the visit's dates before recording it as held.", early.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        await reviewer.FollowAsync(await SetDatesAsync(reviewer, cycle.ReviewOfA, "2025-05-12", "2025-05-13"));
        await reviewer.FollowAsync(await reviewer.SubmitFormAsync($"/reviews/{cycle.ReviewOfA}/visit", new Dictionary<string, string?>(), "form[action$='handler=Held']"));

        await using var db = database.NewContext();
        Assert.NotNull((await db.PeerReviews.SingleAsync(r => r.Id == cycle.ReviewOfA, TestContext.Current.CancellationToken)).VisitDoneAt);
    }
}
