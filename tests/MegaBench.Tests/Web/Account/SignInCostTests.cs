using MegaBench.Accounts;
using MegaBench.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Account;

/// <summary>
/// Signing in with an address that has no account does the same work as a wrong password for an existing account, so
/// that the answer's time does not tell which addresses have accounts (issue 15, hardening finding 3). Counted, not
/// timed: the expensive step is the password hash check, and both paths must make exactly one.
/// </summary>
public sealed class SignInCostTests
{
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => _verifications;

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Theory]
    [InlineData("nobody@example.org")]
    [InlineData("known@example.org")]
    public async Task A_failed_sign_in_checks_one_password_hash_whether_or_not_the_account_exists(string email)
    {
        await using var database = await TestDatabase.CreateAsync();
        await TestAccounts.CreateAsync(database, "known@example.org");
        var hasher = new CountingHasher();
        await using var factory = new MegaBenchAppFactory(database);
        await using var counted = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher)));
        var client = counted.CreateClient(new() { AllowAutoRedirect = false });

        var page = await client.SubmitFormAsync("/account/signin", new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = "not the password" });

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(1, hasher.Verifications);
    }
}
