using System.Net;
using MegaBench.Accounts;
using MegaBench.Answers;
using MegaBench.BrowserTests.Infrastructure;
using MegaBench.Learning;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MegaBench.BrowserTests.Pages;

/// <summary>
/// One pair of cities walked through the whole peer-review cycle in a real browser, each person signed in as
/// themselves in their own browser context: the network administrator starts the cycle from the matching page, the
/// host's coordinator writes the briefing, answers and owns the action plan, the reviewing city's coordinator asks,
/// visits and writes the feedback report; after the host's next round, the action plan shows what moved.
/// </summary>
public sealed class PeerReviewWalkTests(LiveApp app)
{
    [Fact]
    public async Task One_pair_goes_from_the_matching_to_the_follow_up_after_the_next_round()
    {
        _ = app; // The shared app starts Chromium and holds the browser environment; this test runs its own app, since it writes.
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database, loadDemo: true);
        var baseAddress = Start(factory);
        int networkId;
        await using (var db = database.NewContext())
        {
            networkId = await db.Networks.Where(n => n.IsDemo).Select(n => n.Id).SingleAsync(ct);
        }

        await OwnApp.CreateAccountAsync(factory, "admin@example.org", new RoleAssignment { UserId = "", Role = AccountRole.NetworkAdministrator, NetworkId = networkId });
        await using var browserContexts = new Contexts(app, baseAddress);

        // 1. The administrator starts a cycle from the matching page, as it shows the pairs, and starts it.
        var admin = await browserContexts.SignedInAsync("admin@example.org");
        await PageChecks.OpenAsync(admin, $"{baseAddress}networks/{networkId}/matching");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Start a learning cycle from these pairs" }).ClickAsync();
        await admin.FillAsync("#Input_Name", "Walk-through peer reviews");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the cycle" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("/cycles/", StringComparison.Ordinal) && !url.Contains("/new", StringComparison.Ordinal));
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the cycle" }).ClickAsync();
        await Expect(admin.Locator("main")).ToContainTextAsync("Started");

        PeerReview review;
        await using (var db = database.NewContext())
        {
            review = await db.PeerReviews.Include(r => r.HostCity).Include(r => r.ReviewerCity)
                .Where(r => r.Cycle!.Name == "Walk-through peer reviews" && r.GapThemes != "")
                .OrderBy(r => r.Id).FirstAsync(ct);
        }

        await OwnApp.CreateAccountAsync(factory, "host@example.org", new RoleAssignment { UserId = "", Role = AccountRole.CityCoordinator, CityId = review.HostCityId });
        await OwnApp.CreateAccountAsync(factory, "reviewer@example.org", new RoleAssignment { UserId = "", Role = AccountRole.CityCoordinator, CityId = review.ReviewerCityId });
        var host = await browserContexts.SignedInAsync("host@example.org");
        var reviewer = await browserContexts.SignedInAsync("reviewer@example.org");
        var path = $"{baseAddress}reviews/{review.Id}";

        // 2. The host writes its briefing.
        await PageChecks.OpenAsync(host, path);
        await host.FillAsync("#Briefing", "We want to learn how our partner reaches founders who never come to the business desk.");
        await host.GetByRole(AriaRole.Button, new() { Name = "Save the briefing" }).ClickAsync();
        await Expect(host.Locator(".briefing")).ToContainTextAsync("never come to the business desk");

        // 3. Desk review: the reviewer asks in the first topic (a gap theme of the matching), the host answers, the reviewer
        // links evidence and closes the desk review.
        await PageChecks.OpenAsync(reviewer, $"{path}/desk");
        await reviewer.Locator("textarea[name='Message.Text']").First.FillAsync("Which organisations work on this theme, and with what budget?");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Ask", Exact = true }).First.ClickAsync();
        await Expect(reviewer.Locator(".thread").First).ToContainTextAsync("with what budget");

        await PageChecks.OpenAsync(host, $"{path}/desk");
        await Expect(host.Locator(".thread").First).ToContainTextAsync("with what budget");
        await host.Locator("textarea[name='Message.Text']").First.FillAsync("Two of them, on yearly project funding.");
        await host.GetByRole(AriaRole.Button, new() { Name = "Send the answer" }).First.ClickAsync();
        await Expect(host.Locator(".thread").First).ToContainTextAsync("yearly project funding");

        await PageChecks.OpenAsync(reviewer, $"{path}/desk");
        await reviewer.FillAsync("#Evidence_Title", "The host's yearly report");
        await reviewer.FillAsync("#Evidence_Url", "https://example.org/yearly-report");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Add the evidence" }).ClickAsync();
        await Expect(reviewer.Locator(".evidence-list")).ToContainTextAsync("The host's yearly report");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Close the desk review" }).ClickAsync();
        await Expect(reviewer.Locator("main")).ToContainTextAsync("closed");

