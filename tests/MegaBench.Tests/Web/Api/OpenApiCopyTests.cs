using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MegaBench.Tests.Infrastructure;

namespace MegaBench.Tests.Web.Api;

/// <summary>
/// The checked-in copy of the OpenAPI document (<c>tests/MegaBench.ApiClient/openapi.json</c>), from which the build
/// generates the client of <c>GeneratedClientTests</c>, is the document the app serves. With
/// <c>MEGABENCH_UPDATE_OPENAPI=1</c> the test rewrites the copy instead (<c>scripts/update-openapi-copy.sh</c>).
/// </summary>
public sealed class OpenApiCopyTests
{
    public const string UpdateVariable = "MEGABENCH_UPDATE_OPENAPI";

    public static string CopyPath => Path.Combine(TestEnvironment.RepositoryRoot(), "tests", "MegaBench.ApiClient", "openapi.json");

    [Fact]
    public async Task The_checked_in_copy_is_the_served_document()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var factory = new MegaBenchAppFactory(database);
        var served = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json", Ct))!;

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            var options = new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            await File.WriteAllTextAsync(CopyPath, served.ToJsonString(options).ReplaceLineEndings("\n") + "\n", Ct);
            return;
        }

        var copy = JsonNode.Parse(await File.ReadAllTextAsync(CopyPath, Ct));
        Assert.True(JsonNode.DeepEquals(served, copy),
            $"{CopyPath} differs from the document the app serves at /openapi/v1.json. Refresh it and regenerate the client with scripts/update-openapi-copy.sh, then review and commit the change.");
    }
}
