using MegaBench.Data;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Questionnaires;

/// <summary>One open round with two organisations (groups AAA and BBB) of the test framework, ready for questionnaires.</summary>
internal sealed record QuestionnaireSeed(int NetworkId, int CityId, int RoundId, int OrganisationId, int OtherOrganisationId)
{
    public static async Task<QuestionnaireSeed> SaveAsync(MegaBenchDbContext db, Framework? framework = null)
    {
        var stored = await FrameworkStore.RegisterAsync(db, framework ?? new FrameworkBuilder().Build(), cancellationToken: TestContext.Current.CancellationToken);
        var city = new City { Name = "Port Alder", Country = "Freedonia", Network = new Network { Name = "Test network" } };
        var round = new Round { City = city, Year = 2018, StoredFrameworkId = stored.Id, Status = RoundStatus.Open, CreatedAt = DateTimeOffset.UnixEpoch };
        var organisation = new Organisation { Name = "Alder City Hall", GroupCode = "AAA", Round = round };
        var other = new Organisation { Name = "Alder Chamber", GroupCode = "BBB", Round = round, Position = 1 };
        db.AddRange(organisation, other);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return new QuestionnaireSeed(city.NetworkId, city.Id, round.Id, organisation.Id, other.Id);
    }
}
