using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace MegaBench.Web.Security;

/// <summary>
/// The data protection provider of the app, which remembers for a minute what it has opened: the session cookie and
/// the antiforgery cookie come back unchanged with every request of a browser, and each opening costs a key
/// derivation, a MAC and a decryption (about a tenth of a signed-in page's or an autosave's CPU, bench/README.md item 12).
/// </summary>
/// <remarks>
/// What it keeps the rules of data protection whole:
/// <list type="bullet">
/// <item>A payload is remembered per purpose chain: one opened for the antiforgery tokens is never given to the
/// session cookie, which still finds it unreadable.</item>
/// <item>Only a successful opening is remembered, under the payload's exact bytes; a forged or tampered payload goes to
/// the key ring every time and fails there.</item>
/// <item>Each caller gets its own copy of the plain bytes.</item>
/// <item>Nothing is remembered longer than <see cref="Kept"/>. The key ring itself is refreshed only every 24 hours
/// (<c>KeyManagementOptions</c>), so a revoked key stops opening payloads here no later than it otherwise would on
/// another instance.</item>
/// <item>What a payload says (a session's expiry, its security stamp, a token's user) is checked by its reader after
/// opening, as before: a remembered session cookie of a signed-out account is refused by <c>SessionValidator</c>.</item>
/// </list>
/// Protecting is never remembered: every new payload is fresh.
/// </remarks>
public sealed class RememberedUnprotect : IDataProtectionProvider, IDisposable
{
    /// <summary>How long an opened payload is remembered.</summary>
    public static readonly TimeSpan Kept = TimeSpan.FromMinutes(1);

    /// <summary>The memory the remembered payloads may take, counted as their characters and bytes.</summary>
    private const long MemoryLimit = 16 * 1024 * 1024;

    private readonly IDataProtectionProvider _inner;
    private readonly MemoryCache _opened;

    public RememberedUnprotect(IDataProtectionProvider inner, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(clock);
        _inner = inner;
        _opened = new MemoryCache(new MemoryCacheOptions { SizeLimit = MemoryLimit, Clock = new CacheClock(clock) });
    }

    /// <summary>Puts this provider in front of the one <c>AddDataProtection</c> registered.</summary>
    public static void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
        services.Remove(registered);
        services.AddSingleton<IDataProtectionProvider>(provider => new RememberedUnprotect(
            (IDataProtectionProvider)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            provider.GetService<TimeProvider>() ?? TimeProvider.System));
    }

    public IDataProtector CreateProtector(string purpose) => new Protector(this, _inner.CreateProtector(purpose), Chain(string.Empty, purpose));

    public void Dispose() => _opened.Dispose();

    private sealed class Protector(RememberedUnprotect owner, IDataProtector inner, string purposes) : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) =>
            new Protector(owner, inner.CreateProtector(purpose), Chain(purposes, purpose));

        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            ArgumentNullException.ThrowIfNull(protectedData);
            var key = purposes + "|" + Convert.ToBase64String(protectedData);
            if (!owner._opened.TryGetValue(key, out byte[]? plain) || plain is null)
            {
                plain = inner.Unprotect(protectedData);
                owner._opened.Set(key, plain, new MemoryCacheEntryOptions
                {
                    AbsoluteExpirationRelativeToNow = Kept,
                    Size = (key.Length * sizeof(char)) + plain.Length,
                });
            }

            return (byte[])plain.Clone();
        }
    }

    /// <summary>A purpose chain as a key: each purpose after its length, so that no two chains read the same.</summary>
    private static string Chain(string purposes, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        return purposes + purpose.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + purpose;
    }

    /// <summary>The app's clock, so that tests can move past <see cref="Kept"/>.</summary>
    private sealed class CacheClock(TimeProvider clock) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => clock.GetUtcNow();
    }
}
