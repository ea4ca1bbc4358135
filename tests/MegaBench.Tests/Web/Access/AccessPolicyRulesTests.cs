using MegaBench.Accounts;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Access;

namespace MegaBench.Tests.Web.Access;

/// <summary>The policy's decisions as pure logic: network 1 holds cities 10 and 11; network 2 holds city 20.</summary>
[Trait(TestCategory.Name, TestCategory.Unit)]
public sealed class AccessPolicyRulesTests
{
    private static readonly AccessScope OpenRoundOf10 = new(1, 10, 100, null, RoundStatus.Open, false);
    private static readonly AccessScope OrganisationOfOpenRound = OpenRoundOf10 with { OrganisationId = 1000 };

    private static AccessPolicy Coordinator(int city, int network) =>
        new(new Grants("u", new HashSet<int>(), new HashSet<int> { city }), new HashSet<int> { network });

    [Fact]
    public void A_respondent_link_reads_and_answers_its_organisation_only()
    {
        var policy = new AccessPolicy(Grants.ForRespondent(100, 1000), new HashSet<int>());

        Assert.True(policy.CanRead(OrganisationOfOpenRound));
        Assert.True(policy.CanAnswer(OrganisationOfOpenRound));
        Assert.False(policy.CanAnswer(OrganisationOfOpenRound with { OrganisationId = 1001 }));
        Assert.False(policy.CanRead(OpenRoundOf10));
        Assert.False(policy.CanEdit(OrganisationOfOpenRound));
    }

    [Fact]
    public void A_coordinator_sees_the_network_of_their_city_but_not_its_other_unpublished_cities()
    {
        var policy = Coordinator(10, 1);

        Assert.True(policy.CanRead(new AccessScope(1)));
        Assert.True(policy.CanRead(new AccessScope(1, 10)));
        Assert.False(policy.CanRead(new AccessScope(1, 11)));
        Assert.True(policy.CanRead(new AccessScope(1, 11, HasPublishedRound: true)));
        Assert.False(policy.CanRead(new AccessScope(2)));
        Assert.True(policy.CanEdit(OpenRoundOf10));
        Assert.False(policy.CanEdit(new AccessScope(1)));
        Assert.False(policy.CanManagePeople);
    }

    [Fact]
    public void Readers_see_published_rounds_and_change_nothing()
    {
        var policy = new AccessPolicy();
        var published = OpenRoundOf10 with { Status = RoundStatus.Published, HasPublishedRound = true };

        Assert.True(policy.CanRead(published));
        Assert.False(policy.CanRead(OpenRoundOf10));
        Assert.False(policy.CanRead(OpenRoundOf10 with { Status = RoundStatus.Closed }));
        Assert.False(policy.CanEdit(published));
        Assert.True(policy.CanRead(AccessScope.Public));
        Assert.False(policy.CanEdit(AccessScope.Public));
    }

    [Fact]
    public void A_round_scope_without_its_status_is_refused()
    {
        var administrator = new AccessPolicy(new Grants("u", new HashSet<int>(), new HashSet<int>(), AdministersAllNetworks: true), new HashSet<int>());

        Assert.False(administrator.CanRead(new AccessScope(1, 10, 100)));
        Assert.True(administrator.CanRead(OpenRoundOf10));
        Assert.True(administrator.CanCreateNetworks);
    }
}
