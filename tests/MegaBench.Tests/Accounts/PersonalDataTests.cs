using System.Text;
using MegaBench.Accounts;
using MegaBench.Answers;
using MegaBench.Audit;
using MegaBench.Data;
using MegaBench.Networks;
using MegaBench.Questionnaires;
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
        await using var provider = Accounts(database);
        await using var scope = provider.CreateAsyncScope();
        var ct = TestContext.Current.CancellationToken;
        var (db, user) = await SignedInAsync(scope, "ada@example.org", "Ada Lovelace");
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

    [Fact]
    public async Task Erasure_reaches_every_copy_of_the_name_on_answers_organisations_links_and_in_the_audit_values()
    {
        await using var database = await TestDatabase.CreateAsync();
        var round = await new RoundBuilder()
            .WithOrganisation("Hub", "AAA", null, new AnswerSpec("AAA-1.01", AnswerValue.Yes))
            .WithOrganisation("Desk", "AAA")
            .BuildAsync(database);
        await using var provider = Accounts(database);
        await using var scope = provider.CreateAsyncScope();
        var (db, user) = await SignedInAsync(scope, "coord@example.org", "Coord A");

        // What the coordinator's pages record: the name on the answer and the organisation, the e-mail address where
        // an account had no name, the link's creator; and a note that merely mentions the name, which must stay.
        var hub = await db.Organisations.Include(o => o.Answers).SingleAsync(o => o.Id == round.Organisations["Hub"], Ct);
        hub.Answers.Single().UpdatedBy = "Coord A";
        hub.Answers.Single().Comment = "Checked.";
        hub.SubmittedBy = "coord@example.org";
        hub.ValidatedBy = "Coord A";
        db.Invitations.Add(new Invitation { OrganisationId = hub.Id, TokenHash = "hash", CreatedAt = db.Clock.GetUtcNow(), ExpiresAt = db.Clock.GetUtcNow().AddDays(30), CreatedBy = "Coord A" });
        var desk = await db.Organisations.SingleAsync(o => o.Id == round.Organisations["Desk"], Ct);
        desk.Notes = "Coord A called them.";
        await db.SaveChangesAsync(Ct);

        var pseudonym = await PersonalData.EraseAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), user.Id, Ct);

        await using var read = database.NewContext();
        Assert.Equal(pseudonym, (await read.Answers.SingleAsync(a => a.OrganisationId == hub.Id, Ct)).UpdatedBy);
        var organisation = await read.Organisations.SingleAsync(o => o.Id == hub.Id, Ct);
        Assert.Equal(pseudonym, organisation.SubmittedBy);
        Assert.Equal(pseudonym, organisation.ValidatedBy);
        Assert.Equal(pseudonym, (await read.Invitations.SingleAsync(Ct)).CreatedBy);
        var values = await read.AuditEntries.Select(e => (e.Before ?? "") + (e.After ?? "")).ToListAsync(Ct);
        Assert.All(values, v =>
        {
            Assert.DoesNotContain("\"Coord A\"", v, StringComparison.Ordinal);
            Assert.DoesNotContain("coord@example.org", v, StringComparison.Ordinal);
        });
        Assert.Contains(values, v => v.Contains(pseudonym, StringComparison.Ordinal));
        Assert.Contains(values, v => v.Contains("Coord A called them.", StringComparison.Ordinal));
        Assert.Equal("Coord A called them.", (await read.Organisations.SingleAsync(o => o.Id == desk.Id, Ct)).Notes);
    }

    /// <summary>The library's accounts on <paramref name="database"/>, as the app and the CLI wire them.</summary>
    private static ServiceProvider Accounts(TestDatabase database)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMegaBenchDatabase(database.Options);
        AccountSetup.AddAccountsCore(services);
        return services.BuildServiceProvider();
    }

    /// <summary>An administrator account, and a context whose changes the audit trail records as theirs.</summary>
    private static async Task<(MegaBenchDbContext Db, AppUser User)> SignedInAsync(AsyncServiceScope scope, string email, string name)
    {
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        var user = (await scope.ServiceProvider.GetRequiredService<AccountSetup>()
            .CreateAdministratorAsync(email, "correct horse battery", name, Ct)).User!;
        db.ActorProvider = () => new AuditActor(user.Id, name);
        return (db, user);
    }
}
