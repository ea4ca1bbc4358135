using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MegaBench.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Accounts;

/// <summary>
/// A person's data, for their right of access and right to erasure. MegaBench's only personal data are
/// account and respondent contact details; answers are about organisations, never about persons.
/// </summary>
public static class PersonalData
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Everything held about an account, as JSON.</summary>
    public static async Task<string> ExportAsync(MegaBenchDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, cancellationToken);
        var assignments = await db.RoleAssignments.AsNoTracking().Where(a => a.UserId == userId)
            .Select(a => new { role = a.Role.ToString(), networkId = a.NetworkId, network = a.Network!.Name, cityId = a.CityId, city = a.City!.Name })
            .ToListAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .Select(t => new { t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt })
            .ToListAsync(cancellationToken);
        var changes = await db.AuditEntries.AsNoTracking().CountAsync(e => e.ActorId == userId, cancellationToken);
        return JsonSerializer.Serialize(
            new
            {
                account = new { user.Id, user.Email, user.DisplayName, user.CreatedAt, user.ErasedAt, user.LockoutEnd, user.AccessFailedCount },
                roles = assignments,
                apiTokens = tokens,
                recordedChanges = changes,
            },
            Json);
    }

    /// <summary>
    /// Erases an account's personal data: e-mail, name and password are replaced, tokens and roles removed,
    /// and the audit trail's actor name becomes a pseudonym. The rows stay, so the trail still tells that the
    /// same (now unnamed) person made those changes.
    /// </summary>
    public static async Task<string> EraseAsync(MegaBenchDbContext db, UserManager<AppUser> users, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(users);
        var user = await db.Users.SingleAsync(u => u.Id == userId, cancellationToken);
        var pseudonym = "erased person " + Secrets.Hash(user.Id)[..8];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.Email = user.UserName = $"{user.Id}@erased.invalid";
        user.NormalizedEmail = user.NormalizedUserName = user.Email.ToUpperInvariant();
        user.DisplayName = pseudonym;
        user.PasswordHash = null;
        user.PhoneNumber = null;
        user.ErasedAt = db.Clock.GetUtcNow();
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        await users.UpdateSecurityStampAsync(user);

        await db.ApiTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.RoleAssignments.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        await db.AuditEntries.Where(e => e.ActorId == userId).ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, pseudonym), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pseudonym.ToString(CultureInfo.InvariantCulture);
    }
}
