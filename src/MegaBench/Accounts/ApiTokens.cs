using MegaBench.Data;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Accounts;

/// <summary>Creates, finds and revokes personal API tokens.</summary>
public static class ApiTokens
{
    /// <summary>Every token starts with this, so that a leaked one is easy to recognise in logs and scanners.</summary>
    public const string Prefix = "mbt_";

    /// <summary>Creates a token; returns the stored row and the secret, which is shown to the user once.</summary>
    public static async Task<(ApiToken Token, string Secret)> CreateAsync(
        MegaBenchDbContext db, string userId, string name, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var secret = Secrets.Create(Prefix);
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            Prefix = secret[..(Prefix.Length + 6)],
            SecretHash = Secrets.Hash(secret),
            CreatedAt = db.Clock.GetUtcNow(),
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return (token, secret);
    }

    /// <summary>The user id of a valid (known, not revoked, not expired, owner not erased) token, or null.</summary>
    public static async Task<string?> FindUserAsync(MegaBenchDbContext db, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Secrets.Hash(secret);
        var now = db.Clock.GetUtcNow();
        var token = await db.ApiTokens
            .Where(t => t.SecretHash == hash && t.RevokedAt == null && t.User!.ErasedAt == null)
            .Select(t => new { t.UserId, t.ExpiresAt })
            .SingleOrDefaultAsync(cancellationToken);
        return token is not null && (token.ExpiresAt is null || token.ExpiresAt > now) ? token.UserId : null;
    }

    /// <summary>Revokes one of the user's tokens; false when the user has no such token.</summary>
    public static async Task<bool> RevokeAsync(MegaBenchDbContext db, string userId, int tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= db.Clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
