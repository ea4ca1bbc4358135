using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Accounts;

public sealed class GrantsTests
{
    // Network 1 holds cities 10 (A) and 11 (B); network 2 holds city 20.
    private static readonly Grants AdminOfNetwork1 = new("admin", new HashSet<int> { 1 }, new HashSet<int>());
    private static readonly Grants CoordinatorOfA = new("coord-a", new HashSet<int>(), new HashSet<int> { 10 });
    private static readonly Grants Everything = new("root", new HashSet<int>(), new HashSet<int>(), AdministersAllNetworks: true);

    public static TheoryData<string, int, int, bool> EditCityCases => new()
    {
        { "admin", 1, 10, true },
        { "admin", 1, 11, true },
        { "admin", 2, 20, false },
        { "coord-a", 1, 10, true },
        { "coord-a", 1, 11, false },
        { "coord-a", 2, 20, false },
        { "anonymous", 1, 10, false },
        { "root", 2, 20, true },
    };

    private static Grants Of(string who) => who switch
    {
        "admin" => AdminOfNetwork1,
        "coord-a" => CoordinatorOfA,
        "root" => Everything,
        _ => Grants.Anonymous,
    };

    [Theory]
    [MemberData(nameof(EditCityCases))]
    public void CanEditCity_follows_role_and_scope(string who, int networkId, int cityId, bool expected) =>
        Assert.Equal(expected, Of(who).CanEditCity(networkId, cityId));

    [Theory]
    [InlineData("anonymous", RoundStatus.Published, true)]
    [InlineData("anonymous", RoundStatus.Open, false)]
    [InlineData("anonymous", RoundStatus.Closed, false)]
    [InlineData("coord-a", RoundStatus.Open, true)]
    [InlineData("admin", RoundStatus.Closed, true)]
    public void CanReadRound_of_city_A_needs_publication_or_a_role(string who, RoundStatus status, bool expected) =>
        Assert.Equal(expected, Of(who).CanReadRound(1, 10, status));

    [Fact]
    public void Coordinator_of_A_cannot_read_an_open_round_of_B() =>
        Assert.False(CoordinatorOfA.CanReadRound(1, 11, RoundStatus.Open));

    [Fact]
    public void Respondent_may_answer_for_their_organisation_only()
    {
        var respondent = Grants.ForRespondent(roundId: 5, organisationId: 50);

        Assert.True(respondent.CanAnswerFor(1, 10, 5, 50));
        Assert.False(respondent.CanAnswerFor(1, 10, 5, 51));
        Assert.False(respondent.CanAnswerFor(1, 10, 6, 50));
        Assert.False(respondent.CanEditCity(1, 10));
    }

    /// <summary>Roles within reach: who may give them, and so see and take over the accounts that hold them.</summary>
    public static TheoryData<string, AccountRole, int?, bool> ReachCases => new()
    {
        { "admin", AccountRole.CityCoordinator, 1, true },
        { "admin", AccountRole.NetworkAdministrator, 1, true },
        { "admin", AccountRole.CityCoordinator, 2, false },
        { "admin", AccountRole.NetworkAdministrator, null, false },
        { "root", AccountRole.NetworkAdministrator, null, true },
        { "root", AccountRole.CityCoordinator, 2, true },
        { "coord-a", AccountRole.CityCoordinator, 1, false },
        { "anonymous", AccountRole.CityCoordinator, 1, false },
    };

    [Theory]
    [MemberData(nameof(ReachCases))]
    public void A_role_is_within_reach_of_its_networks_administrators_only(string who, AccountRole role, int? networkId, bool expected) =>
        Assert.Equal(expected, Of(who).HoldsWithinReach(role, networkId));

    [Fact]
    public void An_account_with_a_role_elsewhere_is_seen_but_not_taken_over()
    {
        bool[] mixed = [true, false];
        Assert.True(AdminOfNetwork1.CanSeePerson(mixed));
        Assert.False(AdminOfNetwork1.CanTakeOverAccount(mixed));
        Assert.True(AdminOfNetwork1.CanTakeOverAccount([true]));
        Assert.False(AdminOfNetwork1.CanSeePerson([false]));
        Assert.False(AdminOfNetwork1.CanTakeOverAccount([]));
        Assert.True(Everything.CanTakeOverAccount(mixed));
    }

    [Fact]
    public void The_audit_trail_is_read_by_administrators_their_networks_only_unless_of_every_network()
    {
        Assert.Equal([1], AdminOfNetwork1.AuditTrailNetworks!);
        Assert.Null(Everything.AuditTrailNetworks);
        Assert.True(Everything.CanReadAuditTrail && AdminOfNetwork1.CanReadAuditTrail);
        Assert.False(CoordinatorOfA.CanReadAuditTrail || Grants.Anonymous.CanReadAuditTrail);
    }

    [Fact]
    public void A_coordinator_reads_their_citys_network_and_nothing_else_unpublished()
    {
        var coordinator = CoordinatorOfA with { NetworksOfCoordinatedCities = new HashSet<int> { 1 } };
        Assert.True(coordinator.CanReadNetwork(1, hasPublishedRound: false));
        Assert.False(coordinator.CanReadNetwork(2, hasPublishedRound: false));
        Assert.True(coordinator.CanReadNetwork(2, hasPublishedRound: true));
        Assert.False(coordinator.CanReadCity(1, 11, hasPublishedRound: false));
        Assert.True(coordinator.CanReadCity(1, 11, hasPublishedRound: true));
    }

    [Fact]
    public void Only_an_administrator_of_every_network_creates_networks()
    {
        Assert.True(Everything.CanCreateNetworks);
        Assert.False(AdminOfNetwork1.CanCreateNetworks);
        Assert.False(CoordinatorOfA.CanCreateNetworks);
    }

    [Fact]
    public async Task Grants_load_through_contexts_of_different_models_in_one_process()
    {
        // The CLI and the web app (and the tests) build their contexts differently, hence different EF models;
        // the compiled grants query must serve both.
        await using var database = await TestDatabase.CreateAsync();
        var userId = await TestAccounts.CreateAsync(database, "ada@example.org", TestRole.AdministratorOfEveryNetwork);
        var services = new ServiceCollection().AddLogging();
        services.AddMegaBenchDatabase(database.Options);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var injected = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        await using var plain = database.NewContext();

        var first = await Grants.LoadAsync(injected, userId, TestContext.Current.CancellationToken);
        var second = await Grants.LoadAsync(plain, userId, TestContext.Current.CancellationToken);

        Assert.NotSame(injected.Model, plain.Model);
        Assert.True(first.AdministersAllNetworks);
        Assert.True(second.AdministersAllNetworks);
    }
}
