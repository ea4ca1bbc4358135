using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json;
using MegaBench.Web.Security;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace MegaBench.Web.Api;

/// <summary>Who may call an operation, as its endpoint declares it and the OpenAPI document says.</summary>
public enum ApiCaller
{
    /// <summary>Anyone: published data is public; a signed-in caller (token or cookie) may see more.</summary>
    Anyone,

    /// <summary>A signed-in caller only (personal API token or session cookie); others get 401.</summary>
    SignedIn,

    /// <summary>Whoever holds the questionnaire link: the token in the path is the credential.</summary>
    LinkHolder,
}

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: the facts no single endpoint states, added in one place. Which
/// credentials exist and which each operation takes (<see cref="ApiCaller"/>), the responses that the request checks
/// give before any endpoint runs (<see cref="ApiRequestChecks"/>), the tags' descriptions and the licence, and each
/// operation's examples, from the samples of <see cref="ApiExamples"/>.
/// <c>redocly lint</c> with its recommended rules checks the result (<c>Web/Api/OpenApiLintTests</c>).
/// </summary>
public static class ApiDocument
{
    public const string BearerScheme = "personalToken";
    public const string CookieScheme = "session";

    /// <summary>Schema name → the one type it describes.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> SchemaTypes = new(StringComparer.Ordinal);

