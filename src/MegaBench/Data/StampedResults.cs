using Microsoft.Extensions.Caching.Hybrid;

namespace MegaBench.Data;

/// <summary>
/// The one way a result computed from stored data is kept under the change stamp it was computed at
/// (<see cref="ChangeStamps"/>): in <see cref="MegaBenchDbContext.ResultCache"/> when the app's container set it, else
/// computed every time (the command line, tests without the app). The caller builds the key from the stamps it read,
/// after deciding access with them.
/// </summary>
public static class StampedResults
{
    /// <summary>
    /// Kept at most this long, in this process's memory only: shared object graphs of immutable types, never serialised
    /// (<see cref="InProcessOnly{T}"/>). A change makes an entry unreachable sooner: a new stamp, a new key.
    /// </summary>
    private static readonly HybridCacheEntryOptions Entry = new()
    {
        Expiration = TimeSpan.FromMinutes(10),
        LocalCacheExpiration = TimeSpan.FromMinutes(10),
        Flags = HybridCacheEntryFlags.DisableDistributedCache,
    };

    /// <summary>The result kept under <paramref name="key"/>, computed by <paramref name="compute"/> when there is none.</summary>
    /// <remarks>
    /// <para><paramref name="compute"/> reads through the context it is given: a context of its own
    /// (<see cref="MegaBenchDbContext.NewReader"/>, with the same result cache), not the caller's. Another request may
    /// be waiting for the same entry when the first caller's request ends, and its pooled context goes back to the pool
    /// (<c>AddMegaBenchDatabase</c>) while the computation still runs.</para>
    /// <para>Inside a transaction nothing is kept: the result is computed on the caller's context, which sees what the
    /// transaction changed, under a stamp the transaction may yet roll back, and so later give to another change.</para>
    /// </remarks>
    public static async Task<T> GetOrComputeAsync<TState, T>(
        MegaBenchDbContext db, string key, TState state, Func<MegaBenchDbContext, TState, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        if (db.ResultCache is not { } cache || db.Database.CurrentTransaction is not null)
        {
            return await compute(db, state, cancellationToken);
        }

        return await cache.GetOrCreateAsync(
            key,
            (State: state, Compute: compute, NewContext: (Func<MegaBenchDbContext>)db.NewReader, Cache: cache),
            static async (s, token) =>
            {
                await using var own = s.NewContext();
                own.ResultCache = s.Cache;
                return await s.Compute(own, s.State, token);
            },
            Entry,
            cancellationToken: cancellationToken);
    }
}
