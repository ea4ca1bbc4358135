using System.Collections.Concurrent;
using MegaBench.Data;
using Microsoft.EntityFrameworkCore;

namespace MegaBench.Frameworks;

/// <summary>
/// Stores framework versions in the database and reads them back. A stored version is immutable:
/// registering the same id and version with different content is refused.
/// </summary>
public static class FrameworkStore
{
    // Stored definitions never change (the hash is their identity), so the parsed form is cached by hash.
    private static readonly ConcurrentDictionary<string, Framework> Parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// Stores <paramref name="framework"/> unless the same version is already stored; returns the stored row.
    /// </summary>
    /// <exception cref="FrameworkVersionConflictException">The version is stored with other content.</exception>
    public static async Task<StoredFramework> RegisterAsync(MegaBenchDbContext db, Framework framework, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(framework);
        var json = FrameworkJson.Serialize(framework);
        var hash = FrameworkJson.ComputeHash(json);

        var existing = await db.Frameworks.SingleOrDefaultAsync(
            f => f.FrameworkId == framework.Id && f.Version == framework.Version, cancellationToken);
        if (existing is not null)
        {
            return existing.ContentHash == hash
                ? existing
                : throw new FrameworkVersionConflictException(framework.Id, framework.Version);
        }

        var stored = new StoredFramework
        {
            FrameworkId = framework.Id,
            Version = framework.Version,
            ContentHash = hash,
            Definition = json,
            StoredAt = (clock ?? TimeProvider.System).GetUtcNow(),
        };
        db.Frameworks.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        Parsed.TryAdd(hash, framework);
        return stored;
    }

    /// <summary>The framework a stored row holds.</summary>
    public static Framework Read(StoredFramework stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Parsed.GetOrAdd(stored.ContentHash, _ => FrameworkJson.Deserialize(stored.Definition));
    }

    /// <summary>
    /// The framework of a stored row known by its id and hash, without reading its definition when it was
    /// parsed before: the questionnaire's autosave checks a statement code on every save.
    /// </summary>
    public static Task<Framework> ReadAsync(MegaBenchDbContext db, int storedFrameworkId, string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return ReadAsync(() => db, storedFrameworkId, contentHash, cancellationToken);
    }

    /// <summary>As the other overload, for a caller that makes its context (<paramref name="db"/>) only when the framework must be read.</summary>
    public static async Task<Framework> ReadAsync(Func<MegaBenchDbContext> db, int storedFrameworkId, string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Parsed.TryGetValue(contentHash, out var framework))
        {
            return framework;
        }

        var stored = await db().Frameworks.AsNoTracking().SingleAsync(f => f.Id == storedFrameworkId, cancellationToken);
        return Read(stored);
    }

    /// <summary>The newest stored version of a framework id (by storage order), or null.</summary>
    public static Task<StoredFramework?> FindLatestAsync(MegaBenchDbContext db, string frameworkId, CancellationToken cancellationToken = default) =>
        db.Frameworks.Where(f => f.FrameworkId == frameworkId).OrderByDescending(f => f.Id).FirstOrDefaultAsync(cancellationToken);
}

public sealed class FrameworkVersionConflictException(string id, string version)
    : Exception($"Framework '{id}' version '{version}' is already stored with different content. " +
                "A stored version never changes, so that answers keep their meaning: give the edited file a new version number.")
{
    public string FrameworkId { get; } = id;

    public string Version { get; } = version;
}
