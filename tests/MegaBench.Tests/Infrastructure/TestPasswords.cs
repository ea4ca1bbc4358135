using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Infrastructure;

/// <summary>
/// The cost of the tests' password hashes, in the accounts <c>TestAccounts</c> makes and in the app under test
/// (<see cref="MegaBenchAppFactory"/>): one PBKDF2 iteration instead of Identity's 100,000, which cost about 60 ms of
/// CPU per hash, twice per signed-in test. The format and the checks are Identity's own; only the work factor differs.
/// </summary>
public static class TestPasswords
{
    public const int HashIterations = 1;

    /// <summary>Hashes passwords at the tests' cost in this service collection.</summary>
    public static IServiceCollection UseTestPasswordHashing(this IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = HashIterations);
}
