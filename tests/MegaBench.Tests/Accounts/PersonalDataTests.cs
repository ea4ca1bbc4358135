using System.Text;
using MegaBench.Accounts;
using MegaBench.Audit;
using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Accounts;

public sealed class PersonalDataTests
{
    [Fact]
    public async Task Erasure_removes_the_email_and_pseudonymises_the_audit_trail()
    {
        await using var database = await TestDatabase.CreateAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddMegaBenchDatabase(database.Options);
        AccountSetup.AddAccountsCore(services);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var user = (await scope.ServiceProvider.GetRequiredService<AccountSetup>()
            .CreateAdministratorAsync("ada@example.org", "correct horse battery", "Ada Lovelace", ct)).User!;
        db.ActorProvider = () => new AuditActor(user.Id, "Ada Lovelace");
        db.Networks.Add(new Network { Name = "=cmd|' /C calc'!A0" });
        await db.SaveChangesAsync(ct);

        var export = await PersonalData.ExportAsync(db, user.Id, ct);
        Assert.Contains("ada@example.org", export, StringComparison.Ordinal);

        var pseudonym = await PersonalData.EraseAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), user.Id, ct);

        await using var read = database.NewContext();
        var erased = await read.Users.SingleAsync(u => u.Id == user.Id, ct);
        // The address, not three letters a random pseudonym may hold (a GUID with "ada7" in it failed this once).
        Assert.DoesNotContain("ada@example.org", erased.Email, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("@erased.invalid", erased.Email, StringComparison.Ordinal);
        Assert.Null(erased.PasswordHash);
        Assert.NotNull(erased.ErasedAt);
        var trail = await read.AuditEntries.Where(e => e.ActorId == user.Id).ToListAsync(ct);
        Assert.NotEmpty(trail);
        Assert.All(trail, e => Assert.Equal(pseudonym, e.ActorName));

        using var csv = new MemoryStream();
        await AuditTrail.WriteCsvAsync(read, csv, roundIds: null, ct);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.DoesNotContain("Ada Lovelace", text, StringComparison.Ordinal);
        Assert.Contains(pseudonym, text, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=", text, StringComparison.Ordinal); // no cell starts a formula
        Assert.StartsWith(string.Join(",", AuditTrail.CsvHeader), text, StringComparison.Ordinal);
    }
}
