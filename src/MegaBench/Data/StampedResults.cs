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
    public static async Task<T> GetOrComputeAsync<TState, T>(
        MegaBenchDbContext db, string key, TState state, Func<TState, CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(compute);
        return db.ResultCache is { } cache
            ? await cache.GetOrCreateAsync(
                key,
                (State: state, Compute: compute),
                static (s, token) => new ValueTask<T>(s.Compute(s.State, token)),
                Entry,
                cancellationToken: cancellationToken)
            : await compute(state, cancellationToken);
    }
}
