using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MegaBench.Web.Api;

public static class AntiforgeryEndpoints
{
    public static RouteHandlerBuilder MapAntiforgeryEndpoint(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/antiforgery", Ok<AntiforgeryToken> (HttpContext context, IAntiforgery antiforgery) =>
        {
            // Stores the cookie half and returns the header half; both are bound to the signed-in user.
            var tokens = antiforgery.GetAndStoreTokens(context);
            context.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? "RequestVerificationToken", tokens.RequestToken!));
        })
        .WithTags("Security")
        .WithName("GetAntiforgeryToken")
        .WithSummary("Get an antiforgery token for script requests from a signed-in browser")
        .WithDescription("Send the token in the header named headerName with every POST, PUT, PATCH or DELETE under /api made with the sign-in cookie. Requests with a personal API token need none.");

    public sealed record AntiforgeryToken(string HeaderName, string Token);
}
