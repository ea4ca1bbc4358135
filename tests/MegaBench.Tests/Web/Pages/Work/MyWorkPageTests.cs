using AngleSharp.Dom;
using MegaBench.Answers;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Web.Pages.Work;

/// <summary>The signed-in person's home: their cities, each round in progress with its counts, what is overdue and the next step (issue 13, part 2).</summary>
public sealed class MyWorkPageTests
{
    private static string Text(IElement element) => string.Join(" ", element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<BuiltRound> BuildAsync(TestDatabase database)
    {
        var round = await new RoundBuilder()
            .WithOrganisation("Alpha", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes))
            .WithOrganisation("Beta", "AAA")
            .WithOrganisation("Gamma", "BBB")
            .WithOrganisation("Delta", "BBB")
            .BuildAsync(database);
        await using var db = database.NewContext();
        var now = DateTimeOffset.UtcNow;
        // Beta's link expired before it answered: overdue. Gamma has an active link. Delta never had one.
        var (expired, _) = await Questionnaire.IssueInvitationAsync(db, round.Organisations["Beta"], now.AddDays(1), "test", Ct);
        await db.Invitations.Where(i => i.Id == expired.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.ExpiresAt, now.AddDays(-1)), Ct);
        await Questionnaire.IssueInvitationAsync(db, round.Organisations["Gamma"], now.AddDays(10), "test", Ct);
        return round;
    }

    [Fact]
    public async Task A_coordinator_lands_on_their_rounds_with_counts_overdue_and_the_next_step()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        var elsewhere = await new RoundBuilder().InNetwork("Other network").ForCity("Elsewhere").WithOrganisation("Stranger", "AAA").BuildAsync(database);
        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.CoordinatorOf(round.CityId));

        var page = await client.GetDocumentAsync("/my-work");

        var rows = page.QuerySelectorAll("table.my-rounds tbody tr").Select(Text).ToList();
        Assert.Equal(["Testville 2026 Open 4 2 of 4 1 of 4 1 of 4 0 of 4 0 of 4 1 Send a new link: 1 link expired before submission"], rows);
        Assert.DoesNotContain("Elsewhere", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/rounds/{round.RoundId}/questionnaires", page.QuerySelector("table.my-rounds td.next-step a")!.GetAttribute("href"));
        _ = elsewhere;
    }

    [Fact]
    public async Task The_next_step_follows_the_round()
    {
        var step = (int notInvited, int invited, int inProgress, int submitted, int validated, int overdue, RoundStatus status) =>
            new RoundProgress(1, status, notInvited + invited + inProgress + submitted + validated, notInvited, invited, inProgress, submitted, validated, overdue).Next;

        Assert.Equal((NextStep.AddOrganisations, 0), step(0, 0, 0, 0, 0, 0, RoundStatus.Open));
        Assert.Equal((NextStep.RenewExpiredLinks, 1), step(2, 0, 1, 0, 0, 1, RoundStatus.Open));
        Assert.Equal((NextStep.IssueLinks, 2), step(2, 1, 0, 0, 0, 0, RoundStatus.Open));
        Assert.Equal((NextStep.Remind, 3), step(0, 1, 2, 1, 0, 0, RoundStatus.Open));
        Assert.Equal((NextStep.Validate, 1), step(0, 0, 0, 1, 4, 0, RoundStatus.Open));
        Assert.Equal((NextStep.Close, 0), step(0, 0, 0, 0, 4, 0, RoundStatus.Open));
        Assert.Equal((NextStep.Publish, 0), step(0, 2, 0, 0, 4, 0, RoundStatus.Closed));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_network_administrator_sees_every_city_of_the_network_and_how_to_start_the_next_round()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using (var db = database.NewContext())
        {
            var current = await db.Rounds.SingleAsync(r => r.Id == round.RoundId, Ct);
            var idle = new MegaBench.Networks.City { Name = "Quietville", Country = "France", NetworkId = round.NetworkId };
            idle.Rounds.Add(new Round { Year = 2024, StoredFrameworkId = current.StoredFrameworkId, Status = RoundStatus.Published, CreatedAt = DateTimeOffset.UnixEpoch });
            db.Cities.Add(idle);
            await db.SaveChangesAsync(Ct);
        }

        await using var factory = new MegaBenchAppFactory(database);
        var client = factory.CreateBrowser();
        await client.SignInAsAsync(database, TestRole.AdministratorOf(round.NetworkId));

        var page = await client.GetDocumentAsync("/my-work");

        Assert.Equal(["Testville"], page.QuerySelectorAll("table.my-rounds tbody th").Select(Text));
        var idleCity = Assert.Single(page.QuerySelectorAll("ul.idle-cities li"));
        Assert.StartsWith("Quietville: latest published round 2024.", Text(idleCity), StringComparison.Ordinal);
        Assert.Contains("/rounds/new?year=", idleCity.QuerySelectorAll("a")[^1].GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_network_overview_shows_the_collection_progress_to_its_administrators_only()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await BuildAsync(database);
        await using (var db = database.NewContext())
        {
            // A published round elsewhere in the network makes the overview public.
            var current = await db.Rounds.SingleAsync(r => r.Id == round.RoundId, Ct);
            var other = new MegaBench.Networks.City { Name = "Openville", Country = "France", NetworkId = round.NetworkId };
            other.Rounds.Add(new Round { Year = 2024, StoredFrameworkId = current.StoredFrameworkId, Status = RoundStatus.Published, CreatedAt = DateTimeOffset.UnixEpoch });
            db.Cities.Add(other);
            await db.SaveChangesAsync(Ct);
        }

        await using var factory = new MegaBenchAppFactory(database);
        var administrator = factory.CreateBrowser();
        await administrator.SignInAsAsync(database, TestRole.AdministratorOf(round.NetworkId));

        var page = await administrator.GetDocumentAsync($"/networks/{round.NetworkId}/overview");
        var anonymous = await factory.CreateBrowser().GetDocumentAsync($"/networks/{round.NetworkId}/overview");

        Assert.Equal(["Testville 2026 Open 4 2 of 4 1 of 4 1 of 4 0 of 4 0 of 4 1 Send a new link: 1 link expired before submission"],
            page.QuerySelectorAll("#collection ~ .table-scroll table.my-rounds tbody tr").Select(Text));
        Assert.Null(anonymous.QuerySelector("#collection"));
    }

    [Fact]
    public async Task Signing_in_without_a_return_address_lands_on_my_work()
    {
        await using var database = await TestDatabase.CreateAsync();
        await TestAccounts.CreateAsync(database, "ada@example.org", TestRole.AdministratorOfEveryNetwork);
        await using var factory = new MegaBenchAppFactory(database);

        var response = await factory.CreateBrowser().SubmitFormAsync("/account/signin", new Dictionary<string, string?> { ["Input.Email"] = "ada@example.org", ["Input.Password"] = TestAccounts.Password });

        Assert.Equal("/my-work", response.Headers.Location!.OriginalString);
    }
}
