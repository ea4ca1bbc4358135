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
public static partial class ApiBadRequests
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

        // A field no request type has (JsonUnmappedMemberHandling.Disallow, set once in Program): the reader's message
        // names the .NET type, so only the field's name is taken from it.
        if (UnknownField(json) is { } unknown)
        {
            var name = field is null ? unknown : field.EndsWith(unknown, StringComparison.Ordinal) ? field : $"{field}.{unknown}";
            return ($"“{name}” is not a field of this request{where}. Remove it, or check its spelling against the API description (/openapi/v1.json).", name);
        }

        // The reader's own errors (bad syntax, a body cut short) come wrapped around its internal JsonReaderException;
        // a value of the wrong kind has none.
        var malformed = json.InnerException?.GetType().Name == "JsonReaderException";
        if (malformed)
        {
            return ($"The body is not valid JSON{where}{(field is null ? "" : $", in or after “{field}”")}. Send one JSON object, e.g. {{\"value\": \"yes\", \"expectedVersion\": 0}}.", field);
        }

        return field is null
            ? ($"The body is not valid JSON{where}. Send one JSON object, e.g. {{\"value\": \"yes\", \"expectedVersion\": 0}}.", null)
            : ($"“{field}” has a value of the wrong kind{where}. Check the field's type in the API description (/openapi/v1.json) and send it again.", field);
    }

    /// <summary>The name of a JSON property that maps to no member, from System.Text.Json's message; null for other errors.</summary>
    private static string? UnknownField(JsonException json) =>
        UnmappedProperty().Match(json.Message) is { Success: true } match ? match.Groups[1].Value : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"^The JSON property '(.*)' could not be mapped to any \.NET member")]
    private static partial System.Text.RegularExpressions.Regex UnmappedProperty();
}
