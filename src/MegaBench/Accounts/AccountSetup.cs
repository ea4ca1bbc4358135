using MegaBench.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Accounts;

/// <summary>
/// Creates the first administrator without any default password: on a database with no account, the app
/// issues a one-time setup code (printed to its console) that the <c>/setup</c> page accepts once; the
/// command line (<c>megabench admin create</c>), which already holds the database, needs no code.
/// </summary>
public sealed class AccountSetup(MegaBenchDbContext db, UserManager<AppUser> users)
{
    /// <summary>Identity settings shared by the app and the command line.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Length over composition rules (NIST SP 800-63B): a long passphrase is both stronger and easier to keep.
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    }

    /// <summary>Identity on the benchmark database, for hosts without ASP.NET (the command line, tests).</summary>
    public static IServiceCollection AddAccountsCore(IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(ConfigureIdentity).AddEntityFrameworkStores<MegaBenchDbContext>();
        services.AddScoped<AccountSetup>();
        return services;
    }

    public Task<bool> HasAnyAccountAsync(CancellationToken cancellationToken = default) => db.Users.AnyAsync(cancellationToken);

    /// <summary>
    /// When no account exists, stores a new one-time code and returns it (to be printed once); otherwise null.
    /// Codes are kept as hashes in the database, so any app instance accepts a code another one printed.
    /// </summary>
    public async Task<string?> IssueSetupCodeAsync(CancellationToken cancellationToken = default)
    {
        if (await HasAnyAccountAsync(cancellationToken))
        {
            return null;
        }

        var code = Secrets.Create(bytes: 16);
        db.SetupCodes.Add(new SetupCode { CodeHash = Secrets.Hash(code), CreatedAt = db.Clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        return code;
    }

    /// <summary>
    /// Creates the first administrator with a setup code. Fails, changing nothing, when an account already
    /// exists, the code is unknown or used, or Identity rejects the e-mail or password.
    /// </summary>
    public async Task<SetupResult> CreateFirstAdministratorAsync(string code, string email, string password, string? displayName, CancellationToken cancellationToken = default)
    {
        if (await HasAnyAccountAsync(cancellationToken))
        {
            return SetupResult.Failed("Setup is already done: an account exists. Sign in instead.");
        }

        var hash = Secrets.Hash(code.Trim());
        var stored = await db.SetupCodes.SingleOrDefaultAsync(c => c.CodeHash == hash && c.UsedAt == null, cancellationToken);
        if (stored is null)
        {
            return SetupResult.Failed("This setup code is not valid. Use the code the app printed to its console at start-up.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await CreateAdministratorAsync(email, password, displayName, cancellationToken);
        if (!result.Succeeded)
        {
            return result;
        }

        stored.UsedAt = db.Clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Creates an administrator of every network (the command line's <c>admin create</c>).</summary>
    public async Task<SetupResult> CreateAdministratorAsync(string email, string password, string? displayName, CancellationToken cancellationToken = default)
    {
        var user = new AppUser
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = db.Clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return SetupResult.Failed([.. created.Errors.Select(e => e.Description)]);
        }

        db.RoleAssignments.Add(new RoleAssignment { UserId = user.Id, Role = AccountRole.NetworkAdministrator });
        await db.SaveChangesAsync(cancellationToken);
        return SetupResult.Success(user);
    }
}

public sealed record SetupResult(AppUser? User, IReadOnlyList<string> Errors)
{
    public bool Succeeded => User is not null;

    public static SetupResult Success(AppUser user) => new(user, []);

    public static SetupResult Failed(params string[] errors) => new(null, errors);
}
