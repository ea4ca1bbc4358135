using Microsoft.AspNetCore.Antiforgery;

namespace MegaBench.Web.Security;

/// <summary>
/// What every request to the JSON API must show, checked in one place before any endpoint runs:
/// <list type="bullet">
/// <item>a bearer token that does not sign in (unknown, revoked, expired, malformed) answers 401, never "anonymous";</item>
/// <item>a request that may change something (POST, PUT, PATCH, DELETE) carries a personal API token, or a valid
/// antiforgery token in the <c>RequestVerificationToken</c> header (from <c>GET /api/antiforgery</c>), so that
/// another site cannot make a signed-in browser change data (CSRF).</item>
/// </list>
/// Razor Pages forms validate their own antiforgery field; this covers script requests.
/// </summary>
public static class ApiRequestChecks
{
    /// <summary>Runs after authentication, so that the antiforgery token is checked against the signed-in user.</summary>
    public static IApplicationBuilder UseApiRequestChecks(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var signedInByToken = context.User.Identity is { IsAuthenticated: true, AuthenticationType: ApiTokenAuthentication.Scheme };
            if (ApiTokenAuthentication.PresentsBearerToken(context.Request) && !signedInByToken)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await Results.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "API token not accepted",
                    detail: "The API token is unknown, revoked, expired or malformed. Create a new one on the page /account/tokens and send it as 'Authorization: Bearer mbt_…'.")
                    .ExecuteAsync(context);
                return;
            }

            if (!signedInByToken && ChangesState(context.Request.Method))
            {
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                try
                {
                    await antiforgery.ValidateRequestAsync(context);
                }
                catch (AntiforgeryValidationException)
                {
                    await Results.Problem(
                        statusCode: StatusCodes.Status400BadRequest,
                        title: "Antiforgery token missing or invalid",
                        detail: "A request that changes data needs a personal API token ('Authorization: Bearer mbt_…'), or, from a signed-in browser, " +
                            "the token of GET /api/antiforgery in the 'RequestVerificationToken' header. Fetch a fresh token and send the request again.")
                        .ExecuteAsync(context);
                    return;
                }
            }

            await next(context);
        });

    private static bool ChangesState(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
}
