using System.Security.Cryptography;
using System.Text;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace MegaBench.Tests.Web.Security;

/// <summary>
/// The app's data protection remembers what it opened (the session and antiforgery cookies of every request) without
/// bending a rule of data protection. That a remembered session cookie of a signed-out account is still refused is
/// <c>AccountPagesTests.Signing_out_ends_the_session_for_an_old_copy_of_the_cookie_too</c>'s case, which runs through it.
/// </summary>
public sealed class RememberedUnprotectTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("session of Coord A");

    [Fact]
    public void A_payload_opened_once_is_opened_again_without_the_key_ring()
    {
        var (remembered, inner, _) = Create();
        var payload = remembered.CreateProtector("cookie").Protect(Secret);

        Assert.Equal(Secret, remembered.CreateProtector("cookie").Unprotect(payload));
        Assert.Equal(Secret, remembered.CreateProtector("cookie").Unprotect(payload));

        Assert.Equal(1, inner.Unprotects);
    }

    [Fact]
    public void A_payload_opened_for_one_purpose_stays_unreadable_for_another()
    {
        var (remembered, _, _) = Create();
        var payload = remembered.CreateProtector("antiforgery").Protect(Secret);
        Assert.Equal(Secret, remembered.CreateProtector("antiforgery").Unprotect(payload));

        Assert.ThrowsAny<CryptographicException>(() => remembered.CreateProtector("cookie").Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => remembered.CreateProtector("antiforgery").CreateProtector("v2").Unprotect(payload));
        // Purpose chains that would read the same if joined without a separator stay apart.
        Assert.ThrowsAny<CryptographicException>(() => remembered.CreateProtector("anti").CreateProtector("forgery").Unprotect(payload));
    }

    [Fact]
    public void A_tampered_payload_fails_every_time_and_is_never_remembered()
    {
        var (remembered, inner, _) = Create();
        var payload = remembered.CreateProtector("cookie").Protect(Secret);
        payload[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => remembered.CreateProtector("cookie").Unprotect(payload));
        Assert.ThrowsAny<CryptographicException>(() => remembered.CreateProtector("cookie").Unprotect(payload));

        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void Each_caller_gets_its_own_copy_of_the_plain_bytes()
    {
        var (remembered, _, _) = Create();
        var protector = remembered.CreateProtector("cookie");
        var payload = protector.Protect(Secret);

        protector.Unprotect(payload)[0] ^= 0xFF;

        Assert.Equal(Secret, protector.Unprotect(payload));
    }

    [Fact]
    public void An_opened_payload_is_forgotten_after_a_minute()
    {
        var (remembered, inner, clock) = Create();
        var protector = remembered.CreateProtector("cookie");
        var payload = protector.Protect(Secret);
        protector.Unprotect(payload);

        clock.Advance(RememberedUnprotect.Kept - TimeSpan.FromSeconds(1));
        protector.Unprotect(payload);
        Assert.Equal(1, inner.Unprotects);

        clock.Advance(TimeSpan.FromSeconds(2));
        protector.Unprotect(payload);
        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public async Task The_app_protects_its_cookies_through_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);

        Assert.IsType<RememberedUnprotect>(factory.Services.GetRequiredService<IDataProtectionProvider>());
    }

    private static (RememberedUnprotect Remembered, CountingProvider Inner, FakeTimeProvider Clock) Create()
    {
        var clock = new FakeTimeProvider();
        var inner = new CountingProvider(new EphemeralDataProtectionProvider());
        return (new RememberedUnprotect(inner, clock), inner, clock);
    }

    /// <summary>Counts the openings that reach the key ring.</summary>
    private sealed class CountingProvider(IDataProtectionProvider inner) : IDataProtectionProvider
    {
        public int Unprotects { get; private set; }

        public IDataProtector CreateProtector(string purpose) => new Counting(this, inner.CreateProtector(purpose));

        private sealed class Counting(CountingProvider owner, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Counting(owner, inner.CreateProtector(purpose));

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                owner.Unprotects++;
                return inner.Unprotect(protectedData);
            }
        }
    }
}
