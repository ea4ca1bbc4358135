using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Frameworks;
using MegaBench.Networks;
using MegaBench.Rounds;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Tests.Audit;

public sealed class AuditTrailTests
{
    private static async Task<(int OrganisationId, int AnswerId)> SeedAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        var stored = await FrameworkStore.RegisterAsync(db, new FrameworkBuilder().Build(), cancellationToken: TestContext.Current.CancellationToken);
        var city = new City { Name = "Port Alder", Country = "Freedonia", Network = new Network { Name = "Test network" } };
        var round = new Round { City = city, Year = 2018, StoredFrameworkId = stored.Id, CreatedAt = DateTimeOffset.UnixEpoch };
        var organisation = new Organisation { Name = "Alder City Hall", GroupCode = "AAA", Round = round };
        var answer = new Answer { Organisation = organisation, IndicatorCode = "AAA-1.01", Value = AnswerValue.No };
        db.Add(answer);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (organisation.Id, answer.Id);
    }

    [Fact]
    public async Task Changing_an_answer_records_actor_before_and_after()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, answerId) = await SeedAsync(database);

        await using (var db = database.NewContext())
        {
            db.ActorProvider = () => new AuditActor("user-1", "Ada Coordinator");
            var answer = await db.Answers.SingleAsync(a => a.Id == answerId, TestContext.Current.CancellationToken);
            answer.Value = AnswerValue.Yes;
            answer.Comment = "Only when resources are available";
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = database.NewContext();
        var entry = await read.AuditEntries.SingleAsync(
            e => e.EntityType == nameof(Answer) && e.EntityId == answerId.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Action == AuditAction.Updated,
            TestContext.Current.CancellationToken);
        Assert.Equal("Ada Coordinator", entry.ActorName);
        Assert.Equal("user-1", entry.ActorId);
        Assert.Contains("\"Value\":\"No\"", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"Value\":\"Yes\"", entry.After, StringComparison.Ordinal);
        Assert.Contains("Only when resources are available", entry.After, StringComparison.Ordinal);
        Assert.NotNull(entry.RoundId);
    }

    [Fact]
    public async Task Creating_objects_records_them_with_their_new_keys()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (organisationId, answerId) = await SeedAsync(database);

        await using var read = database.NewContext();
        var created = await read.AuditEntries.Where(e => e.Action == AuditAction.Created).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains(created, e => e.EntityType == nameof(Organisation) && e.EntityId == organisationId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(created, e => e.EntityType == nameof(Answer) && e.EntityId == answerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.All(created, e => Assert.Equal("system", e.ActorName));
    }

    [Fact]
    public async Task A_failed_save_leaves_neither_the_change_nor_its_audit_record()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (organisationId, _) = await SeedAsync(database);
        int auditCountBefore;
        await using (var db = database.NewContext())
        {
            auditCountBefore = await db.AuditEntries.CountAsync(TestContext.Current.CancellationToken);
            db.Answers.Add(new Answer { OrganisationId = organisationId, IndicatorCode = "AAA-1.02", Value = AnswerValue.Yes });
            db.Answers.Add(new Answer { OrganisationId = organisationId, IndicatorCode = "AAA-1.01", Value = AnswerValue.Yes }); // duplicate
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
        }

        await using var read = database.NewContext();
        Assert.Equal(auditCountBefore, await read.AuditEntries.CountAsync(TestContext.Current.CancellationToken));
        Assert.False(await read.Answers.AnyAsync(a => a.IndicatorCode == "AAA-1.02", TestContext.Current.CancellationToken));
    }
}
