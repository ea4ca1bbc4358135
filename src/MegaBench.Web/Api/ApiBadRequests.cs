using System.Text.Json;

namespace MegaBench.Web.Api;

/// <summary>
/// A request to <c>/api</c> whose body or parameters cannot be read gets a problem+json that says what is wrong and
/// where, instead of an empty 400 that the status pages would turn into HTML (issue 15, hardening finding 6).
/// </summary>
/// <remarks>
/// Minimal APIs report a body they cannot read by throwing <see cref="BadHttpRequestException"/> when
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is on (set by <see cref="AddApiBadRequestProblems"/>); this
/// middleware, inside the status pages, turns it into the problem. The message never carries .NET type names.
/// </remarks>
public static class ApiBadRequests
{
    public static IServiceCollection AddApiBadRequestProblems(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseApiBadRequestProblems(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var (detail, field) = Describe(e);
            var extensions = field is null ? null : new Dictionary<string, object?> { ["field"] = field };
            await Results.Problem(statusCode: e.StatusCode, title: "The request could not be read", detail: detail, extensions: extensions).ExecuteAsync(context);
        }
    });

    /// <summary>The reader's message and the JSON path of the field at fault, if one is.</summary>
    internal static (string Detail, string? Field) Describe(BadHttpRequestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.InnerException is not JsonException json)
        {
            // Missing body, wrong content type, a route or query value of the wrong form: ASP.NET's message names it.
            return (error.Message, null);
        }

        var where = json.LineNumber is { } line
            ? $" (line {line + 1}, character {(json.BytePositionInLine ?? 0) + 1})"
            : "";
        var field = json.Path is { Length: > 1 } path && path != "$" ? path.TrimStart('$', '.') : null;
        if (json is UnstorableTextException && field is not null)
        {
            return ($"“{field}” holds a character that cannot be stored (NUL, a lone surrogate, U+FFFE or U+FFFF){where}. Remove it and send the text again.", field);
        }

        // The reader's own errors (bad syntax, a body cut short) come wrapped around its internal JsonReaderException;
        // a value of the wrong kind has none.
        var malformed = json.InnerException?.GetType().Name == "JsonReaderException";
        return field is null || malformed
            ? ($"The body is not valid JSON{where}. Send one JSON object, e.g. {{\"value\": \"yes\", \"expectedVersion\": 0}}.", null)
            : ($"“{field}” has a value of the wrong kind{where}. Check the field's type in the API description (/openapi/v1.json) and send it again.", field);
    }
}
