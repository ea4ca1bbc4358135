using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Practices;
using MegaBench.Questionnaires;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Tests.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Data;

/// <summary>
/// Every path that changes what a page shows raises the change stamps (<see cref="ChangeStamps"/>) in its own
/// transaction: the EF saves through <see cref="MegaBenchDbContext"/>, and the autosave writer's SQL.
/// </summary>
public sealed class ChangeStampsTests
{
    /// <summary>A change, and whether it must raise the round's stamp (the network's is raised by every one).</summary>
    private sealed record Change(string Name, bool RaisesRound, Func<MegaBenchDbContext, QuestionnaireSeed, Task> Apply)
    {
        public override string ToString() => Name;
    }

    private static readonly Change[] Changes =
    [
        new("network renamed", true, async (db, s) => (await db.Networks.SingleAsync(n => n.Id == s.NetworkId, Ct)).Name = "Renamed network"),
        new("city renamed", true, async (db, s) => (await db.Cities.SingleAsync(c => c.Id == s.CityId, Ct)).Name = "Renamed city"),
        new("round published", true, async (db, s) => (await db.Rounds.SingleAsync(r => r.Id == s.RoundId, Ct)).Status = RoundStatus.Published),
        new("organisation renamed", true, async (db, s) => (await db.Organisations.SingleAsync(o => o.Id == s.OrganisationId, Ct)).Name = "Renamed organisation"),
        new("organisation added", true, (db, s) => Task.FromResult(db.Organisations.Add(new Organisation { Name = "New one", GroupCode = "AAA", RoundId = s.RoundId }))),
        new("organisation deleted", true, async (db, s) => db.Organisations.Remove(await db.Organisations.SingleAsync(o => o.Id == s.OtherOrganisationId, Ct))),
        new("answer given", true, (db, s) => Task.FromResult(db.Answers.Add(new Answer { OrganisationId = s.OrganisationId, IndicatorCode = "AAA-1.01", Value = AnswerValue.Yes, Version = 1 }))),
        new("narrative written", true, (db, s) => Task.FromResult(db.NarrativeSections.Add(new NarrativeSection { RoundId = s.RoundId, Kind = NarrativeKind.NationalContext, Markdown = "Context." }))),
        new("practice added", false, (db, s) => Task.FromResult(db.Practices.Add(new Practice { CityId = s.CityId, Title = "Mentoring", Language = "en" }))),
        new("city added", false, (db, s) => Task.FromResult(db.Cities.Add(new City { Name = "Second city", Country = "Freedonia", NetworkId = s.NetworkId }))),
        new("framework registered", false, async (db, _) => await FrameworkStore.RegisterAsync(db, new FrameworkBuilder().WithId("another", "2.0").Build(), cancellationToken: Ct)),
    ];

    public static TheoryData<string> ChangeNames => [.. Changes.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(ChangeNames))]
    public async Task Every_change_saved_through_the_context_raises_the_stamps_in_its_save(string name)
    {
        var change = Changes.Single(c => c.Name == name);
        await using var database = await TestDatabase.CreateAsync();
        QuestionnaireSeed seed;
        await using (var db = database.NewContext())
        {
            seed = await QuestionnaireSeed.SaveAsync(db);
        }

        var (network, round) = await StampsAsync(database, seed);
        await using (var db = database.NewContext())
        {
            await change.Apply(db, seed);
            await db.SaveChangesAsync(Ct);
        }

        var (networkAfter, roundAfter) = await StampsAsync(database, seed);
        Assert.True(networkAfter > network, $"{name}: the network's stamp stayed at {network}.");
        Assert.Equal(change.RaisesRound, roundAfter > round);
    }

    [Fact]
    public async Task A_save_that_changes_nothing_shown_raises_no_stamp()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        var seed = await QuestionnaireSeed.SaveAsync(db);
        var before = await StampsAsync(database, seed);

        await Questionnaire.IssueInvitationAsync(db, seed.OrganisationId, DateTimeOffset.UtcNow.AddDays(30), "Ada Coordinator", Ct);

        Assert.Equal(before, await StampsAsync(database, seed));
    }

    [Fact]
    public async Task The_autosave_writer_raises_the_round_stamp_in_its_transaction()
    {
        await using var database = await TestDatabase.CreateAsync();
        QuestionnaireSeed seed;
        string token;
        await using (var db = database.NewContext())
        {
            seed = await QuestionnaireSeed.SaveAsync(db);
            (_, token) = await Questionnaire.IssueInvitationAsync(db, seed.OrganisationId, DateTimeOffset.UtcNow.AddDays(30), "Ada Coordinator", Ct);
        }

        var (network, round) = await StampsAsync(database, seed);
        await using (var services = new ServiceCollection().AddScoped(_ => database.NewContext()).BuildServiceProvider())
        {
            await using var writer = new AnswerWriter(services.GetRequiredService<IServiceScopeFactory>(), 1);
            Assert.IsType<AnswerSaveResult.Saved>(await writer.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.Yes, null, null, 0)));
            Assert.IsType<AnswerSaveResult.Saved>(await writer.SaveAsync(new LinkedAnswerSave(token, "AAA-1.01", AnswerValue.No, null, null, 1)));
        }

        // The round is open: the network's comparisons (published rounds only) are untouched, so its stamp stays.
        Assert.Equal((network, round + 2), await StampsAsync(database, seed));
    }

    private static async Task<(long Network, long Round)> StampsAsync(TestDatabase database, QuestionnaireSeed seed)
    {
        await using var db = database.NewContext();
        return ((await ChangeStamps.OfNetworkAsync(db, seed.NetworkId, Ct))!.Value, (await ChangeStamps.OfRoundAsync(db, seed.RoundId, Ct))!.Value);
    }
}
