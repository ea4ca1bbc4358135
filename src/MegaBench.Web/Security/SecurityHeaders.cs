namespace MegaBench.Web.Security;

/// <summary>
/// Response headers that tell browsers to run nothing but the app's own files: no inline script or style,
/// no plugins, no framing, no content sniffing, and no full address leaked to other sites (no address at all,
/// and no caching, for the questionnaire links).
/// </summary>
/// <remarks>
/// The pages hold no script at all and no <c>style</c> attribute, so the policy needs no
/// <c>'unsafe-inline'</c>; a page that adds one breaks visibly in the browser instead of opening a hole.
/// The headers are set as the response starts, so error pages and re-executed status pages carry them too.
/// </remarks>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string PermissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Read now: a re-executed status page changes the request path before the response starts.
            var isLink = IsQuestionnaireLink(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = PermissionsPolicy;
                if (isLink)
                {
                    // The address holds the questionnaire link, a secret: never sent to another page or site,
                    // never kept by a browser or proxy cache. This covers the link's error and status pages too.
                    headers["Referrer-Policy"] = "no-referrer";
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }
                else
                {
                    headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>Addresses that carry a questionnaire link: the respondent's pages and their API.</summary>
    public static bool IsQuestionnaireLink(PathString path) =>
        path.StartsWithSegments("/q", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/q", StringComparison.OrdinalIgnoreCase);
}
