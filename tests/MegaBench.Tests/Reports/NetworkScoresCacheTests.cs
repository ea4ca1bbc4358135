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
}
