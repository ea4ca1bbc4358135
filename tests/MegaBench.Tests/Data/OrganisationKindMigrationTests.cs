using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MegaBench.Tests.Data;

/// <summary>
/// The <c>OrganisationKindCodes</c> migration, on the provider of the run: kinds stored as enum names before it
/// (<c>BusinessAssociation</c>) become the framework's codes (<c>business-association</c>), and back on the way down.
/// </summary>
public sealed class OrganisationKindMigrationTests
{
    [Fact]
    public async Task Stored_enum_names_become_the_kind_codes_and_back()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder().WithOrganisation("Alpha", "AAA").WithOrganisation("Beta", "BBB").BuildAsync(database);
        await using (var db = database.NewContext())
        {
            await db.Organisations.Where(o => o.Name == "Alpha").ExecuteUpdateAsync(s => s.SetProperty(o => o.Kind, "business-association"), ct);
            await db.Organisations.Where(o => o.Name == "Beta").ExecuteUpdateAsync(s => s.SetProperty(o => o.Kind, "city"), ct);
            var migrations = db.Database.GetMigrations().ToList();
            var ours = migrations.FindIndex(m => m.EndsWith("_OrganisationKindCodes", StringComparison.Ordinal));
            await db.GetService<IMigrator>().MigrateAsync(migrations[ours - 1], ct);
        }

        Assert.Equal(["BusinessAssociation", "City"], await KindsAsync(database, round.RoundId, ct));

        await using (var db = database.NewContext())
        {
            await db.Database.MigrateAsync(ct);
        }

        Assert.Equal(["business-association", "city"], await KindsAsync(database, round.RoundId, ct));
    }

    private static async Task<List<string>> KindsAsync(TestDatabase database, int roundId, CancellationToken ct)
    {
        await using var db = database.NewContext();
        return await db.Organisations.Where(o => o.RoundId == roundId && (o.Name == "Alpha" || o.Name == "Beta"))
            .OrderBy(o => o.Name).Select(o => o.Kind).ToListAsync(ct);
    }
}
