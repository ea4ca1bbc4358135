using System.Globalization;
using MegaBench.Data;
using MegaBench.Web.Access;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.OutputCaching;

namespace MegaBench.Web.Reports;

/// <summary>
/// Whole pages of published data served to anonymous readers from ASP.NET Core's output cache, keyed on the change
/// stamp of what they show, read from the database on every request: a round's (the sheet), a round's and its
/// network's (the profile, which compares the round with its network), or a network's (the overview and the
/// matching, which read the network's published rounds). A change through any instance gives every instance another
/// key at its next request.
/// </summary>
/// <remarks>
/// <para><b>Who.</b> Anonymous readers only: a signed-in reader's page carries their name, their menu and their
/// notices, so it is never served from here nor stored (their sheet is cached without the layout: the sheet page's
/// <c>cache</c> tag). A request with an <c>Authorization</c> header or a pending notice (the TempData cookie) is
/// not served from the cache either.</para>
/// <para><b>Access first.</b> Before the cache is even looked at, the round's network, city and status (or the
/// network's scope) are read with the stamps and <see cref="AccessPolicy.CanRead(AccessScope)"/> decides; what the
/// reader may not read goes to the page, which answers 404. Only 200 answers without cookies are stored, so no refusal and no one's cookie is kept.</para>
/// <para><b>Key.</b> The address (path and query), the stamps, and the request's interface language (chosen before
/// this runs: <c>?lang</c>, cookie, browser).</para>
/// </remarks>
public sealed class PageCache : IOutputCachePolicy
{
    /// <summary>The policy of pages that show one round only (the sheet): keyed on the round's stamp.</summary>
    public const string Round = "round";

    /// <summary>The policy of pages that compare the round with its network (the profile): keyed on both stamps.</summary>
    public const string RoundInNetwork = "round-in-network";

    /// <summary>The policy of a network's pages (the overview, the matching): keyed on the network's stamp.</summary>
    public const string Network = "network";

    private readonly string _keyedOn;

    private PageCache(string keyedOn) => _keyedOn = keyedOn;

    public static void Configure(OutputCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var policy in new[] { Round, RoundInNetwork, Network })
        {
            options.AddPolicy(policy, new PageCache(policy));
        }
    }

    async ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || http.User.Identity?.IsAuthenticated == true
            || request.Headers.Authorization.Count > 0
            || request.Cookies.ContainsKey(CookieTempDataProvider.CookieName)
            || !int.TryParse(http.GetRouteValue("id") as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || await ReadableStampAsync(http, id, cancellationToken) is not { } stamp)
        {
            return;
        }

        context.EnableOutputCaching = true;
        context.AllowCacheLookup = true;
        context.AllowCacheStorage = true;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["stamp"] = stamp;
        context.CacheVaryByRules.VaryByValues["lang"] = CultureInfo.CurrentUICulture.Name;
    }

    /// <summary>The stamp the page is keyed on, when the reader may read the page's round or network; else null.</summary>
    private async Task<string?> ReadableStampAsync(HttpContext http, int id, CancellationToken cancellationToken)
    {
        // On the stamp reader's own prepared connections: this request needs no context of its own.
        var access = http.RequestServices.GetRequiredService<AccessPolicy>();
        var reader = http.RequestServices.GetRequiredService<StampReader>();
        if (_keyedOn == Network)
        {
            // The network's scope as AccessScopes.Scopes builds it from the same two facts.
            return await reader.OfNetworkAsync(id, cancellationToken) is { } network
                && access.CanRead(new AccessScope(id, HasPublishedRound: network.HasPublishedRound))
                ? network.Network.ToString(CultureInfo.InvariantCulture)
                : null;
        }

        if (await reader.OfRoundAndNetworkAsync(id, cancellationToken) is not { } stamps
            || !access.CanRead(AccessScope.ForRound(stamps.NetworkId, stamps.CityId, id, stamps.Status)))
        {
            return null;
        }

        return _keyedOn == RoundInNetwork
            ? string.Create(CultureInfo.InvariantCulture, $"{stamps.Round}.{stamps.Network}")
            : stamps.Round.ToString(CultureInfo.InvariantCulture);
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