        // 4. Visit: the reviewer sets the dates and place, adds a meeting with one of the host's organisations, writes
        // its notes and records the visit as held; the host sees the agenda and downloads it as a calendar.
        await PageChecks.OpenAsync(reviewer, $"{path}/visit");
        await reviewer.FillAsync("#Input_Start", "2027-03-08");
        await reviewer.FillAsync("#Input_End", "2027-03-10");
        await reviewer.FillAsync("#Input_Place", "The town hall");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Save the dates and place" }).ClickAsync();
        await Expect(reviewer.Locator("#Input_Place")).ToHaveValueAsync("The town hall");
        await reviewer.FillAsync("#Meeting_Date", "2027-03-08");
        await reviewer.FillAsync("#Meeting_Start", "09:30");
        await reviewer.FillAsync("#Meeting_End", "11:00");
        await reviewer.Locator("#Meeting_OrganisationId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await reviewer.FillAsync("#Meeting_Participants", "Head of business support; two advisers");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Add the meeting" }).ClickAsync();
        await Expect(reviewer.Locator(".visit-agenda")).ToContainTextAsync("Head of business support");
        await reviewer.Locator(".visit-agenda a").First.ClickAsync();
        await reviewer.FillAsync("#Notes", "The desk sees **forty founders** a year; none is followed after the first year.");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Save the notes" }).ClickAsync();
        await PageChecks.OpenAsync(reviewer, $"{path}/visit");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Record the visit as held" }).ClickAsync();

        await PageChecks.OpenAsync(host, $"{path}/visit");
        await Expect(host.Locator(".visit-agenda")).ToContainTextAsync("forty founders");
        var calendar = await host.APIRequest.GetAsync($"{path}/visit.ics");
        Assert.Equal(200, calendar.Status);
        Assert.Contains("BEGIN:VEVENT", await calendar.TextAsync(), StringComparison.Ordinal);

        // 5. Feedback report: drafted from the evidence (the desk review's thread and the visit's notes are in it),
        // edited, submitted; the host responds and publishes.
        await PageChecks.OpenAsync(reviewer, $"{path}/feedback");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Start from the draft" }).ClickAsync();
        var draft = await reviewer.Locator("#Markdown").InputValueAsync();
        Assert.Contains("yearly project funding", draft, StringComparison.Ordinal);
        Assert.Contains("forty founders", draft, StringComparison.Ordinal);
        await reviewer.FillAsync("#Markdown", draft + "\n\n## Recommendations\n\n- Follow every supported founder for three years.\n");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Save the report" }).ClickAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = $"Submit the report to {review.HostCity!.Name}" }).ClickAsync();
        await Expect(reviewer.Locator("main")).ToContainTextAsync("Submitted");

        await PageChecks.OpenAsync(host, $"{path}/feedback");
        await host.FillAsync("#ResponseText", "We accept the recommendation.");
        await host.GetByRole(AriaRole.Button, new() { Name = "Save the response" }).ClickAsync();
        await host.GetByRole(AriaRole.Button, new() { Name = "Publish the report and the action plan" }).ClickAsync();

        // The report is public now: a visitor reads it, and the reviewer can no longer change it.
        var visitor = await browserContexts.AnonymousAsync();
        var published = await PageChecks.OpenAsync(visitor, $"{path}/feedback");
        Assert.Equal((int)HttpStatusCode.OK, published.Status);
        await Expect(visitor.Locator("main")).ToContainTextAsync("three years");
        await Expect(visitor.Locator("main")).ToContainTextAsync("We accept the recommendation.");
        await PageChecks.OpenAsync(reviewer, $"{path}/feedback");
        Assert.Equal(0, await reviewer.Locator("#Markdown").CountAsync());

        // 6. Action plan and follow-up.
        await ActionPlanAndFollowUpAsync(database, browserContexts, host, visitor, path, review, ct);
    }

