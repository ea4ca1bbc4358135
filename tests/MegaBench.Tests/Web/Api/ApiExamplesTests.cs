using System.Text.Json;
using System.Text.Json.Nodes;
using MegaBench.Tests.Infrastructure;
using MegaBench.Web.Api;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MegaBench.Tests.Web.Api;

/// <summary>
/// Every operation of the served OpenAPI document says what it does and shows an example, and each JSON example reads
/// back into the type the operation declares, with the API's own JSON options (a field the API does not know is
/// refused there): the examples of <see cref="ApiExamples"/> cannot drift from the types.
/// </summary>
public sealed class ApiExamplesTests
{
    [Fact]
    public async Task Every_operation_has_a_description_and_examples_that_read_back_into_its_types()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct))!;
        var json = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var endpoints = factory.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .ToDictionary(d => d.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Last().EndpointName, StringComparer.Ordinal);

        var failures = new List<string>();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                operations++;
                var name = operation!["operationId"]!.GetValue<string>();
                var where = $"{method.ToUpperInvariant()} {path} ({name})";
                if (string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()))
                {
                    failures.Add($"{where}: no description. Add .WithDescription(...) to its endpoint.");
                }

                var examples = 0;
                foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                {
                    if (parameter!["example"] is null)
                    {
                        failures.Add($"{where}: the parameter '{parameter["name"]}' has no example. Add one to ApiExamples.Parameter.");
                    }
                    else
                    {
                        examples++;
                    }
                }

                var endpoint = endpoints[name];
                if (endpoint.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body) is { } body)
                {
                    examples += Check(where, "request body", operation["requestBody"]?["content"]?["application/json"], body.Type);
                }

                foreach (var response in endpoint.SupportedResponseTypes.Where(r => r.StatusCode is >= 200 and < 300 && r.Type is { } t && t != typeof(void) && t != typeof(Stream)))
                {
                    var status = response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    examples += Check(where, $"{status} response", operation["responses"]?[status]?["content"]?["application/json"], response.Type!);
                }

                // A file: the first lines of a text one.
                examples += operation["responses"]!.AsObject()
                    .SelectMany(r => r.Value?["content"]?.AsObject().AsEnumerable() ?? [])
                    .Count(c => !c.Key.StartsWith("application/json", StringComparison.Ordinal) && c.Value?["example"] is not null);
                if (examples == 0)
                {
                    failures.Add($"{where}: no example at all (parameter, body or response).");
                }
            }
        }

        Assert.True(operations >= endpoints.Count, $"The document has {operations} operations; the app maps {endpoints.Count}.");
        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n{string.Join("\n", failures)}");

        int Check(string where, string what, JsonNode? media, Type type)
        {
            if (media is null)
            {
                failures.Add($"{where}: the {what} of type {Name(type)} is not application/json in the document.");
                return 0;
            }

            if (media["example"] is not { } example)
            {
                failures.Add($"{where}: the {what} has no example: ApiExamples has no sample of {Name(ApiExamples.SampleType(type))}. Add one.");
                return 0;
            }

            try
            {
                if (JsonSerializer.Deserialize(example.ToJsonString(), type, json) is null)
                {
                    failures.Add($"{where}: the {what}'s example is null.");
                }
            }
            catch (JsonException e)
            {
                failures.Add($"{where}: the {what}'s example does not read as {Name(type)} with the API's JSON options: {e.Message}");
            }

            return 1;
        }
    }

    private static string Name(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>"
        : type.FullName?.Replace('+', '.') ?? type.Name;
}
