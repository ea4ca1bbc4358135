using System.Net;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Pages.Rounds;

/// <summary>
/// The sheet (and the profile) served from cache under the round's change stamp (<see cref="MegaBench.Web.Reports.PageCache"/>
/// for anonymous readers, the sheet page's <c>cache</c> tag for everyone): two app instances on one database, a change
/// through one shows on the other at its next request, and access is decided per request before any cached copy.
/// </summary>
public sealed class SheetCacheTests
{
    private static Task<BuiltRound> BuildAsync(TestDatabase database, RoundStatus status) =>
        new RoundBuilder()
            .WithStatus(status)
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes, Comment: "First comment."))
            .WithOrganisation("Beta", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.No))
            .BuildAsync(database);

    private static string Sheet(BuiltRound round) => $"/rounds/{round.RoundId}/sheets/AAA";

    /// <summary>A change saved through instance <paramref name="app"/>'s own services (its context, so its SaveChanges).</summary>
    private static async Task ChangeAsync(MegaBenchAppFactory app, Func<MegaBenchDbContext, Task> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        await change(db);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Renames an organisation behind the stamps' back (no SaveChanges, so no stamp raised): what a cached page keeps showing.</summary>
    private static async Task RenameUnstampedAsync(TestDatabase database, int organisationId, string name)
    {
        await using var db = database.NewContext();
        await db.Organisations.Where(o => o.Id == organisationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, name), Ct);
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>A change, made through instance A, and the text it puts on the page.</summary>
    private sealed record Change(string Name, RoundStatus Status, bool SignedIn, string Page, string Shows, Func<MegaBenchAppFactory, BuiltRound, Task> Apply)
    {
        public override string ToString() => Name;
    }

    private static readonly Change[] Changes =
    [
        new("answer saved", RoundStatus.Published, false, "sheet", "Changed comment.", (a, r) => ChangeAsync(a, async db =>
            (await db.Answers.SingleAsync(x => x.OrganisationId == r.Organisations["Alpha"] && x.IndicatorCode == "AAA-1.01", Ct)).Comment = "Changed comment.")),
        new("organisation renamed", RoundStatus.Published, false, "sheet", "Alphonse", (a, r) => ChangeAsync(a, async db =>
            (await db.Organisations.SingleAsync(o => o.Id == r.Organisations["Alpha"], Ct)).Name = "Alphonse")),
        new("city renamed", RoundStatus.Published, false, "sheet", "Testville-on-Sea", (a, r) => ChangeAsync(a, async db =>
            (await db.Cities.SingleAsync(c => c.Id == r.CityId, Ct)).Name = "Testville-on-Sea")),
        new("narrative written", RoundStatus.Published, false, "profile", "A freshly written context.", (a, r) => ChangeAsync(a, db =>
            Task.FromResult(db.NarrativeSections.Add(new NarrativeSection { RoundId = r.RoundId, Kind = NarrativeKind.NationalContext, Markdown = "A freshly written context." })))),
        new("narrative written on an open round", RoundStatus.Open, true, "profile", "A context written while collecting.", (a, r) => ChangeAsync(a, db =>
            Task.FromResult(db.NarrativeSections.Add(new NarrativeSection { RoundId = r.RoundId, Kind = NarrativeKind.NationalContext, Markdown = "A context written while collecting." })))),
        new("autosave", RoundStatus.Open, true, "sheet", "Autosaved comment.", async (a, r) =>
        {
            string token;
            await using (var scope = a.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
                (_, token) = await Questionnaire.IssueInvitationAsync(db, r.Organisations["Beta"], DateTimeOffset.UtcNow.AddDays(30), "Ada Coordinator", Ct);
            }

            var saved = await a.Services.GetRequiredService<AnswerWriter>().SaveAsync(new LinkedAnswerSave(token, "AAA-2.01", AnswerValue.Yes, "Autosaved comment.", null, 0));
            Assert.IsType<AnswerSaveResult.Saved>(saved);
        }),
    ];

    public static TheoryData<string> ChangeNames => [.. Changes.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public async Task A_change_through_one_instance_shows_on_the_other_at_its_next_request(string name)
    {
        var change = Changes.Single(c => c.Name == name);
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database, change.Status);
        await using var a = new MegaBenchAppFactory(database);
        await using var b = new MegaBenchAppFactory(database);
        var reader = b.CreateBrowser();
        if (change.SignedIn)
        {
            await reader.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        }

        var path = change.Page == "sheet" ? Sheet(round) : $"/rounds/{round.RoundId}/profile";
        Assert.DoesNotContain(change.Shows, await GetAsync(reader, path), StringComparison.Ordinal);
        Assert.DoesNotContain(change.Shows, await GetAsync(reader, path), StringComparison.Ordinal);

        await change.Apply(a, round);

        Assert.Contains(change.Shows, await GetAsync(reader, path), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_unchanged_round_is_served_from_the_cache(bool signedIn)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database, RoundStatus.Published);
        await using var app = new MegaBenchAppFactory(database);
        var reader = app.CreateBrowser();
        if (signedIn)
        {
            await reader.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        }

        Assert.Contains("Alpha", await GetAsync(reader, Sheet(round)), StringComparison.Ordinal);
        await RenameUnstampedAsync(database, round.Organisations["Alpha"], "Unstamped");

        // The stamp did not move: the copy kept at the first request is what the second gets; anonymous readers get
        // the whole page from the output cache (which says how old its copy is), signed-in readers the sheet inside it.
        var second = await reader.GetAsync(new Uri(Sheet(round), UriKind.Relative), Ct);
        Assert.DoesNotContain("Unstamped", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(!signedIn, second.Headers.Age is not null);
        await ChangeAsync(app, async db => (await db.Organisations.SingleAsync(o => o.Id == round.Organisations["Beta"], Ct)).Name = "Bravo");
        var after = await GetAsync(reader, Sheet(round));
        Assert.Contains("Unstamped", after, StringComparison.Ordinal);
        Assert.Contains("Bravo", after, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task An_anonymous_export_is_served_from_the_cache_until_its_round_changes_through_another_instance(string format)
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database, RoundStatus.Published);
        await using var a = new MegaBenchAppFactory(database);
        await using var b = new MegaBenchAppFactory(database);
        var reader = b.CreateBrowser();
        var path = $"/rounds/{round.RoundId}/export.{format}";
        Assert.Null((await reader.GetAsync(new Uri(path, UriKind.Relative), Ct)).Headers.Age);
        await RenameUnstampedAsync(database, round.Organisations["Alpha"], "Unstamped");

        var second = await reader.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.NotNull(second.Headers.Age);
        Assert.DoesNotContain("Unstamped", await second.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        await ChangeAsync(a, async db => (await db.Organisations.SingleAsync(o => o.Id == round.Organisations["Beta"], Ct)).Name = "Bravo");
        var third = await reader.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Null(third.Headers.Age);
        var text = await third.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Unstamped", text, StringComparison.Ordinal);
        Assert.Contains("Bravo", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_of_the_request_is_respected()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database, RoundStatus.Published);
        await using var app = new MegaBenchAppFactory(database);
        var english = app.CreateClient();
        var french = app.CreateClient();
        french.DefaultRequestHeaders.AcceptLanguage.ParseAdd("fr-FR,fr;q=0.9");

        var first = await GetAsync(english, Sheet(round));
        var inFrench = await GetAsync(french, Sheet(round));
        var again = await GetAsync(english, Sheet(round));

        Assert.Contains("<html lang=\"en\">", first, StringComparison.Ordinal);
        Assert.Contains(">Statement<", first, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", inFrench, StringComparison.Ordinal);
        Assert.Contains(">Énoncé<", inFrench, StringComparison.Ordinal);
        Assert.Contains(">Statement<", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_coordinator_never_gets_the_anonymous_copy_nor_the_reverse()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database, RoundStatus.Published);
        await using var app = new MegaBenchAppFactory(database);
        var anonymous = app.CreateBrowser();
        var coordinator = app.CreateBrowser();
        var email = await coordinator.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        var name = email.Split('@')[0];

        Assert.DoesNotContain(name, await GetAsync(anonymous, Sheet(round)), StringComparison.Ordinal);
        var signedIn = await GetAsync(coordinator, Sheet(round));
        var anonymousAgain = await GetAsync(anonymous, Sheet(round));
        var signedInAgain = await GetAsync(coordinator, Sheet(round));

        Assert.Contains(name, signedIn, StringComparison.Ordinal);
        Assert.Contains("Sign out", signedIn, StringComparison.Ordinal);
        // The layout links to the sign-out page rather than holding its form: a page without forms of its own protects no
        // antiforgery token (a signed-in sheet 264–296 → 202–220 µs of CPU without it, bench/README.md item 13).
        Assert.Contains("href=\"/account/signout\"", signedIn, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", signedIn, StringComparison.Ordinal);
        Assert.DoesNotContain(name, anonymousAgain, StringComparison.Ordinal);
        Assert.DoesNotContain("Sign out", anonymousAgain, StringComparison.Ordinal);
        Assert.Contains("/account/signin", anonymousAgain, StringComparison.Ordinal);
        Assert.Contains(name, signedInAgain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_is_decided_per_request_even_after_a_cached_copy_for_another_reader()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database, RoundStatus.Published);
        var other = await new RoundBuilder().InNetwork("Elsewhere network").ForCity("Elsewhere").Minimal().BuildAsync(database);
        await using var a = new MegaBenchAppFactory(database);
        await using var b = new MegaBenchAppFactory(database);
        var anonymous = b.CreateBrowser();
        var stranger = b.CreateBrowser();
        await stranger.SignInAsAsync(database, TestRole.CoordinatorOf(other.CityId));
        var coordinator = b.CreateBrowser();
        await coordinator.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));
        await GetAsync(anonymous, Sheet(round));
        await GetAsync(stranger, Sheet(round));

        await ChangeAsync(a, async db => (await db.Rounds.SingleAsync(r => r.Id == round.RoundId, Ct)).Status = RoundStatus.Open);

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(Sheet(round), UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri(Sheet(round), UriKind.Relative), Ct)).StatusCode);
        await GetAsync(coordinator, Sheet(round));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(Sheet(round), UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri(Sheet(round), UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/rounds/{round.RoundId}/profile", UriKind.Relative), Ct)).StatusCode);
        // The open round's comparison, now kept for its coordinator, is no one else's either.
        await GetAsync(coordinator, $"/rounds/{round.RoundId}/profile");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(new Uri($"/rounds/{round.RoundId}/profile", UriKind.Relative), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri($"/rounds/{round.RoundId}/profile", UriKind.Relative), Ct)).StatusCode);
    }
}
