using System.Net;
using AngleSharp.Html.Parser;
using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Practices;
using MegaBench.Questionnaires;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Cli;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Pages.Rounds;

/// <summary>
/// The city profile below its heading, kept in the profile page's <c>cache</c> tag for every reader: what differs by
/// reader (the practices of cities only some may read, the earlier rounds they may compare with) is in what it is
/// kept under, and so is every stamp it shows.
/// </summary>
public sealed class ProfileCacheTests
{
    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    [Fact]
    public async Task Readers_with_different_grants_each_get_their_own_profile()
    {
        // The demo network, a city with a gap, and a practice on that gap recorded by a city without a published round:
        // its administrators may read that practice, the profile city's coordinator may not.
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(0, (await CliRunner.RunAsync(database, "demo")).ExitCode);
        int roundId, cityId;
        await using (var db = database.NewContext())
        {
            var network = await db.Networks.SingleAsync(Ct);
            var scores = (await NetworkScores.LoadAsync(db, network.Id, Ct))!;
            var city = scores.Analyse()!.StrengthsAndGaps.First(s => s.ThemeGaps.Count > 0);
            cityId = city.City.Id;
            roundId = scores.Rounds.Single(r => r.City.Id == cityId).Round.Id;
            var hidden = new City { Name = "Hiddenville", Country = "France", NetworkId = network.Id };
            db.Set<Practice>().Add(new Practice { City = hidden, Title = "Hiddenville one-stop desk", Organisation = "City hall", Language = "en", Themes = city.ThemeGaps[0].Theme });
            await db.SaveChangesAsync(Ct);
        }

        await using var app = new MegaBenchAppFactory(database);
        var administrator = app.CreateBrowser();
        await administrator.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var coordinator = app.CreateBrowser();
        await coordinator.SignInAsAsync(database, TestRole.CoordinatorOf(cityId));
        var path = $"/rounds/{roundId}/profile";

        // Both may edit the city, so only their grants tell their profiles apart.
        Assert.Contains("Hiddenville one-stop desk", await GetAsync(administrator, path), StringComparison.Ordinal);
        Assert.DoesNotContain("Hiddenville one-stop desk", await GetAsync(coordinator, path), StringComparison.Ordinal);
        Assert.Contains("Hiddenville one-stop desk", await GetAsync(administrator, path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_to_the_earlier_round_shows_in_what_changed_at_the_next_request()
    {
        // Both rounds open: the earlier one's autosave raises its own stamp only, not the network's.
        await using var database = await TestDatabase.CreateAsync();
        var earlier = await new RoundBuilder().InYear(2025).WithStatus(RoundStatus.Open)
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.02", AnswerValue.Yes))
            .BuildAsync(database);
        int laterId;
        await using (var db = database.NewContext())
        {
            var framework = await db.Rounds.Where(r => r.Id == earlier.RoundId).Select(r => r.StoredFrameworkId).SingleAsync(Ct);
            var later = new Round { CityId = earlier.CityId, Year = 2026, StoredFrameworkId = framework, Status = RoundStatus.Open, CreatedAt = DateTimeOffset.UnixEpoch };
            var alpha = new Organisation { Name = "Alpha", GroupCode = "AAA" };
            foreach (var code in new[] { "AAA-1.01", "AAA-1.02" })
            {
                alpha.Answers.Add(new Answer { IndicatorCode = code, Value = AnswerValue.Yes, UpdatedBy = "test", UpdatedAt = DateTimeOffset.UnixEpoch });
            }

            later.Organisations.Add(alpha);
            db.Rounds.Add(later);
            await db.SaveChangesAsync(Ct);
            laterId = later.Id;
        }

        await using var a = new MegaBenchAppFactory(database);
        await using var b = new MegaBenchAppFactory(database);
        var reader = b.CreateBrowser();
        await reader.SignInAsAsync(database, TestRole.AdministratorOfEveryNetwork);
        var path = $"/rounds/{laterId}/profile";
        Assert.Equal("AAA-1.01", NewlyMetByAlpha(await GetAsync(reader, path)));
        Assert.Equal("AAA-1.01", NewlyMetByAlpha(await GetAsync(reader, path)));

        string token;
        await using (var scope = a.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            (_, token) = await Questionnaire.IssueInvitationAsync(db, earlier.Organisations["Alpha"], DateTimeOffset.UtcNow.AddDays(30), "Ada Coordinator", Ct);
        }

        Assert.IsType<AnswerSaveResult.Saved>(await a.Services.GetRequiredService<AnswerWriter>().SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, null, null, 0)));

        Assert.Equal("", NewlyMetByAlpha(await GetAsync(reader, path)));
    }

    /// <summary>The codes Alpha newly met, as "What changed" lists them ("" when none).</summary>
    private static string NewlyMetByAlpha(string page) =>
        string.Join(' ', new HtmlParser().ParseDocument(page).QuerySelectorAll("li[data-organisation='Alpha'] .newly-met .code").Select(c => c.TextContent));
}
