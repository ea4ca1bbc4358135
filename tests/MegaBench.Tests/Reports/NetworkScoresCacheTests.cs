using MegaBench.Answers;
using MegaBench.Data;
using MegaBench.Reports;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Reports;

/// <summary>
/// A network's scores are cached under its change stamp (<see cref="NetworkScores"/>, <see cref="ChangeStamps"/>):
/// two app instances, each with its own cache, on one database; a change through one is seen by the other at its
/// next load, never later.
/// </summary>
public sealed class NetworkScoresCacheTests
{
    private static ServiceProvider Instance(TestDatabase database) =>
        new ServiceCollection().AddLogging().AddMegaBenchDatabase(database.Options).BuildServiceProvider();

    private static async Task<NetworkScores> LoadAsync(ServiceProvider instance, int networkId)
    {
        await using var scope = instance.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        return (await NetworkScores.LoadAsync(db, networkId, Ct))!;
    }

    [Fact]
    public async Task A_change_through_one_instance_shows_on_another_at_its_next_load()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().InNetwork("Cached network").ForCity("Ashford").WithStatus(RoundStatus.Published).Minimal().BuildAsync(database);
        await using var a = Instance(database);
        await using var b = Instance(database);

        var first = await LoadAsync(b, built.NetworkId);
        Assert.Equal("Ashford", first.Rounds.Single().City.Name);
        Assert.Same(first, await LoadAsync(b, built.NetworkId));
        Assert.Same(first.Analyse(), (await LoadAsync(b, built.NetworkId)).Analyse());

        await using (var scope = a.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            (await db.Cities.SingleAsync(c => c.Id == built.CityId, Ct)).Name = "Ashford-on-Sea";
            await db.SaveChangesAsync(Ct);
        }

