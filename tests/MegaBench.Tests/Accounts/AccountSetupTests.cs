using MegaBench.Accounts;
using MegaBench.Data;
using MegaBench.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Accounts;

public sealed class AccountSetupTests
{
    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMegaBenchDatabase(database.Options);
        AccountSetup.AddAccountsCore(services);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task Setup_code_creates_the_first_administrator_once()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<AccountSetup>();
        var ct = TestContext.Current.CancellationToken;

        var code = await setup.IssueSetupCodeAsync(ct);
        Assert.NotNull(code);

        var first = await setup.CreateFirstAdministratorAsync(code, "admin@example.org", "correct horse battery", "Ada", ct);
        Assert.True(first.Succeeded, string.Join("; ", first.Errors));

        var second = await setup.CreateFirstAdministratorAsync(code, "other@example.org", "correct horse battery", null, ct);
        Assert.False(second.Succeeded);
        Assert.Null(await setup.IssueSetupCodeAsync(ct));

        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        var grants = await Grants.LoadAsync(db, first.User!.Id, ct);
        Assert.True(grants.AdministersAllNetworks);
        Assert.Equal(1, await db.Users.CountAsync(ct));
    }

    [Fact]
    public async Task Wrong_setup_code_or_weak_password_creates_nothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<AccountSetup>();
        var ct = TestContext.Current.CancellationToken;
        var code = await setup.IssueSetupCodeAsync(ct);

        var wrongCode = await setup.CreateFirstAdministratorAsync("not-the-code", "admin@example.org", "correct horse battery", null, ct);
        var weak = await setup.CreateFirstAdministratorAsync(code!, "admin@example.org", "short", null, ct);

        Assert.Contains("not valid", wrongCode.Errors[0], StringComparison.Ordinal);
        Assert.False(weak.Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        Assert.False(await db.Users.AnyAsync(ct));
        Assert.False(await db.RoleAssignments.AnyAsync(ct));
        Assert.True(await db.SetupCodes.AnyAsync(c => c.UsedAt == null, ct));
    }

    [Fact]
    public async Task Api_token_finds_its_owner_until_revoked_and_is_stored_only_as_a_hash()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = Services(database);
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<AccountSetup>();
        var db = scope.ServiceProvider.GetRequiredService<MegaBenchDbContext>();
        var ct = TestContext.Current.CancellationToken;
        var user = (await setup.CreateAdministratorAsync("admin@example.org", "correct horse battery", null, ct)).User!;

        var (token, secret) = await ApiTokens.CreateAsync(db, user.Id, "nightly export", expiresAt: null, ct);

        Assert.StartsWith(ApiTokens.Prefix, secret, StringComparison.Ordinal);
        Assert.DoesNotContain(await db.ApiTokens.Select(t => t.SecretHash).ToListAsync(ct), h => h.Contains(secret[ApiTokens.Prefix.Length..], StringComparison.Ordinal));
        Assert.Equal(user.Id, await ApiTokens.FindUserAsync(db, secret, ct));
        Assert.Null(await ApiTokens.FindUserAsync(db, secret + "x", ct));

        Assert.True(await ApiTokens.RevokeAsync(db, user.Id, token.Id, ct));
        Assert.Null(await ApiTokens.FindUserAsync(db, secret, ct));
    }
}
