using MegaBench.Data;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Data;

/// <summary>
/// The <see cref="StampReader"/> reads a round's stamps on connections it keeps open between requests: it must read
/// exactly what a context reads, and see every commit at its next read, as the pages it keys need.
/// </summary>
public sealed class StampReaderTests
{
    [Fact]
    public async Task It_reads_what_a_context_reads_and_sees_each_commit_at_its_next_read()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().InNetwork("Stamped network").ForCity("Ashford").WithStatus(RoundStatus.Published).Minimal().BuildAsync(database);
        await using var reader = new StampReader(database.NewContext);

        async Task<RoundStamps?> FromContextAsync()
        {
            await using var db = database.NewContext();
            return await ChangeStamps.OfRoundAndNetworkAsync(db, built.RoundId, Ct);
        }

        var before = await reader.OfRoundAndNetworkAsync(built.RoundId, Ct);
        Assert.NotNull(before);
        Assert.Equal(await FromContextAsync(), before);
        Assert.Equal((built.NetworkId, built.CityId, RoundStatus.Published), (before.NetworkId, before.CityId, before.Status));

        await using (var db = database.NewContext())
        {
            (await db.Rounds.SingleAsync(r => r.Id == built.RoundId, Ct)).Status = RoundStatus.Closed;
            await db.SaveChangesAsync(Ct);
        }

        // The same kept connection, now idle: the next read sees the commit.
        var after = await reader.OfRoundAndNetworkAsync(built.RoundId, Ct);
        Assert.Equal(await FromContextAsync(), after);
        Assert.Equal(RoundStatus.Closed, after!.Status);
        Assert.True(after.Round > before.Round && after.Network > before.Network);
        Assert.Null(await reader.OfRoundAndNetworkAsync(built.RoundId + 1000, Ct));
    }

    [Fact]
    public async Task A_networks_stamp_and_scope_are_those_a_context_reads_before_and_after_a_round_is_published()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().InNetwork("Stamped network").ForCity("Ashford").WithStatus(RoundStatus.Closed).Minimal().BuildAsync(database);
        await using var reader = new StampReader(database.NewContext);

        async Task<NetworkStamps> FromContextAsync()
        {
            await using var db = database.NewContext();
            var scope = await MegaBench.Web.Access.AccessScopes.NetworkScopeAsync(db, built.NetworkId, Ct);
            return new NetworkStamps((await ChangeStamps.OfNetworkAsync(db, built.NetworkId, Ct))!.Value, scope!.HasPublishedRound);
        }

        var before = await reader.OfNetworkAsync(built.NetworkId, Ct);
        Assert.Equal(await FromContextAsync(), before);
        Assert.False(before!.HasPublishedRound);

        await using (var db = database.NewContext())
        {
            (await db.Rounds.SingleAsync(r => r.Id == built.RoundId, Ct)).Status = RoundStatus.Published;
            await db.SaveChangesAsync(Ct);
        }

        var after = await reader.OfNetworkAsync(built.NetworkId, Ct);
        Assert.Equal(await FromContextAsync(), after);
        Assert.True(after!.HasPublishedRound);
        Assert.True(after.Network > before.Network);
        Assert.Null(await reader.OfNetworkAsync(built.NetworkId + 1000, Ct));
    }

    [Fact]
    public async Task A_session_carries_the_accounts_stamp_and_the_grants_a_context_reads_and_none_once_erased()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().InNetwork("Stamped network").ForCity("Ashford").Minimal().BuildAsync(database);
        var other = await new RoundBuilder().InNetwork("Other network").ForCity("Bexley").Minimal().BuildAsync(database);
        var userId = await TestAccounts.CreateAsync(database, "session@example.org",
            TestRole.AdministratorOf(built.NetworkId), TestRole.CoordinatorOf(other.CityId), TestRole.AdministratorOfEveryNetwork);
        await using var reader = new StampReader(database.NewContext);

        var session = await reader.SessionAsync(userId, Ct);
        await using (var db = database.NewContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId, Ct);
            Assert.NotNull(session);
            Assert.Equal((user.SecurityStamp, user.UserName, user.Email, user.DisplayName), (session.SecurityStamp, session.UserName, session.Email, session.DisplayName));
            var grants = await MegaBench.Accounts.Grants.LoadAsync(db, userId, Ct);
            Assert.Equal(grants.AccessKey, session.Grants.AccessKey);
            Assert.Equal(userId, session.Grants.UserId);
            Assert.True(session.Grants.AdministersAllNetworks);
            Assert.Equal([built.NetworkId], session.Grants.AdministeredNetworks);
            Assert.Equal([other.CityId], session.Grants.CoordinatedCities);
            Assert.Equal([other.NetworkId], session.Grants.NetworksOfCoordinatedCities!);

            // Erased (the columns alone, so that the stamp stays): the account's roles give nothing any more.
            await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.ErasedAt, DateTimeOffset.UnixEpoch), Ct);
        }

        var erased = await reader.SessionAsync(userId, Ct);
        Assert.Equal(MegaBench.Accounts.Grants.Of(userId, []).AccessKey, erased!.Grants.AccessKey);
        Assert.Null(await reader.SessionAsync("no such account", Ct));
    }

    [Fact]
    public async Task Concurrent_reads_each_get_their_own_connection_and_all_agree()
    {
        await using var database = await TestDatabase.CreateAsync();
        var built = await new RoundBuilder().InNetwork("Stamped network").ForCity("Ashford").WithStatus(RoundStatus.Published).Minimal().BuildAsync(database);
        var made = 0;
        await using var reader = new StampReader(() =>
        {
            Interlocked.Increment(ref made);
            return database.NewContext();
        });

        var read = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => reader.OfRoundAndNetworkAsync(built.RoundId, Ct))));

        Assert.Single(read.Distinct());
        Assert.NotNull(read[0]);
        Assert.InRange(made, 1, 40);
        var afterwards = made;
        for (var i = 0; i < 10; i++)
        {
            await reader.OfRoundAndNetworkAsync(built.RoundId, Ct);
        }

        Assert.Equal(afterwards, made);
    }

    /// <summary>A kept connection lost while idle (here its server process ended, as at a server restart) costs no failed request.</summary>
    [Fact]
    public async Task A_connection_lost_while_idle_is_replaced_without_a_failed_read()
    {
        await using var database = await TestDatabase.CreatePostgresAsync();
        var built = await new RoundBuilder().InNetwork("Stamped network").ForCity("Ashford").WithStatus(RoundStatus.Published).Minimal().BuildAsync(database);
        var contexts = new List<MegaBenchDbContext>();
        await using var reader = new StampReader(() =>
        {
            var db = database.NewContext();
            contexts.Add(db);
            return db;
        });
        var before = await reader.OfRoundAndNetworkAsync(built.RoundId, Ct);

        var lost = Assert.Single(contexts);
        var backend = ((Npgsql.NpgsqlConnection)lost.Database.GetDbConnection()).ProcessID;
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_terminate_backend({backend})", Ct);
        }

        Assert.Equal(before, await reader.OfRoundAndNetworkAsync(built.RoundId, Ct));
        Assert.Equal(2, contexts.Count);
    }
}