    /// <summary>
    /// The host adopts the report's recommendation as an action, links a statement an organisation does not meet yet,
    /// notes its progress and adopts the plan; the host's next round is published with that statement met; the
    /// follow-up shows it newly met, the cycle's dashboard counts it, and a visitor reads the published plan.
    /// </summary>
    private static async Task ActionPlanAndFollowUpAsync(TestDatabase database, Contexts contexts, IPage host, IPage visitor, string path, PeerReview review, CancellationToken ct)
    {
        // A statement that one of the host's organisations does not meet in the reviewed round.
        (int OrganisationId, string Code) target;
        await using (var db = database.NewContext())
        {
            target = await db.Answers
                .Where(a => a.Organisation!.RoundId == review.HostRoundId && a.Value != AnswerValue.Yes)
                .OrderBy(a => a.Organisation!.Position).ThenBy(a => a.IndicatorCode)
                .Select(a => new ValueTuple<int, string>(a.OrganisationId, a.IndicatorCode))
                .FirstAsync(ct);
        }

        await PageChecks.OpenAsync(host, $"{path}/actions");
        var recommendation = await host.Locator("form.suggestions [id^='recommendation-']", new() { HasText = "three years" }).GetAttributeAsync("id");
        await host.Locator($"form.suggestions button[aria-describedby='{recommendation}']").ClickAsync();
        await Expect(host.Locator("#Input_Title")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("three years"));
        await host.EvaluateAsync("() => document.querySelectorAll('#action-form ~ form details').forEach(d => d.open = true)");
        await host.Locator($"[id='Input_Statements_{target.Code}']").CheckAsync();
        await host.Locator("#Input_OrganisationId").SelectOptionAsync(target.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await host.FillAsync("#Input_Deadline", "2027-12-31");
        await host.Locator("#Input_Status").SelectOptionAsync("InProgress");
        await host.GetByRole(AriaRole.Button, new() { Name = "Save the action" }).ClickAsync();
        await Expect(host.Locator("main")).ToContainTextAsync("was saved");

        await host.Locator("textarea[name='noteText']").First.FillAsync("The follow-up questionnaire is drafted with the university.");
        await host.GetByRole(AriaRole.Button, new() { Name = "Add the note" }).First.ClickAsync();
        await Expect(host.Locator("main")).ToContainTextAsync("questionnaire is drafted");
        await host.GetByRole(AriaRole.Button, new() { Name = "Mark the action plan adopted" }).ClickAsync();
        await Expect(host.Locator("main")).ToContainTextAsync("adopted");

        // The next benchmark round: the host's organisations answer again, and the linked statement is now met.
        await using (var db = database.NewContext())
        {
            var reviewed = await db.Rounds.Include(r => r.Organisations).ThenInclude(o => o.Answers).SingleAsync(r => r.Id == review.HostRoundId, ct);
            var year = await db.Rounds.Where(r => r.CityId == review.HostCityId).MaxAsync(r => r.Year, ct) + 1;
            var next = new Round { CityId = review.HostCityId, Year = year, StoredFrameworkId = reviewed.StoredFrameworkId, Status = RoundStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
            foreach (var organisation in reviewed.Organisations)
            {
                var copy = new Organisation { Name = organisation.Name, GroupCode = organisation.GroupCode, Kind = organisation.Kind, Position = organisation.Position };
                copy.Answers.AddRange(organisation.Answers.Select(a => new Answer
                {
                    IndicatorCode = a.IndicatorCode,
                    Value = organisation.Id == target.OrganisationId && a.IndicatorCode == target.Code ? AnswerValue.Yes : a.Value,
                    UpdatedBy = "walk-through",
                    UpdatedAt = DateTimeOffset.UtcNow,
                }));
                next.Organisations.Add(copy);
            }

            db.Rounds.Add(next);
            await db.SaveChangesAsync(ct);
        }

        await PageChecks.OpenAsync(host, $"{path}/actions");
        await Expect(host.Locator(".move-newly-met").First).ToBeVisibleAsync();
        await Expect(host.Locator("main")).ToContainTextAsync("1 of 1 linked statements improved");

        var admin = await contexts.SignedInAsync("admin@example.org");
        await PageChecks.OpenAsync(admin, $"{path.Replace($"reviews/{review.Id}", $"cycles/{review.CycleId}", StringComparison.Ordinal)}");
        await Expect(admin.Locator(".cycle-dashboard")).ToContainTextAsync("1 of 1");

        await PageChecks.OpenAsync(visitor, $"{path}/actions");
        await Expect(visitor.Locator("main")).ToContainTextAsync("three years");
        await Expect(visitor.Locator("main")).ToContainTextAsync("questionnaire is drafted");
        Assert.Equal(0, await visitor.Locator("main form[method=post]").CountAsync());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static Uri Start(MegaBenchAppFactory factory)
    {
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>One browser context per person, each signed in through the sign-in form as themselves.</summary>
    private sealed class Contexts(LiveApp app, Uri baseAddress) : IAsyncDisposable
    {
        private readonly List<IBrowserContext> _open = [];

        public async Task<IPage> SignedInAsync(string email)
        {
            var page = await AnonymousAsync();
            await OwnApp.SignInAsync(page, baseAddress, email);
            return page;
        }

        public async Task<IPage> AnonymousAsync()
        {
            var context = await app.NewContextAsync();
            _open.Add(context);
            return await context.NewPageAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var context in _open)
            {
                await context.DisposeAsync();
            }
        }
    }
}