        var after = await LoadAsync(b, built.NetworkId);
        Assert.NotSame(first, after);
        Assert.Equal("Ashford-on-Sea", after.Rounds.Single().City.Name);
    }

    [Fact]
    public async Task A_focus_that_is_its_citys_latest_published_round_stands_in_the_cached_scores()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().InNetwork("Cached network").ForCity("Ashford").WithStatus(RoundStatus.Published).Minimal().BuildAsync(database);
        await using var app = Instance(database);
        var cached = await LoadAsync(app, built.NetworkId);

        await using var scope = app.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        var focus = (await RoundScores.LoadAsync(db, built.RoundId, Ct))!;
        var scores = (await NetworkScores.LoadAsync(db, built.NetworkId, Ct, focus))!;

        Assert.Same(focus, Assert.Single(scores.Rounds));
        Assert.Same(cached.Analyse(), scores.Analyse());
    }

    /// <summary>
    /// The scores read the answers with data readers of their own (<c>NetworkScores.ScoredAnswers</c>), not EF, split
    /// by organisation over several connections: each city's latest published round carries exactly its own answers,
    /// none of an earlier year's round nor of another network, and scores as the round read whole does.
    /// </summary>
    [Fact]
    public async Task Each_city_is_scored_on_its_latest_published_round_with_exactly_that_rounds_answers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var rich = await RoundBuilder.Rich().WithStatus(RoundStatus.Published).BuildAsync(database);
        await new RoundBuilder().InNetwork("Elsewhere").ForCity("Other").WithStatus(RoundStatus.Published).Minimal().BuildAsync(database);
        await using var app = Instance(database);

        static string[] Rows(IEnumerable<Organisation> organisations) =>
            [.. organisations.SelectMany(o => o.Answers.Select(a => $"{o.Id} {a.IndicatorCode} {a.Value}")).Order(StringComparer.Ordinal)];

        var alone = Assert.Single((await LoadAsync(app, rich.NetworkId)).Rounds);
        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            var whole = (await RoundScores.LoadAsync(db, rich.RoundId, Ct))!;
            Assert.NotEmpty(Rows(whole.Organisations));
            Assert.Equal(Rows(whole.Organisations), Rows(alone.Organisations));
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(whole.Score), System.Text.Json.JsonSerializer.Serialize(alone.Score));
        }

        int laterId;
        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            var earlier = await db.Rounds.SingleAsync(r => r.Id == rich.RoundId, Ct);
            var statements = rich.Framework.Groups[0].Stages[0].Indicators;
            var organisation = new Organisation { Name = "Later office", GroupCode = rich.Framework.Groups[0].Code, Kind = rich.Framework.OrganisationKinds[0].Code };
            organisation.Answers.Add(new Answer { IndicatorCode = statements[0].Code, Value = AnswerValue.Yes });
            organisation.Answers.Add(new Answer { IndicatorCode = statements[1].Code, Value = AnswerValue.NotDetermined });
            var later = new Round { CityId = earlier.CityId, Year = earlier.Year + 2, StoredFrameworkId = earlier.StoredFrameworkId, Status = RoundStatus.Published, Organisations = { organisation } };
            db.Rounds.Add(later);
            await db.SaveChangesAsync(Ct);
            laterId = later.Id;
        }

        var scored = Assert.Single((await LoadAsync(app, rich.NetworkId)).Rounds);
        Assert.Equal(laterId, scored.Round.Id);
        var only = Assert.Single(scored.Organisations);
        Assert.Equal(
            [$"{only.Id} {rich.Framework.Groups[0].Stages[0].Indicators[0].Code} Yes", $"{only.Id} {rich.Framework.Groups[0].Stages[0].Indicators[1].Code} NotDetermined"],
            Rows(scored.Organisations));
    }

    /// <summary>
    /// Inside a transaction the answers are read on the transaction's own connection: the readers beside it on other
    /// connections would score the answers as they were before it.
    /// </summary>
    [Fact]
    public async Task Inside_a_transaction_the_scores_read_the_answers_it_changed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var rich = await RoundBuilder.Rich().WithStatus(RoundStatus.Published).BuildAsync(database);
        await using var app = Instance(database);
        await using var scope = app.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();

        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var answer = await db.Answers.OrderBy(a => a.Id).FirstAsync(a => a.Organisation!.RoundId == rich.RoundId && a.Value == AnswerValue.No, Ct);
        answer.Value = AnswerValue.Yes;
        await db.SaveChangesAsync(Ct);

        var scored = Assert.Single((await NetworkScores.LoadAsync(db, rich.NetworkId, Ct))!.Rounds);
        var organisation = scored.Organisations.Single(o => o.Id == answer.OrganisationId);
        Assert.Equal(AnswerValue.Yes, organisation.Answers.Single(a => a.IndicatorCode == answer.IndicatorCode).Value);
    }

    /// <summary>
    /// What is computed inside a transaction is not kept: the stamp it would be kept under is rolled back with the
    /// transaction, and the next committed change takes the same stamp.
    /// </summary>
    [Fact]
    public async Task Scores_computed_inside_a_rolled_back_transaction_are_not_served_afterwards()
    {
        await using var database = await TestDatabase.CreateAsync();
        var rich = await RoundBuilder.Rich().WithStatus(RoundStatus.Published).BuildAsync(database);
        await using var app = Instance(database);
        int answerId;
        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var answer = await db.Answers.OrderBy(a => a.Id).FirstAsync(a => a.Organisation!.RoundId == rich.RoundId && a.Value == AnswerValue.No, Ct);
            answerId = answer.Id;
            answer.Value = AnswerValue.Yes;
            await db.SaveChangesAsync(Ct);
            Assert.NotNull(await NetworkScores.LoadAsync(db, rich.NetworkId, Ct));
            await transaction.RollbackAsync(Ct);
        }

        await using (var scope = app.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
            (await db.Answers.SingleAsync(a => a.Id == answerId, Ct)).Value = AnswerValue.NotDetermined;
            await db.SaveChangesAsync(Ct);
        }

        var scored = Assert.Single((await LoadAsync(app, rich.NetworkId)).Rounds);
        var (organisationId, code) = AnswerKey(database, answerId);
        var organisation = scored.Organisations.Single(o => o.Id == organisationId);
        Assert.Equal(AnswerValue.NotDetermined, organisation.Answers.Single(a => a.IndicatorCode == code).Value);
    }

    private static (int OrganisationId, string Code) AnswerKey(TestDatabase database, int answerId)
    {
        using var db = database.NewContext();
        var answer = db.Answers.Single(a => a.Id == answerId);
        return (answer.OrganisationId, answer.IndicatorCode);
    }
}