    /// <summary>Tag name → what its operations are about.</summary>
    public static readonly IReadOnlyDictionary<string, string> Tags = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Frameworks"] = "The benchmark frameworks: stakeholder groups, stages, statements and themes, by version.",
        ["Networks"] = "Networks of cities that compare themselves on one framework, and their peer-review matching.",
        ["Cities"] = "The cities of a network and their benchmark rounds.",
        ["Rounds"] = "A city's benchmark of one year: its organisations, scores and exports.",
        ["Organisations"] = "The local organisations of a round and their answers.",
        ["Questionnaire"] = "What a respondent does through a questionnaire link: read, answer, submit.",
        ["Questionnaires (coordinator)"] = "What a city coordinator does with questionnaires: issue and revoke links, follow, reopen and validate them.",
        ["Practices"] = "Promising practices of a city, tagged with the framework's themes.",
        ["Learning cycles"] = "The peer-review cycles of a network: reviews, visits, feedback and actions.",
        ["Reviews"] = "One peer review of a learning cycle: its visit and its feedback.",
        ["Security"] = "Tokens that protect requests from a signed-in browser.",
    };

    /// <summary>
    /// A download: a 200 whose body is a file of <paramref name="contentType"/> (or one of <paramref name="additionalContentTypes"/>).
    /// Declared with <see cref="Stream"/> so that the document gives each content type a binary schema and a client
    /// reads the body as a file; <c>Produces(200, contentType: …)</c> without a type leaves the response without content.
    /// </summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] additionalContentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType, additionalContentTypes);

    public static IServiceCollection AddMegaBenchOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // Schemas are named by the type's own name, so two nested types of one name (QuestionnaireEndpoints.AnswerDto
            // and OrganisationEndpoints.AnswerDto were) shared one schema, and the document described one of them wrongly.
            options.CreateSchemaReferenceId = type =>
            {
                var id = Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
                var own = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
                return id is not null && SchemaTypes.GetOrAdd(id, own) is var first && first != own
                    ? throw new InvalidOperationException($"The API types {first} and {own} would share the OpenAPI schema \"{id}\"; rename one of them.")
                    : id;
            };
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                TypeStrings(schema, context);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var caller = metadata.OfType<ApiCaller>().LastOrDefault();
                Secure(operation, caller, context.Document);
                DescribeQueryParameters(operation, context.Description);
                AddRequestCheckResponses(operation, context.Description.HttpMethod ?? "GET", context.Description.RelativePath ?? "", caller);
                AddExamples(operation, context.Description, context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "MegaBench API";
        document.Info.Description =
            "Frameworks, networks, cities, rounds, organisations, answers, scores, matching and learning cycles of a city " +
            "benchmark, and the questionnaire and coordinator actions. Published data is public; a personal API token " +
            "(created on /account/tokens) or a signed-in browser session reads what the person may see. Errors are " +
            "problem+json (RFC 9457).";
        document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };

        // "http://host/" → "http://host": the paths start with a slash.
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A personal API token ('mbt_…'), created on /account/tokens, sent as 'Authorization: Bearer mbt_…'. It acts with its owner's rights; a write needs no antiforgery token.",
            },
            [CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "MegaBench.Session",
                Description = "The session cookie of a signed-in browser. A write also needs the token of GET /api/antiforgery in the 'RequestVerificationToken' header.",
            },
        };

        var used = document.Paths.Values
            .SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        document.Tags = new HashSet<OpenApiTag>(used.Order(StringComparer.Ordinal).Select(name => new OpenApiTag
        {
            Name = name,
            Description = Tags.TryGetValue(name, out var description)
                ? description
                : throw new InvalidOperationException($"The API tag \"{name}\" has no description; add one to {nameof(ApiDocument)}.{nameof(Tags)}."),
        }));
    }

    /// <summary>
    /// Every string is read through <see cref="StorableStringConverter"/>, and the schema generator cannot see through a
    /// custom converter: it would leave each string property and string parameter untyped (<c>{}</c>), and a generated
    /// client would take and return <c>object</c>. The converter reads and writes JSON strings, so they are typed back,
    /// with <c>null</c> where the property is annotated as nullable.
    /// </summary>
    private static void TypeStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        if (context.JsonTypeInfo.Type != typeof(string) || schema.Type is not null)
        {
            return;
        }

        schema.Type = context.JsonPropertyInfo is { IsGetNullable: true } ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
    }

    /// <summary>
    /// A query parameter as its handler declares it: optional when its type is nullable (<c>string[]? exclude</c>), and a
    /// list of strings when it is <c>string[]</c>. Without this the document marks such a list required, with no item type.
    /// </summary>
    private static void DescribeQueryParameters(OpenApiOperation operation, ApiDescription description)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query
                || description.ParameterDescriptions.FirstOrDefault(d => string.Equals(d.Name, parameter.Name, StringComparison.Ordinal))?.ParameterDescriptor
                    is not IParameterInfoParameterDescriptor { ParameterInfo: var info })
            {
                continue;
            }

            if (new NullabilityInfoContext().Create(info).ReadState == NullabilityState.Nullable)
            {
                parameter.Required = false;
            }

            if (info.ParameterType == typeof(string[]) && parameter.Schema is OpenApiSchema { Items: null } list)
            {
                list.Items = new OpenApiSchema { Type = JsonSchemaType.String };
            }
        }
    }

    private static void Secure(OpenApiOperation operation, ApiCaller caller, OpenApiDocument? document)
    {
        OpenApiSecurityRequirement Requirement(string scheme) => new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
        operation.Security = caller switch
        {
            // The link is the credential; an empty requirement says no other is needed.
            ApiCaller.LinkHolder => [new OpenApiSecurityRequirement()],
            ApiCaller.SignedIn => [Requirement(BearerScheme), Requirement(CookieScheme)],
            _ => [new OpenApiSecurityRequirement(), Requirement(BearerScheme), Requirement(CookieScheme)],
        };
    }

    /// <summary>
    /// The examples of <see cref="ApiExamples"/>, written with the API's own JSON options (<paramref name="json"/>): of the
    /// JSON body, of each JSON success response (found from the body parameter's and the declared response types), of
    /// each parameter, and the first lines of a text file where the operation serves one (a download, declared with
    /// <see cref="ProducesFile"/>).
    /// </summary>
    private static void AddExamples(OpenApiOperation operation, ApiDescription description, JsonSerializerOptions json)
    {
        var name = description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().LastOrDefault()?.EndpointName ?? "";
        JsonNode? Example(Type? type) => type is null || ApiExamples.For(type) is not { } sample ? null : JsonSerializer.SerializeToNode(sample, sample.GetType(), json);

        var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body);
        if (body is not null && operation.RequestBody?.Content is { } requestContent && requestContent.TryGetValue(JsonContentType, out var request))
        {
            request.Example ??= Example(body.Type);
        }

        foreach (var declared in description.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300))
        {
            var key = declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses?.TryGetValue(key, out var found) != true || found is not OpenApiResponse response)
            {
                continue;
            }

            // A download (ProducesFile: a Stream per content type) gets the example of its first lines where one is true.
            var typed = declared.Type is { } type && type != typeof(void) && type != typeof(Stream);
            foreach (var (contentType, media) in response.Content ?? new Dictionary<string, OpenApiMediaType>())
            {
                media.Example ??= contentType == JsonContentType && typed
                    ? Example(declared.Type)
                    : ApiExamples.File(name, contentType) is { } text ? JsonValue.Create(text) : null;
            }
        }

        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>())
        {
            if (parameter.Example is null && parameter.Name is { } parameterName && ApiExamples.Parameter(name, parameterName) is { } value)
            {
                parameter.Example = JsonSerializer.SerializeToNode(value, value.GetType(), json);
            }
        }
    }

    private const string JsonContentType = "application/json";

    /// <summary>The answers of <see cref="ApiRequestChecks"/> and of the endpoints' shared refusals, where they apply.</summary>
    private static void AddRequestCheckResponses(OpenApiOperation operation, string method, string path, ApiCaller caller)
    {
        operation.Responses ??= [];
        void Add(int status, string description)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var existing))
            {
                if (existing is OpenApiResponse response && string.IsNullOrEmpty(response.Description))
                {
                    response.Description = description;
                }

                return;
            }

            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/problem+json"] = new OpenApiMediaType(),
                },
            };
        }

        var api = path.StartsWith("api/", StringComparison.Ordinal);
        if (api)
        {
            Add(StatusCodes.Status401Unauthorized, caller == ApiCaller.SignedIn
                ? "Not signed in, or the bearer token is unknown, revoked, expired or malformed."
                : "The bearer token is unknown, revoked, expired or malformed (without a token, the request is anonymous).");
        }

        if (caller == ApiCaller.SignedIn)
        {
            Add(StatusCodes.Status403Forbidden, "Signed in, but without the right to do this (for instance, not a coordinator of the city).");
        }

        if (api && !HttpMethods.IsGet(method))
        {
            Add(StatusCodes.Status400BadRequest, "The body cannot be read, or a write without a personal API token lacks a valid antiforgery token.");
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(StatusCodes.Status404NotFound, "No such object, or the caller may not see it.");
        }
    }
}
