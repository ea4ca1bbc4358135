using MegaBench.Data;
using MegaBench.OpenData;
using Microsoft.Net.Http.Headers;

namespace MegaBench.Web.OpenData;

/// <summary>
/// The files of a network's open-data releases, for anyone: <c>/networks/{id}/open-data/{release}/{file}</c>, and
/// <c>/networks/{id}/open-data/latest/{file}</c>, which redirects to the newest release.
/// </summary>
/// <remarks>
/// A release never changes (<see cref="OpenDataRelease"/>), so its files are served with their SHA-256 as ETag, the
/// release's date as Last-Modified (ASP.NET Core's file results answer 304 to If-None-Match and If-Modified-Since),
/// and may be cached for a year. The alias is not cached: the next release moves it.
/// </remarks>
public static class OpenDataEndpoints
{
    public static IEndpointRouteBuilder MapOpenDataEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/networks/{id:int}/open-data/{release:int}/{file}", async (int id, int release, string file, MegaBenchDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var stored = await OpenDataReleases.FileAsync(db, id, release, file, cancellationToken);
            if (stored is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.File(stored.Content, stored.ContentType, lastModified: stored.PublishedAt, entityTag: new EntityTagHeaderValue($"\"{stored.Sha256}\""));
        })
        .ExcludeFromDescription();

        routes.MapGet("/networks/{id:int}/open-data/latest/{file}", async (int id, string file, MegaBenchDbContext db, HttpContext http, CancellationToken cancellationToken) =>
        {
            var latest = await OpenDataReleases.LatestAsync(db, id, cancellationToken);
            if (latest is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-cache";
            return Results.Redirect(Url(id, latest.Value, file));
        })
        .ExcludeFromDescription();
        return routes;
    }

    /// <summary>The address that always leads to the newest release's file.</summary>
    public static string LatestUrl(int networkId, string file) =>
        $"/networks/{networkId}/open-data/latest/{Uri.EscapeDataString(file)}";

    /// <summary>The stable address of a file of a release.</summary>
    public static string Url(int networkId, int release, string file) =>
        $"/networks/{networkId}/open-data/{release}/{Uri.EscapeDataString(file)}";
}
